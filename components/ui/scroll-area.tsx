"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

/**
 * A box whose content may be wider than the screen (a table on a phone): it scrolls inside, says
 * so when it does, and can be scrolled with the keyboard (it takes focus only while it overflows).
 */
export function ScrollArea({
  label,
  className,
  children,
}: {
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // Inline-size containment: the table's width never widens the page or the card holding it;
  // `relative` keeps absolutely placed content (sr-only headings) inside the scrolled box too.
  return (
    <div className="max-w-full [contain:inline-size]">
      <div
        ref={box}
        className={cn("relative overflow-x-auto", className)}
        {...(overflows
          ? {
              tabIndex: 0,
              role: "region",
              "aria-label": label ? `${label} (scrolls sideways)` : "Scrolls sideways",
            }
          : {})}
      >
        {children}
      </div>
      {overflows ? (
        <p className="mt-1 text-xs text-slate-500" aria-hidden="true">
          Scroll sideways for more columns →
        </p>
      ) : null}
    </div>
  );
}
