import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { FinishSignUpForm } from "@/components/auth/finish-sign-up-form";
import { Alert } from "@/components/ui/alert";
import { readSignUpLinkToken } from "@/lib/auth/sign-up-link";
import { LinkTokenParam } from "@/lib/schemas/account";
import { finishSignUpAction } from "../../actions";

export const metadata: Metadata = { title: "Finish creating your account" };

type Props = { params: Promise<{ token: string }> };

export default async function FinishSignUpPage({ params }: Props) {
  await connection();
  const parsed = LinkTokenParam.safeParse((await params).token);
  const claims = parsed.success ? readSignUpLinkToken(parsed.data, new Date()) : null;
  const footer = (
    <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
      Sign in instead
    </Link>
  );
  return (
    <AuthCard title="Finish creating your account" footer={footer}>
      {parsed.success && claims ? (
        <FinishSignUpForm
          token={parsed.data}
          name={claims.name}
          email={claims.email}
          action={finishSignUpAction}
        />
      ) : (
        <Alert tone="error">
          This link has expired or is not valid.{" "}
          <Link className="font-medium underline" href="/sign-up">
            Sign up again
          </Link>
          .
        </Alert>
      )}
    </AuthCard>
  );
}
