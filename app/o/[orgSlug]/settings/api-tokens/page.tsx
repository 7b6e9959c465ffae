import type { Metadata } from "next";
import Link from "next/link";
import { ApiTokenTable } from "@/components/api-tokens/api-token-table";
import { CreateApiTokenForm } from "@/components/api-tokens/create-api-token-form";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadApiTokensPage } from "@/lib/db/api-tokens-page";
import { notFoundUnlessCan } from "@/lib/server/not-found";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

type Props = { params: Promise<{ orgSlug: string }> };

/** The organisation's API tokens: owners and admins only (anyone else: not found). */
export default async function ApiTokensPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "org.update");
  const page = await loadApiTokensPage(ctx);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let a CI job or an integration use the REST API (/api/v1) as a viewer or an editor of this organisation. Everything a token changes is in the activity log under its name."
      />
      <p className="mb-4 flex gap-4 text-sm">
        <Link className="text-brand-700 underline" href={`/o/${ctx.orgSlug}/settings`}>
          Back to settings
        </Link>
        <Link className="text-brand-700 underline" href="/docs/api">
          API reference
        </Link>
      </p>
      <Card className="mb-6">
        <CardTitle>Create a token</CardTitle>
        <CardDescription className="mb-4">
          Send it as <code>Authorization: Bearer assay_…</code>. The secret is shown once, right
          after you create it.
        </CardDescription>
        <CreateApiTokenForm
          orgSlug={page.orgSlug}
          engagements={page.engagements}
          expiry={page.expiry}
          timeZone={page.timeZone}
          action={createApiTokenAction}
        />
      </Card>
      <section aria-labelledby="api-token-list">
        <h2 id="api-token-list" className="mb-3 text-lg font-semibold">
          Tokens
        </h2>
        {page.tokens.length === 0 ? (
          <p className="text-sm text-slate-600">
            No tokens yet. Create one above for each job or integration, so each can be revoked on
            its own.
          </p>
        ) : (
          <ApiTokenTable
            orgSlug={page.orgSlug}
            tokens={page.tokens}
            revoke={revokeApiTokenAction}
          />
        )}
      </section>
    </>
  );
}
