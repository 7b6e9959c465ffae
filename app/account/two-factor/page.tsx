import type { Metadata } from "next";
import Link from "next/link";
import { TwoFactorEnrolment } from "@/components/account/two-factor-enrolment";
import { TwoFactorManage } from "@/components/account/two-factor-manage";
import { UserMenu } from "@/components/shell/user-menu";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getTwoFactorStatus } from "@/lib/db/two-factor";
import {
  beginTwoFactorAction,
  confirmTwoFactorAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
} from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function TwoFactorPage() {
  const user = await requireUser();
  const status = await getTwoFactorStatus(user);
  const requiredNow = !status.enabledAt && status.requiredBy.length > 0;
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-2xl px-4 py-12">
      <div className="mb-6 flex items-center justify-between">
        <Link href="/" className="text-2xl font-bold tracking-tight text-brand-900">
          Assay
        </Link>
        <UserMenu name={user.name} email={user.email} />
      </div>
      <h1 className="mb-4 text-2xl font-semibold tracking-tight">Two-factor sign-in</h1>
      {requiredNow ? (
        <Alert tone="warning" className="mb-4">
          {status.requiredBy.join(", ")} require{status.requiredBy.length === 1 ? "s" : ""}{" "}
          two-factor sign-in. Set it up to continue.
        </Alert>
      ) : null}
      <Card>
        {status.enabledAt ? (
          <TwoFactorManage
            enabledOn={dateFormat.format(status.enabledAt)}
            recoveryCodesLeft={status.recoveryCodesLeft}
            requiredBy={status.requiredBy}
            regenerateAction={regenerateRecoveryCodesAction}
            disableAction={disableTwoFactorAction}
          />
        ) : (
          <TwoFactorEnrolment
            beginAction={beginTwoFactorAction}
            confirmAction={confirmTwoFactorAction}
          />
        )}
      </Card>
      <p className="mt-6 flex gap-4 text-sm">
        <Link className="text-brand-700 hover:underline" href="/account/security">
          Security
        </Link>
        {status.enabledAt ? (
          <Link className="text-brand-700 hover:underline" href="/">
            Back to Assay
          </Link>
        ) : null}
      </p>
    </main>
  );
}
