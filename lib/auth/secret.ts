import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const DEV_SECRET_FILE = path.join(
  /* turbopackIgnore: true */ process.cwd(),
  "data",
  "dev-auth-secret",
);

/**
 * AUTH_SECRET signs session tokens. Production refuses to run without it; development and tests
 * use a random secret kept in a git-ignored file, created on first use.
 */
export function authSecret(): string {
  const configured = process.env.AUTH_SECRET?.trim() || process.env.NEXTAUTH_SECRET?.trim();
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") {
    throw new Error(
      "AUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it in the environment.",
    );
  }
  if (!fs.existsSync(DEV_SECRET_FILE)) {
    fs.mkdirSync(path.dirname(DEV_SECRET_FILE), { recursive: true });
    fs.writeFileSync(DEV_SECRET_FILE, randomBytes(32).toString("base64url"), {
      flag: "wx",
      mode: 0o600,
    });
  }
  return fs.readFileSync(DEV_SECRET_FILE, "utf8").trim();
}
