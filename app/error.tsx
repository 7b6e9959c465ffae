"use client";

import { Button } from "@/components/ui/button";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main
      id="main"
      tabIndex={-1}
      className="focus:outline-none flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center"
    >
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600">
        The error was logged{error.digest ? ` with reference ${error.digest}` : ""}. Nothing you
        entered was half-saved.
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
