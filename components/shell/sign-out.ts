// Signs out through next-auth's own route, as next-auth/react's signOut does, without shipping
// that client library on every page: the route checks its CSRF token, ends the session (the
// AuthSession row is revoked by the signOut event) and clears the cookie.
export async function signOutAndLeave(): Promise<void> {
  const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken?: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      csrfToken: csrf.csrfToken ?? "",
      callbackUrl: "/sign-in",
      json: "true",
    }),
  });
  window.location.assign("/sign-in");
}
