import type { Metadata } from "next";
import Link from "next/link";
import { CreateOrgForm } from "@/components/org/create-org-form";
import { UserMenu } from "@/components/shell/user-menu";
import { Card, CardDescription } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { listMyOrganizations } from "@/lib/db/organizations";
import { createOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "New organisation" };

export default async function NewOrganizationPage() {
  const user = await requireUser();
  const organizations = await listMyOrganizations(user);
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-lg px-4 py-12">
      <div className="mb-6 flex items-center justify-between">
        <p className="text-2xl font-bold tracking-tight text-brand-900">Assay</p>
        <UserMenu name={user.name} email={user.email} />
      </div>
      {organizations.length === 0 ? (
        <p className="mb-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
          You do not belong to any organisation at the moment. If you were an auditor, your access
          has ended: ask the team for a new invitation. Otherwise create an organisation below, or
          sign out from the menu above.
        </p>
      ) : null}
      <Card>
        <h1 className="text-lg font-semibold">Create an organisation</h1>
        <CardDescription className="mb-4">
          An organisation holds your engagements, controls and evidence. You will be its owner and
          can invite your team next.
        </CardDescription>
        <CreateOrgForm action={createOrganizationAction} />
      </Card>
      {organizations.length ? (
        <p className="mt-6 text-sm text-slate-600">
          Or go back to{" "}
          {organizations.map((org, index) => (
            <span key={org.id}>
              {index ? ", " : ""}
              <Link className="text-brand-700 hover:underline" href={`/o/${org.slug}`}>
                {org.name}
              </Link>
            </span>
          ))}
          .
        </p>
      ) : null}
    </main>
  );
}
