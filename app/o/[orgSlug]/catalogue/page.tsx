import type { Metadata } from "next";
import { CriteriaGroup } from "@/components/catalogue/criteria-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadCataloguePage } from "@/lib/db/catalogue-page";
import { notFoundOnAppError } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "SOC 2 criteria" };

export default async function CataloguePage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const page = await notFoundOnAppError(loadCataloguePage(ctx));
  return (
    <>
      <PageHeader
        title="SOC 2 criteria"
        description={`${page.editionLabel}: ${page.criteriaCount} criteria, summarised in our own words. Read-only.`}
      />
      {page.groups.map((group) => (
        <CriteriaGroup key={group.name} group={group} />
      ))}
    </>
  );
}
