import "server-only";
import { readSigningKeySetting } from "@/lib/audit-key";
import {
  compareWithAnchors,
  crossCheckCopies,
  type ActivityAudit,
  type Anchor,
  type AnchorFinding,
  type HeldCheckpoint,
} from "@/lib/domain/activity-anchors";
import { ChainVerifier } from "@/lib/domain/activity-chain";
import { checkpointFileName, type CheckpointDocument } from "@/lib/domain/activity-checkpoint";
import {
  signatureStatus,
  type SignatureStatus,
  type VerifyingKey,
} from "@/lib/domain/activity-signature";
import type { LabelledHead } from "@/lib/schemas/activity-heads";
import { AppError } from "@/lib/errors";
import { assertCan } from "./authorize";
import { checkpointCopyStore } from "./checkpoint-copies";
import { copyDocument, documentOf, MAX_COPY_BYTES } from "./checkpoints";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementScope } from "./scope";

// The activity log checked against everything that recorded its head: checkpoint rows and their
// copies in the blob store, export runs, readiness snapshots, and heads people bring from outside
// (files kept from earlier exports, checkpoint files). The chain's own links catch a careless
// edit; the anchors catch a careful rewrite (entries removed, renumbered and rehashed).

export type AuditOptions = {
  /**
   * Verify signatures with this key instead of the configured signing key's public half. Given
   * explicitly (an auditor's copy of the public key), a checkpoint signed with any other key
   * fails; with the configured key it is only noted, so that replacing the key does not fail
   * every older checkpoint.
   */
  key?: VerifyingKey | null;
  /**
   * Read at most this many blob-store copies: the newest (each vouches for every entry before
   * it), plus any whose row is gone. Default 50, for pages; the script reads all.
   */
  maxCopies?: number;
};

const VERIFY_BATCH = 2_000;
const DEFAULT_MAX_COPIES = 50;
const COPY_READS_AT_ONCE = 8;

/** What the asker may see of exports: everything, or an auditor's engagements only. */
type Visible = { run: (runId: string) => boolean; engagement: (engagementId: string) => boolean };

const day = (iso: string): string => iso.slice(0, 10);

function checkpointLabel(document: CheckpointDocument): string {
  return document.reason === "export"
    ? `Export checkpoint of ${day(document.createdAt)} (run ${document.exportRunId ?? "?"}, entry #${document.seq})`
    : `Daily checkpoint of ${day(document.createdAt)} (entry #${document.seq})`;
}

function configuredKey(): VerifyingKey | null {
  const setting = readSigningKeySetting();
  return setting.state === "configured" ? setting.key : null;
}

/** Anchors that are checkpoints: a signature to check, and where it came from. */
type KeyInUse = { key: VerifyingKey | null; strict: boolean };

function signatureOf(document: CheckpointDocument, { key, strict }: KeyInUse): SignatureStatus {
  const status = signatureStatus(document, key);
  return strict && status === "other_key" ? "invalid" : status;
}

function checkpointAnchor(document: CheckpointDocument, where: string, key: KeyInUse): Anchor {
  return {
    label: `${checkpointLabel(document)}${where}`,
    seq: document.seq,
    hash: document.hash,
    signature: signatureOf(document, key),
  };
}

const nameOf = (key: string): string => key.slice(key.lastIndexOf("/") + 1);
const EXPORT_COPY = /^\d+-export-(.+)\.json$/;

async function readCopies(
  orgId: string,
  rowNames: ReadonlySet<string>,
  visible: Visible,
  maxCopies: number,
): Promise<{ documents: CheckpointDocument[]; unreadable: AnchorFinding[]; total: number }> {
  const store = checkpointCopyStore();
  const keys: string[] = [];
  for await (const { key } of store.listCheckpoints(orgId)) {
    const runId = EXPORT_COPY.exec(nameOf(key))?.[1];
    if (runId === undefined || visible.run(runId)) keys.push(key);
  }
  // Names sort by sequence: the newest vouch for everything before them.
  keys.sort().reverse();
  const chosen = keys.filter((key, index) => index < maxCopies || !rowNames.has(nameOf(key)));
  const documents: CheckpointDocument[] = [];
  const unreadable: AnchorFinding[] = [];
  for (let start = 0; start < chosen.length; start += COPY_READS_AT_ONCE) {
    const batch = chosen.slice(start, start + COPY_READS_AT_ONCE);
    const read = await Promise.all(
      batch.map((key) => store.getCheckpoint(key, MAX_COPY_BYTES).catch(() => null)),
    );
    batch.forEach((key, index) => {
      const bytes = read[index];
      const document = bytes ? copyDocument(bytes) : null;
      if (
        document &&
        document.organizationId === orgId &&
        checkpointFileName(document) === nameOf(key)
      )
        documents.push(document);
      else
        unreadable.push({
          label: key,
          seq: 0,
          problem: null,
          note: "unreadable",
          message: `The blob store's checkpoint ${nameOf(key)} cannot be read as this organisation's checkpoint.`,
        });
    });
  }
  return { documents, unreadable, total: keys.length };
}

function externalAnchors(
  orgId: string,
  heads: readonly LabelledHead[],
  key: KeyInUse,
): { anchors: Anchor[]; findings: AnchorFinding[] } {
  const anchors: Anchor[] = [];
  const findings: AnchorFinding[] = [];
  for (const { label, head } of heads) {
    const { checkpoint } = head;
    const refuse = (message: string) =>
      findings.push({
        label,
        seq: head.seq,
        problem: "copy_differs",
        note: null,
        message: `${label}: ${message}`,
      });
    if (checkpoint && checkpoint.organizationId !== orgId)
      refuse("it belongs to another organisation.");
    else if (checkpoint && (checkpoint.seq !== head.seq || checkpoint.hash !== head.hash))
      refuse("its head and its checkpoint disagree: the file was edited.");
    else
      anchors.push({
        label,
        seq: head.seq,
        hash: head.hash,
        signature: checkpoint ? signatureOf(checkpoint, key) : null,
      });
  }
  return { anchors, findings };
}

