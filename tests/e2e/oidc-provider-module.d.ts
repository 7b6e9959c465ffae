// The little of oidc-provider's API the e2e OpenID provider uses (the package ships no types).
declare module "oidc-provider" {
  import type { Server } from "node:http";

  export type Account = { accountId: string; claims: () => Record<string, unknown> };
  export type Configuration = {
    clients: Record<string, unknown>[];
    claims: Record<string, string[]>;
    pkce: { required: () => boolean };
    cookies: { keys: string[] };
    findAccount: (ctx: unknown, id: string) => Account | Promise<Account>;
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number, host: string): Server;
  }
}
