import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitationForm } from "@/components/org/accept-invitation-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";
import { previewInvitation } from "@/lib/db/invitations";
import { InvitationTokenParam } from "@/lib/schemas/organization";
import { acceptInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

type Props = { params: Promise<{ token: string }> };

const UNUSABLE = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was revoked. Ask an admin of the organisation for a new one.",
  expired: "This invitation has expired. Ask an admin of the organisation for a new one.",
} as const;

export default async function InvitationPage({ params }: Props) {
  const parsed = InvitationTokenParam.safeParse((await params).token);
  const invitation = parsed.success ? await previewInvitation(parsed.data) : null;
  const home = (
    <Link className="text-brand-700 hover:underline" href="/">
      Go to Assay
    </Link>
  );
  if (!parsed.success || !invitation) {
    return (
      <AuthCard title="Invitation not found" footer={home}>
        <Alert tone="error">
          This invitation link is not valid. Check that you copied all of it.
        </Alert>
      </AuthCard>
    );
  }
  if (invitation.state !== "pending") {
    return (
      <AuthCard title={`Join ${invitation.orgName}`} footer={home}>
        <Alert tone="warning">{UNUSABLE[invitation.state]}</Alert>
      </AuthCard>
    );
  }
  const user = await getCurrentUser();
  const here = `/invite/${parsed.data}`;
  const query = new URLSearchParams({ callbackUrl: here, email: invitation.email });
  return (
    <AuthCard title={`Join ${invitation.orgName}`} footer={home}>
      <p className="mb-4 text-sm text-slate-700">
        You have been invited to join <strong>{invitation.orgName}</strong> as{" "}
        <strong>{invitation.role}</strong>. The invitation is for{" "}
        <strong>{invitation.email}</strong>.
      </p>
      {user ? (
        <>
          {user.email !== invitation.email ? (
            <Alert tone="warning" className="mb-4">
              You are signed in as {user.email}. Sign out and sign in as {invitation.email} to
              accept.
            </Alert>
          ) : null}
          <AcceptInvitationForm
            token={parsed.data}
            orgName={invitation.orgName}
            action={acceptInvitationAction}
          />
        </>
      ) : (
        <div className="flex flex-col gap-2">
          <Button asChild>
            <Link href={`/sign-up?${query}`}>Create an account to accept</Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href={`/sign-in?${query}`}>I already have an account</Link>
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
