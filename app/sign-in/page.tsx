import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; email?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, email } = await pageQuery(searchParams);
  const next = safeRedirectPath(callbackUrl);
  if (await getCurrentUser()) redirect(next);
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
      <SignInForm callbackUrl={next} defaultEmail={email} />
      <p className="mt-4 text-center text-sm">
        <Link className="text-brand-700 hover:underline" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
    </AuthCard>
  );
}
