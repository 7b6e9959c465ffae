"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import type { LatestVersion } from "./use-latest-version";

type Props = {
  /** The `version` field error: "Changed by NAME at TIME since you opened it." */
  conflict: string[];
  /** What became of what the user typed once the latest version is loaded. */
  kept?: string;
  /** A multi-field form's reload (keeps the changed fields, the rest take the latest values). */
  latest?: LatestVersion;
};

/**
 * A refusal because the record changed after the page was loaded, with "Load the latest
 * version": the page's data is fetched again and what the user typed stays in the form, which
 * then carries the latest version.
 */
export function StaleAlert({ conflict, kept = "What you typed is kept.", latest }: Props) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [refreshed, setRefreshed] = useState<string[] | null>(null);
  const reloaded = latest ? latest.handled === conflict : refreshed === conflict;
  const reloading = latest ? latest.reloading : refreshing;
  function reload() {
    if (latest) return latest.reload(conflict);
    setRefreshed(conflict);
    startRefresh(() => router.refresh());
  }
  if (reloaded) {
    return (
      <Alert tone="info">
        {reloading
          ? "Loading the latest version…"
          : `The latest version is loaded. ${kept} Check it, then try again.`}
      </Alert>
    );
  }
  return (
    <Alert tone="error" className="space-y-2">
      <p className="font-medium">{conflict.join(" ")}</p>
      <p>Nothing was saved; what you typed is still in the form.</p>
      <Button type="button" size="sm" variant="secondary" onClick={reload}>
        Load the latest version
      </Button>
    </Alert>
  );
}
