import { Alert } from "@/components/ui/alert";
import type { ActivityAudit, AnchorFinding } from "@/lib/domain/activity-anchors";

// The answer of an activity log audit: one line that says whether the log can be trusted, then
// what disagrees, what is only noted, and how many recorded heads agree. Plain props, no hooks:
// the pages render it on the server and the verifier in the browser.

function headline(audit: ActivityAudit): string {
  const { chain, head } = audit;
  if (!chain.ok)
    return `Integrity check failed at entry #${chain.firstBreak.seq} (${chain.firstBreak.reason.replaceAll("_", " ")}): the log was altered outside Assay.`;
  const problems = audit.findings.filter((finding) => finding.problem !== null).length;
  if (problems > 0)
    return `Integrity check failed: the log's own links hold, but it disagrees with ${problems} recorded head${problems === 1 ? "" : "s"}, so it was rewritten outside Assay.`;
  const agreeing = audit.findings.filter(
    (finding) => finding.problem === null && finding.note === null,
  ).length;
  const anchors =
    agreeing === 0
      ? "no checkpoint or export recorded a head yet"
      : `it agrees with ${agreeing} recorded head${agreeing === 1 ? "" : "s"}`;
  return `Integrity check passed: all ${chain.checked} entries are chained and unmodified (head #${head.seq}), and ${anchors}.`;
}

function FindingList({ title, findings }: { title: string; findings: readonly AnchorFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <div>
      <h3 className="font-medium">{title}</h3>
      <ul className="ml-5 list-disc break-words">
        {findings.map((finding, index) => (
          <li key={`${finding.label}-${index}`}>{finding.message}</li>
        ))}
      </ul>
    </div>
  );
}

const SHOWN_AGREEING = 5;

export function ActivityAuditReport({ audit }: { audit: ActivityAudit }) {
  const problems = audit.findings.filter((finding) => finding.problem !== null);
  const notes = audit.findings.filter(
    (finding) => finding.problem === null && finding.note !== null,
  );
  const agreeing = audit.findings.filter(
    (finding) => finding.problem === null && finding.note === null,
  );
  return (
    <section aria-label="Activity log check" className="space-y-3 text-sm">
      <Alert tone={audit.ok ? "success" : "error"}>{headline(audit)}</Alert>
      <FindingList title="Disagrees with the log" findings={problems} />
      <FindingList title="Noted" findings={notes} />
      <FindingList
        title={
          agreeing.length > SHOWN_AGREEING
            ? `Agrees (newest ${SHOWN_AGREEING} of ${agreeing.length})`
            : "Agrees"
        }
        findings={agreeing.slice(0, SHOWN_AGREEING)}
      />
      <p className="text-xs text-slate-600">
        {audit.keyId
          ? `Signatures checked with key ${audit.keyId}.`
          : "Signatures not checked: no signing key is configured."}{" "}
        {audit.copies.read} of {audit.copies.total} blob-store copies read (the newest;{" "}
        <code>npm run activity:verify</code> reads all).
      </p>
    </section>
  );
}
