import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Assay", template: "%s · Assay" },
  description: "Readiness tracking for SOC 1, SOC 2 and ISAE 3402 reports.",
};

// Every page is rendered per request, the 404 page included: only then can its scripts carry
// the request's CSP nonce (proxy.ts); prerendered HTML would have none and not hydrate.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
