// The jobs a web request hands to a job process and waits for: CPU-heavy work on input a member
// sent (a paperwork draft, an uploaded pack), with nothing read from the database. Each kind has
// a time budget, a limit per member, and the messages a member sees when it is refused. The work
// itself is in perform-job.ts.
import { AppError } from "@/lib/errors";
import type { PackVerification, VerifyLimits } from "@/lib/export/verify-pack";
import { paperworkPdfBudgetMs, verifyBudgetMs } from "./settings";

export type JobInput = {
  "paperwork-pdf": { markdown: string; title: string; footer: string };
  "verify-pack": { zipPath: string; limits: Partial<VerifyLimits> };
};
export type JobOutput = { "paperwork-pdf": Uint8Array; "verify-pack": PackVerification };
export type JobKind = keyof JobInput;
export type Job = { [K in JobKind]: { kind: K; input: JobInput[K] } }[JobKind];

export const JOB_KINDS: readonly JobKind[] = ["paperwork-pdf", "verify-pack"];

type JobRule = {
  /** Jobs of this kind one member may have admitted at once. */
  perMember: number;
  budgetMs: () => number;
  /** RATE_LIMITED when the member is at `perMember`. */
  memberBusy: string;
  retryAfterSeconds: number;
  /** TOO_LARGE when the budget runs out. */
  tooLong: (seconds: number) => string;
};

export const JOB_RULES: Record<JobKind, JobRule> = {
  "paperwork-pdf": {
    perMember: 2,
    budgetMs: () => paperworkPdfBudgetMs(),
    memberBusy:
      "You already have two PDFs being laid out. Wait for them to finish, then try again.",
    retryAfterSeconds: 10,
    tooLong: (seconds) =>
      `The draft took longer than ${seconds} seconds to lay out as a PDF. Shorten it, or download the Markdown instead.`,
  },
  "verify-pack": {
    perMember: 1,
    budgetMs: () => verifyBudgetMs(),
    memberBusy: "You are already checking a pack. Wait for it to finish, then try again.",
    retryAfterSeconds: 30,
    tooLong: (seconds) =>
      `The pack took longer than ${seconds} seconds to check here. Check it with npm run pack:verify on the server instead.`,
  },
};

export function timedOut(kind: JobKind, budgetMs: number): AppError {
  return new AppError("TOO_LARGE", JOB_RULES[kind].tooLong(Math.round(budgetMs / 1000)));
}
