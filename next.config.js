// @ts-check
const { URL } = require("node:url");

/** APP_URL's host: server actions posted from the published address are same-origin too. */
function appHost() {
  try {
    return process.env.APP_URL ? [new URL(process.env.APP_URL).host] : [];
  } catch {
    return [];
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg"],
  experimental: {
    // CSV imports travel through server actions (2 MB of CSV plus form overhead). Evidence files
    // do not: they stream through a route handler with their own limit. proxy.ts refuses larger
    // bodies first with a 413 (MAX_ACTION_BODY_BYTES in lib/server/action-request.ts, the same 3 MB).
    serverActions: { bodySizeLimit: "3mb", allowedOrigins: appHost() },
  },
  // Content-Security-Policy and Strict-Transport-Security are set per response in proxy.ts: a
  // header set here would replace the sandbox policy of every download.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
