"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Alert } from "./alert";

/**
 * A success message brought into view when it appears (role=status announces it), so an action
 * at the bottom of a long page, or one that re-renders the list above it, is seen to have worked.
 */
export function SuccessNotice({
  children,
  className,
}: {
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
  }, []);
  return (
    <Alert ref={ref} tone="success" className={className}>
      {children}
    </Alert>
  );
}
