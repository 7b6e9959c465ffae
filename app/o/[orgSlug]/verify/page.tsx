import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PackVerifier } from "@/components/verify/pack-verifier";
import { requireOrgContext } from "@/lib/auth/session";

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
          Without Assay: <code>npm run pack:verify -- pack.zip</code> from a checkout, or compare <code>sha256sum</code> of each file with manifest.json.
        </p>
      </Card>
    </>
  );
}
