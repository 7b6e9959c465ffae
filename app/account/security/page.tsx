import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionList } from "@/components/account/session-list";
import { UserMenu } from "@/components/shell/user-menu";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { getCurrentSession, requireUser } from "@/lib/auth/session";
import { listSessions } from "@/lib/db/sessions";
import { describeDevice } from "@/lib/domain/sessions";
import { changePasswordAction, revokeSessionAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Security" };

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const when = (date: Date) => `${timeFormat.format(date)} UTC`;

export default async function SecurityPage() {
  const user = await requireUser();
  const current = await getCurrentSession();
  const sessions = (await listSessions(user, new Date())).map((session) => ({
    id: session.id,
    device: describeDevice(session.userAgent),
    address: session.address && session.address !== "unknown" ? session.address : "Unknown",
    lastSeen: when(session.lastSeenAt),
    signedIn: when(session.createdAt),
    current: session.id === current?.sessionId,
  }));
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-3xl px-4 py-12">
      <div className="mb-6 flex items-center justify-between">
        <Link href="/" className="text-2xl font-bold tracking-tight text-brand-900">
          Assay
        </Link>
        <UserMenu name={user.name} email={user.email} />
      </div>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Security</h1>

      <Card className="mb-6">
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div>
            <CardTitle>Where you are signed in</CardTitle>
            <CardDescription>
              Sign out any device you do not recognise. Addresses are those the device signed in
              from.
            </CardDescription>
          </div>
          <ConfirmAction
            triggerLabel="Sign out everywhere"
            title="Sign out everywhere?"
            description="Every device is signed out, this one too. You will need your password to sign in again."
            confirmLabel="Sign out everywhere"
            action={signOutEverywhereAction}
            fields={{}}
          />
        </div>
        <SessionList sessions={sessions} revokeAction={revokeSessionAction} />
      </Card>

      <Card className="mb-6">
        <CardTitle>Change password</CardTitle>
        <CardDescription className="mb-4">
          Every other device is signed out; this one stays signed in.
        </CardDescription>
        <ChangePasswordForm action={changePasswordAction} />
      </Card>

      <p className="text-sm">
        <Link className="text-brand-700 hover:underline" href="/account/two-factor">
          Two-factor sign-in
        </Link>
      </p>
    </main>
  );
}
