"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page every `intervalMs` while an export is running, so its progress moves. */
export function RefreshWhileRunning({
  running,
  intervalMs = 1500,
}: {
  running: boolean;
  intervalMs?: number;
}) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [running, intervalMs, router]);
  return null;
}
