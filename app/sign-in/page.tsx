import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/session";
import { Alert } from "@/components/ui/alert";
import { SSO_REFUSAL_MESSAGES } from "@/lib/domain/sso";
import { oidcSettings } from "@/lib/oidc-settings";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; email?: string; sso?: string }> };

const ssoMessage = (problem: string | undefined): string | null =>
  problem && Object.hasOwn(SSO_REFUSAL_MESSAGES, problem)
    ? SSO_REFUSAL_MESSAGES[problem as keyof typeof SSO_REFUSAL_MESSAGES]
    : null;

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, email, sso } = await pageQuery(searchParams);
  const next = safeRedirectPath(callbackUrl);
  if (await getCurrentUser()) redirect(next);
  const oidc = oidcSettings();
  const refusal = ssoMessage(sso);
  const signUpHref = `/sign-up?${new URLSearchParams({ callbackUrl: next, ...(email ? { email } : {}) })}`;
  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          New to Assay?{" "}
          <Link className="font-medium text-brand-700 hover:underline" href={signUpHref}>
            Create an account
          </Link>
        </>
      }
    >
      {refusal ? (
        <div className="mb-4">
          <Alert tone="error">{refusal}</Alert>
        </div>
      ) : null}
      {oidc ? (
        <div className="mb-6 border-b border-slate-200 pb-6">
          <a
            className="block w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-center text-sm font-medium text-slate-900 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
            href={`/api/sso/start?${new URLSearchParams({ callbackUrl: next })}`}
          >
            Sign in with {oidc.name}
          </a>
          <p className="mt-2 text-center text-xs text-slate-600">or with your email and password</p>
        </div>
      ) : null}
      <SignInForm callbackUrl={next} defaultEmail={email} />
      <p className="mt-4 text-center text-sm">
        <Link className="text-brand-700 hover:underline" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
    </AuthCard>
  );
}
