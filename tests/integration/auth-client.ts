// "next-auth/next" rather than "next-auth": a test may mock the latter for lib/auth/session.ts.
import NextAuth, { getServerSession } from "next-auth/next";
import { getAuthOptions } from "@/lib/auth/options";
import { sessionCookie } from "@/lib/auth/session-cookie";

// A browser for next-auth, in process: drives next-auth's own handlers (CSRF, the credentials
// callback, sign-out, the session read) with our options and a cookie jar, the way
// /api/auth/* and getServerSession do for the app. next-auth reaches Next's request headers
// through a CommonJS require that tests cannot intercept, so requests go through its pages-style
// entry points, which take the request as an argument and run the same code.

process.env.AUTH_SECRET ??= "integration-tests-only-secret-0123456789abcdef";

type Reply = { status: number; location: string | null; body: unknown };

function fakeResponse(jar: Map<string, string>, done: (reply: Reply) => void) {
  const headers = new Map<string, string | string[]>();
  const reply: Reply = { status: 200, location: null, body: null };
  const finish = () => {
    for (const line of [headers.get("Set-Cookie") ?? []].flat()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const [name = "", ...value] = pair.split("=");
      const expired = attributes.some((attribute) =>
        /^(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute),
      );
      if (expired) jar.delete(name);
      else jar.set(name, decodeURIComponent(value.join("=")));
    }
    reply.location = [headers.get("Location") ?? null].flat()[0] ?? null;
    done(reply);
  };
  const res = {
    getHeader: (name: string) => headers.get(name),
    setHeader(name: string, value: string | string[]) {
      headers.set(name, value);
      return res;
    },
    status(code: number) {
      reply.status = code;
      return res;
    },
    end: () => finish(),
    json(body: unknown) {
      reply.body = body;
      finish();
    },
    send(body: unknown) {
      reply.body = body;
      finish();
    },
  };
  return res;
}

export class AuthClient {
  readonly cookies = new Map<string, string>();

  /** `headers`: what this browser sends with every request (user agent, proxy headers, peer stamp). */
  constructor(public headers: Record<string, string> = {}) {}

  private request(method: "GET" | "POST", action: string[], body?: Record<string, string>) {
    return {
      method,
      query: { nextauth: action },
      body,
      cookies: Object.fromEntries(this.cookies),
      headers: {
        host: "assay.test",
        "content-type": "application/x-www-form-urlencoded",
        ...this.headers,
      },
    };
  }

  private call(
    method: "GET" | "POST",
    action: string[],
    body?: Record<string, string>,
  ): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      const res = fakeResponse(this.cookies, resolve);
      // Pages-style call: (req, res, options).
      Promise.resolve(
        NextAuth(this.request(method, action, body) as never, res as never, getAuthOptions()),
      ).catch(reject);
    });
  }

  private async csrfToken(): Promise<string> {
    const reply = await this.call("GET", ["csrf"]);
    return (reply.body as { csrfToken: string }).csrfToken;
  }

  /** Posts the sign-in form (`extra`: more fields, a two-factor code); the error is what the form would show (null when signed in). */
  async signIn(
    email: string,
    password: string,
    extra: Record<string, string> = {},
  ): Promise<{ error: string | null }> {
    const csrfToken = await this.csrfToken();
    const reply = await this.call("POST", ["callback", "credentials"], {
      email,
      password,
      ...extra,
      csrfToken,
      json: "true",
      callbackUrl: "/",
    });
    const url = new URL((reply.body as { url: string }).url, "https://assay.test");
    return { error: url.searchParams.get("error") };
  }

  /** POST /api/auth/signout, as the user menu does. */
  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.call("POST", ["signout"], { csrfToken, json: "true" });
  }

  /** GET /api/auth/session, next-auth's own answer to "who am I" (cookies it clears are cleared). */
  async sessionEndpoint(): Promise<unknown> {
    return (await this.call("GET", ["session"])).body;
  }

  /** The session token cookie, to replay it from another "browser". */
  get sessionToken(): string | undefined {
    return this.cookies.get(sessionCookie().name);
  }

  /** What getServerSession sees for this browser (as lib/auth/session.ts calls it). */
  async serverSession(): Promise<unknown> {
    const res = fakeResponse(new Map(), () => undefined);
    return getServerSession(
      this.request("GET", ["session"]) as never,
      res as never,
      getAuthOptions(),
    );
  }
}
