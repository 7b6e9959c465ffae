import Provider, { type Configuration } from "oidc-provider";

// A real OpenID provider (oidc-provider, certified) on loopback for the single sign-on specs.
// Its development login form takes any login: the login is the subject and the email, so a
// spec can be anyone; "unverified:<email>" signs in with email_verified false.

export const E2E_OIDC_CLIENT = { id: "assay-e2e", secret: "assay-e2e-client-secret-0123456789" };

function main(): void {
  const port = Number(process.env.E2E_OIDC_PORT ?? 3700);
  const app = process.env.APP_URL ?? "http://localhost:3100";
  const configuration: Configuration = {
    clients: [
      {
        client_id: E2E_OIDC_CLIENT.id,
        client_secret: E2E_OIDC_CLIENT.secret,
        redirect_uris: [`${app}/api/sso/callback`],
        token_endpoint_auth_method: "client_secret_post",
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    cookies: { keys: ["e2e-only-oidc-cookie-key-0123456789"] },
    findAccount: (_ctx, id) => {
      const unverified = id.startsWith("unverified:");
      const email = unverified ? id.slice("unverified:".length) : id;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email,
          email_verified: !unverified,
          name: `SSO ${email.split("@")[0] ?? email}`,
        }),
      };
    },
  };
  const provider = new Provider(`http://127.0.0.1:${port}`, configuration);
  const server = provider.listen(port, "127.0.0.1");
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.log(`[e2e] OpenID provider on http://127.0.0.1:${port}`);
}

main();
