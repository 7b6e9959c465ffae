import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpByEmailForm } from "@/components/auth/sign-up-by-email-form";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getCurrentUser } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { mailConfigured } from "@/lib/server/mailer";
import { signUpAction, signUpByEmailAction } from "./actions";
import { pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Create an account" };

type Props = { searchParams: Promise<{ callbackUrl?: string; email?: string }> };

export default async function SignUpPage({ searchParams }: Props) {
  const { callbackUrl, email } = await pageQuery(searchParams);
  const next = safeRedirectPath(callbackUrl);
  if (await getCurrentUser()) redirect(next);
  const signInHref = `/sign-in?${new URLSearchParams({ callbackUrl: next, ...(email ? { email } : {}) })}`;
  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have an account?{" "}
          <Link className="font-medium text-brand-700 hover:underline" href={signInHref}>
            Sign in
          </Link>
        </>
      }
    >
      {mailConfigured() ? (
        <SignUpByEmailForm action={signUpByEmailAction} callbackUrl={next} defaultEmail={email} />
      ) : (
        <SignUpForm action={signUpAction} callbackUrl={next} defaultEmail={email} />
      )}
    </AuthCard>
  );
}
