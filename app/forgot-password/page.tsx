import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { Alert } from "@/components/ui/alert";
import { NO_RESET_MAIL } from "@/lib/server/account-mail";
import { mailConfigured } from "@/lib/server/mailer";
import { pageQuery } from "@/lib/server/page-params";
import { requestPasswordResetAction } from "./actions";

export const metadata: Metadata = { title: "Forgot password" };

type Props = { searchParams: Promise<{ email?: string | string[] }> };

export default async function ForgotPasswordPage({ searchParams }: Props) {
  await connection(); // whether mail is set up is read at run time, not at build time
  const { email } = await pageQuery(searchParams);
  const footer = (
    <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
      Back to sign in
    </Link>
  );
  return (
    <AuthCard title="Forgot your password?" footer={footer}>
      {mailConfigured() ? (
        <ForgotPasswordForm
          action={requestPasswordResetAction}
          defaultEmail={typeof email === "string" ? email : undefined}
        />
      ) : (
        <Alert tone="warning">{NO_RESET_MAIL}</Alert>
      )}
    </AuthCard>
  );
}
