import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { previewPasswordReset } from "@/lib/db/password-reset";
import { LinkTokenParam } from "@/lib/schemas/account";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password" };

type Props = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: Props) {
  await connection();
  const parsed = LinkTokenParam.safeParse((await params).token);
  const reset = parsed.success ? await previewPasswordReset(parsed.data, new Date()) : null;
  const footer = (
    <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
      Back to sign in
    </Link>
  );
  return (
    <AuthCard title="Choose a new password" footer={footer}>
      {parsed.success && reset ? (
        <ResetPasswordForm token={parsed.data} email={reset.email} action={resetPasswordAction} />
      ) : (
        <Alert tone="error">
          This link has expired or was already used.{" "}
          <Link className="font-medium underline" href="/forgot-password">
            Ask for a new one
          </Link>
          .
        </Alert>
      )}
    </AuthCard>
  );
}