/**
 * Verifies the organisation's activity log and compares it with every recorded head, and with
 * `external` heads. Read only. Any member may run it: the answer says whether, and where, the
 * log disagrees, never what it holds.
 */
export async function auditActivityLog(
  ctx: OrgContext,
  external: readonly LabelledHead[] = [],
  options: AuditOptions = {},
): Promise<ActivityAudit> {
  assertCan(ctx, "org.view");
  return audit(ctx.orgId, engagementScope(ctx), external, options);
}

/**
 * For `npm run activity:verify`, run by the server's operator with database access (nobody
 * signs in): the organisation by its slug, NOT_FOUND when there is none.
 */
export async function auditActivityLogAsOperator(
  orgSlug: string,
  external: readonly LabelledHead[],
  options: AuditOptions,
): Promise<ActivityAudit> {
  const org = await getDb().organization.findUnique({
    where: { slug: orgSlug },
    select: { id: true },
  });
  if (!org) throw new AppError("NOT_FOUND", `No organisation has the address "${orgSlug}".`);
  return audit(org.id, null, external, options);
}

/**
 * `scope`: an auditor's engagements; their audit leaves out the exports (runs, checkpoints,
 * snapshots) of other engagements, which they may not know of. Null: the whole organisation.
 */
async function audit(
  orgId: string,
  scope: readonly string[] | null,
  external: readonly LabelledHead[],
  options: AuditOptions,
): Promise<ActivityAudit> {
  const db = getDb();
  const key: KeyInUse =
    options.key === undefined
      ? { key: configuredKey(), strict: false }
      : { key: options.key, strict: true };
  const [org, rows, runs, snapshots] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { activitySeq: true } }),
    db.activityCheckpoint.findMany({ where: { organizationId: orgId }, orderBy: { seq: "asc" } }),
    db.exportRun.findMany({
      where: { organizationId: orgId },
      select: {
        id: true,
        engagementId: true,
        format: true,
        createdAt: true,
        chainSeq: true,
        chainHash: true,
      },
    }),
    db.readinessSnapshot.findMany({
      where: { organizationId: orgId, chainSeq: { not: null } },
      select: { engagementId: true, day: true, chainSeq: true, chainHash: true },
    }),
  ]);
  const inScope = new Set(
    runs.filter((run) => scope === null || scope.includes(run.engagementId)).map((run) => run.id),
  );
  const visible: Visible = {
    run: (runId) => scope === null || inScope.has(runId),
    engagement: (engagementId) => scope === null || scope.includes(engagementId),
  };

  const rowDocuments = rows
    .flatMap((row) => documentOf(row) ?? [])
    .filter((document) => document.exportRunId === null || visible.run(document.exportRunId));
  const rowNames = new Set(rowDocuments.map(checkpointFileName));
  const copies = await readCopies(
    orgId,
    rowNames,
    visible,
    options.maxCopies ?? DEFAULT_MAX_COPIES,
  );
  const outside = externalAnchors(orgId, external, key);
  const anchors: Anchor[] = [
    ...rowDocuments.map((document) => checkpointAnchor(document, "", key)),
    ...copies.documents.map((document) => checkpointAnchor(document, " (blob store copy)", key)),
    ...runs.flatMap((run) =>
      run.chainSeq === null || run.chainHash === null || !visible.run(run.id)
        ? []
        : [
            {
              label: `Export ${run.format} of ${day(run.createdAt.toISOString())} (run ${run.id})`,
              seq: run.chainSeq,
              hash: run.chainHash,
              signature: null,
            },
          ],
    ),
    ...snapshots.flatMap((snapshot) =>
      snapshot.chainSeq === null ||
      snapshot.chainHash === null ||
      !visible.engagement(snapshot.engagementId)
        ? []
        : [
            {
              label: `Readiness snapshot of ${snapshot.day}`,
              seq: snapshot.chainSeq,
              hash: snapshot.chainHash,
              signature: null,
            },
          ],
    ),
    ...outside.anchors,
  ];

  const verifier = new ChainVerifier(new Set(anchors.map((anchor) => anchor.seq)));
  for (let after = 0; ;) {
    const batch = await db.activityLogEntry.findMany({
      where: { organizationId: orgId, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: VERIFY_BATCH,
      omit: { id: true },
    });
    for (const entry of batch) verifier.add(entry);
    if (batch.length < VERIFY_BATCH) break;
    after = batch[batch.length - 1]?.seq ?? after;
  }
  const chain = verifier.verdict(org.activitySeq);
  const head = verifier.head();

  const held = (document: CheckpointDocument, label: string): HeldCheckpoint => ({
    name: checkpointFileName(document),
    label,
    document,
  });
  const findings = [
    ...outside.findings,
    ...crossCheckCopies(
      rowDocuments.map((document) => held(document, checkpointLabel(document))),
      copies.documents.map((document) => held(document, checkpointLabel(document))),
    ),
    ...compareWithAnchors({ head, hashAt: (seq) => verifier.hashAt(seq) }, anchors),
    ...copies.unreadable,
  ].sort((a, b) => Number(b.problem !== null) - Number(a.problem !== null));
  return {
    ok: chain.ok && findings.every((finding) => finding.problem === null),
    chain,
    head,
    keyId: key.key?.keyId ?? null,
    findings,
    anchors: anchors.length,
    copies: { read: copies.documents.length + copies.unreadable.length, total: copies.total },
  };
}
