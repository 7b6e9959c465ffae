import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "./nav-link";
import { NavMenu } from "./nav-menu";
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
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-3 sm:gap-3">
          <Link href={`/o/${org.slug}`} className="text-lg font-bold tracking-tight text-brand-900">
            Assay
          </Link>
          <OrgSwitcher current={org} organizations={organizations} />
          <NavMenu>
            {nav.map((item) => (
              <NavLink key={item.href} href={item.href} exact={item.exact}>
                {item.label}
              </NavLink>
            ))}
          </NavMenu>
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
