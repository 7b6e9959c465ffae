import type { ReactNode } from "react";
import { AccessBanner } from "@/components/auditors/access-banner";
import { AppShell } from "@/components/shell/app-shell";
import { requireOrgContext, requireUser } from "@/lib/auth/session";
import { loadShell } from "@/lib/server/shell";

type Props = { children: ReactNode; params: Promise<{ orgSlug: string }> };

export default async function OrganizationLayout({ children, params }: Props) {
  const { orgSlug } = await params;
  const ctx = await requireOrgContext(orgSlug);
  const user = await requireUser();
  const { organizations, nav, notice } = await loadShell(ctx, user);
  return (
    <AppShell
      org={{ slug: ctx.orgSlug, name: ctx.orgName }}
      organizations={organizations}
      user={user}
      nav={nav}
    >
      {notice ? <AccessBanner {...notice} /> : null}
      {children}
    </AppShell>
  );
}
