// The response headers proxy.ts sets. Whatever the proxy (or next.config.js) sets first wins over
// a route handler's own header of the same name (Next keeps the header already present), so the
// Content-Security-Policy is chosen here by path: never an app-wide value over a download's.

/** Pages: scripts only with this response's nonce (Next puts it on its own scripts). */
export function pageContentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': the nonce-bearing bootstrap may load Next's chunks; in development
    // React also needs eval for its error overlays.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (bar widths, chart colours) cannot carry a nonce; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Route handlers (JSON, downloads, files): nothing in a response may run or load anything. */
export const ROUTE_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** One year, subdomains included, but only when the app is published over https. */
export function strictTransportSecurity(appUrl: string | undefined): string | null {
  return appUrl?.trim().toLowerCase().startsWith("https://")
    ? "max-age=31536000; includeSubDomains"
    : null;
}

// Every route handler's path (app/**/route.ts, and files served as routes such as app/icon.svg).
// tests/unit/security-headers.test.ts checks each route.ts and page.tsx against this list.
const ROUTE_HANDLER_PATHS = [
  /^\/api\//,
  /^\/favicon\.ico$/,
  /^\/icon\.svg$/,
  /^\/o\/[^/]+\/activity\/export$/,
  /^\/o\/[^/]+\/controls\/export$/,
  /^\/o\/[^/]+\/controls\/import\/template$/,
  /^\/o\/[^/]+\/engagements\/[^/]+\/paperwork\/pdf$/,
  /^\/o\/[^/]+\/requests\/list\/[^/]+$/,
];

/**
 * What a path serves: "page" (HTML and its navigations; POSTs to it are server actions),
 * "route" (a route handler) or "auth" (next-auth's handler, whose few HTML pages get the page
 * policy but whose POSTs, such as an identity provider's form_post, are its own business).
 */
export function pathKind(pathname: string): "page" | "route" | "auth" {
  if (pathname.startsWith("/api/auth/")) return "auth";
  return ROUTE_HANDLER_PATHS.some((pattern) => pattern.test(pathname)) ? "route" : "page";
}
