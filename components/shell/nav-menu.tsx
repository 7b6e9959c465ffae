"use client";

import { useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * The organisation's navigation: a row of links on wider screens, behind a "Menu" button on a
 * phone (where the row took a fifth of the screen). The menu closes when a link is followed.
 */
export function NavMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="org-navigation"
        onClick={() => setOpen((value) => !value)}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:hidden"
      >
        {open ? "Close menu" : "Menu"}
      </button>
      <nav
        id="org-navigation"
        aria-label="Organisation"
        onClick={(event) => {
          if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
        }}
        className={cn(
          "order-last w-full flex-col gap-1 sm:order-none sm:flex sm:w-auto sm:flex-1 sm:flex-row sm:flex-wrap",
          open ? "flex" : "hidden",
        )}
      >
        {children}
      </nav>
    </>
  );
}
