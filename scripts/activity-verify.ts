import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { auditActivityLogAsOperator } from "../lib/db/activity-audit";
import type { ActivityAudit } from "../lib/domain/activity-anchors";
import { verifyingKeyFromPem, type VerifyingKey } from "../lib/domain/activity-signature";
import type { LabelledHead } from "../lib/schemas/activity-heads";
import { readHeadFile } from "./lib/activity-head-files";
import { plural } from "../lib/domain/plural";
import { keepCheckpointCopiesInBlobStore } from "../lib/storage/checkpoint-copies";

// npm run activity:verify -- <org-slug> [file ...] [--public-key <public.pem>]
// Checks an organisation's activity log (run where the app's DATABASE_URL and blob store are
// set) against every head recorded for it: checkpoints and their blob-store copies, exports,
// snapshots, and the files given: pack ZIPs, manifest.json files, JSON exports, checkpoint
// files. With --public-key, every signature must verify with that key (the auditor's copy of
// the one on the settings page); without it, with the configured AUDIT_SIGNING_KEY's. Reads
// every blob-store copy. Exits 0 when everything agrees, 1 otherwise.

type Output = { log: (line: string) => void; error: (line: string) => void };

const USAGE =
  "Usage: npm run activity:verify -- <org-slug> [pack.zip | manifest.json | export.json | checkpoint.json ...] [--public-key public.pem]";

type Arguments = { slug: string; files: string[]; keyFile: string | null };

function parseArguments(args: readonly string[]): Arguments | null {
  const rest = [...args];
  let keyFile: string | null = null;
  const keyAt = rest.indexOf("--public-key");
  if (keyAt !== -1) {
    keyFile = rest[keyAt + 1] ?? null;
    if (!keyFile) return null;
    rest.splice(keyAt, 2);
  }
  const [slug, ...files] = rest;
  if (!slug || [slug, ...files].some((arg) => arg.startsWith("-"))) return null;
  return { slug, files, keyFile };
}

function report(audit: ActivityAudit, slug: string, out: Output): void {
  const { chain, head } = audit;
  out.log(
    `Activity log of ${slug}: ${chain.checked} entries verified, head #${head.seq} ${head.hash}.`,
  );
  out.log(
    chain.ok
      ? "Chain links: intact."
      : `Chain links: broken at entry #${chain.firstBreak.seq} (${chain.firstBreak.reason.replaceAll("_", " ")}).`,
  );
  out.log(
    audit.keyId
      ? `Signatures checked with key ${audit.keyId}.`
      : "Signatures not checked: no public key given and no AUDIT_SIGNING_KEY configured.",
  );
  out.log(
    `Compared with ${audit.anchors} recorded heads (${audit.copies.read} of ${audit.copies.total} blob-store copies read).`,
  );
  for (const finding of audit.findings) {
    const tag = finding.problem ? "FAILED " : finding.note ? "note   " : "ok     ";
    out.log(`${tag} ${finding.message}`);
  }
}

export async function main(args: string[], out: Output = console): Promise<number> {
  keepCheckpointCopiesInBlobStore();
  const parsed = parseArguments(args);
  if (!parsed) {
    out.error(USAGE);
    return 1;
  }
  try {
    let key: VerifyingKey | undefined;
    if (parsed.keyFile) key = verifyingKeyFromPem(await readFile(parsed.keyFile, "utf8"));
    const heads: LabelledHead[] = [];
    let unreadable = 0;
    for (const file of parsed.files) {
      const found = await readHeadFile(file);
      if (found.ok) heads.push(found.head);
      else {
        unreadable += 1;
        out.log(`FAILED  ${found.message}`);
      }
    }
    const audit = await auditActivityLogAsOperator(parsed.slug, heads, {
      maxCopies: Number.POSITIVE_INFINITY,
      ...(key ? { key } : {}),
    });
    report(audit, parsed.slug, out);
    const problems =
      audit.findings.filter((finding) => finding.problem !== null).length +
      unreadable +
      (audit.chain.ok ? 0 : 1);
    out.log(
      problems === 0
        ? "OK: the activity log agrees with every recorded head."
        : `FAILED: ${plural(problems, "problem")}, listed above.`,
    );
    return problems === 0 ? 0 : 1;
  } catch (error) {
    out.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
