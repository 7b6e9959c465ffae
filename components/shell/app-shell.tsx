import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "./nav-link";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";

export type ShellProps = {
  org: { slug: string; name: string };
  organizations: { slug: string; name: string }[];
  user: { name: string; email: string };
  nav: { href: string; label: string; exact?: boolean }[];
  children: ReactNode;
};

export function AppShell({ org, organizations, user, nav, children }: ShellProps) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow"
      >
        Skip to main content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3">
          <Link href={`/o/${org.slug}`} className="text-lg font-bold tracking-tight text-brand-900">
            Assay
          </Link>
          <OrgSwitcher current={org} organizations={organizations} />
          <nav
            aria-label="Organisation"
            className="order-last flex w-full flex-wrap gap-1 sm:order-none sm:w-auto sm:flex-1"
          >
            {nav.map((item) => (
              <NavLink key={item.href} href={item.href} exact={item.exact}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto sm:ml-0">
            <UserMenu name={user.name} email={user.email} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
