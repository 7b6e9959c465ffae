import type { Metadata } from "next";
import Link from "next/link";
import { SsoSettingsForm } from "@/components/org/sso-settings-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { getSsoSettings } from "@/lib/db/sso";
import { oidcSettings } from "@/lib/oidc-settings";
import { notFoundUnlessCan } from "@/lib/server/not-found";
import { updateSsoSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Single sign-on" };

type Props = { params: Promise<{ orgSlug: string }> };

/** Single sign-on for the organisation: owners only (anyone else: not found). */
export default async function SsoSettingsPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "owner.manage");
  const settings = await getSsoSettings(ctx);
  const provider = oidcSettings();
  return (
    <>
      <PageHeader title="Single sign-on" />
      <p className="mb-4 text-sm">
        <Link className="text-brand-700 underline" href={`/o/${ctx.orgSlug}/settings`}>
          Back to settings
        </Link>
      </p>
      {provider ? (
        <Alert tone="info">
          This server signs people in with {provider.name} ({provider.issuer}). Accounts are linked
          by verified email address.
        </Alert>
      ) : (
        <Alert tone="info">
          Single sign-on is not configured on this server (OIDC_ISSUER and related settings). You
          can still claim your domain; the settings take effect once it is.
        </Alert>
      )}
      <Card className="mt-6">
        <CardTitle>Email domain and membership</CardTitle>
        <CardDescription className="mb-4">
          Claim your company&apos;s email domain, choose whether people from it join this
          organisation on their first SSO sign-in, and whether members must sign in with SSO.
        </CardDescription>
        <SsoSettingsForm orgSlug={ctx.orgSlug} {...settings} action={updateSsoSettingsAction} />
      </Card>
    </>
  );
}
