import type { Metadata } from "next";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ActivityAuditReport } from "@/components/verify/activity-audit-report";
import { ActivityVerifier } from "@/components/verify/activity-verifier";
import { PackVerifier } from "@/components/verify/pack-verifier";
import { requireOrgContext } from "@/lib/auth/session";
import { auditActivityLog } from "@/lib/db/activity-audit";

export const metadata: Metadata = { title: "Verify a pack" };

export default async function VerifyPackPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const ctx = await requireOrgContext((await params).orgSlug);
  return (
    <>
      <PageHeader
        title="Verify an evidence pack"
        description="Checks every file in a pack against the SHA-256 and size its manifest.json lists, and reports any file that changed, is missing or was added."
      />
      <Card>
        <PackVerifier orgSlug={ctx.orgSlug} />
        <p className="mt-4 text-xs text-slate-600">
          Without Assay: <code>npm run pack:verify -- pack.zip</code> from a checkout, or compare{" "}
          <code>sha256sum</code> of each file with manifest.json.
        </p>
      </Card>
      <Card className="mt-6">
        <CardTitle>Activity log</CardTitle>
        <CardDescription>
          Checks the activity log against every head recorded for it (signed checkpoints and their
          copies in file storage, exports, snapshots) and against files you kept from earlier
          exports. A log rewritten after one of them disagrees with it.
        </CardDescription>
        <div className="mt-4">
          <ActivityVerifier orgSlug={ctx.orgSlug}>
            <ActivityAuditReport audit={await auditActivityLog(ctx)} />
          </ActivityVerifier>
        </div>
        <p className="mt-4 text-xs text-slate-600">
          On the server:{" "}
          <code>npm run activity:verify -- {ctx.orgSlug} pack.zip --public-key public.pem</code>.
        </p>
      </Card>
    </>
  );
}
