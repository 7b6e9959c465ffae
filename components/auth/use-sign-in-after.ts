"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** After an account is created (or finished): sign in with the password just typed, then go on. */
export function useSignInAfter() {
  const router = useRouter();
  const [signInError, setSignInError] = useState<string | null>(null);
  async function signInAndGo(
    email: string,
    form: HTMLFormElement,
    callbackUrl: string,
  ): Promise<void> {
    const password = new FormData(form).get("password");
    const result = await signIn("credentials", {
      email,
      password: typeof password === "string" ? password : "",
      redirect: false,
    });
    if (!result || result.error) {
      setSignInError("Your account was created, but signing in failed. Please sign in.");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }
  return { signInError, signInAndGo };
}
