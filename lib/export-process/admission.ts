// Who may start a job now: at most JOB_RULES[kind].perMember of a kind per member, and at most
// `capacity` jobs of all kinds in this app instance (running, waiting for a job process, or still
// receiving their input). Beyond either, RATE_LIMITED with when to try again. Counted in memory:
// the limits are per app instance, like the job processes they protect.
import { AppError } from "@/lib/errors";
import { JOB_RULES, type JobKind } from "./jobs";

const BUSY_RETRY_SECONDS = 30;

/** The instance has no room for another job (also when one waited longer than its budget). */
export function instanceBusy(): AppError {
  return new AppError(
    "RATE_LIMITED",
    "The server is busy laying out PDFs and checking packs for others. Try again in a minute.",
    undefined,
    {
      retryAfterSeconds: BUSY_RETRY_SECONDS,
    },
  );
}

export class Admission {
  private readonly held = new Map<string, number>();
  private total = 0;

  constructor(private readonly capacity: () => number) {}

  /** Admits one job of `kind` for `member`, or throws RATE_LIMITED; the result releases it (once). */
  admit(member: string, kind: JobKind): () => void {
    const key = `${kind}\u0000${member}`;
    const mine = this.held.get(key) ?? 0;
    const rule = JOB_RULES[kind];
    if (mine >= rule.perMember)
      throw new AppError("RATE_LIMITED", rule.memberBusy, undefined, {
        retryAfterSeconds: rule.retryAfterSeconds,
      });
    if (this.total >= this.capacity()) throw instanceBusy();
    this.held.set(key, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left === 0) this.held.delete(key);
      else this.held.set(key, left);
    };
  }
}
