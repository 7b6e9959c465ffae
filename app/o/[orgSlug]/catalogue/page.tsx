import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { listCriteria } from "@/lib/db/catalog";
import { countControlsByCriterion } from "@/lib/db/mappings";
import {
  CRITERIA_EDITIONS,
  CURRENT_CRITERIA_EDITION,
  type TscCategory,
} from "@/lib/domain/catalog";
import { notFoundUnlessCan } from "@/lib/server/not-found";
import { CATEGORY_LABELS } from "@/lib/domain/labels";

export const metadata: Metadata = { title: "SOC 2 criteria" };

export default async function CataloguePage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  const [criteria, counts] = await Promise.all([
    listCriteria(CURRENT_CRITERIA_EDITION),
    countControlsByCriterion(ctx),
  ]);
  const groups = [...new Set(criteria.map((c) => c.group))];
  return (
    <>
      <PageHeader
        title="SOC 2 criteria"
        description={`${CRITERIA_EDITIONS[CURRENT_CRITERIA_EDITION]?.label ?? CURRENT_CRITERIA_EDITION}: ${criteria.length} criteria, summarised in our own words. Read-only.`}
      />
      {groups.map((group) => (
        <section key={group} className="mb-6" aria-labelledby={`group-${group.split(" ")[0]}`}>
          <h2 id={`group-${group.split(" ")[0]}`} className="mb-2 text-lg font-semibold">
            {group}
          </h2>
          <Table aria-label={group}>
            <thead>
              <tr>
                <Th className="w-20">Code</Th>
                <Th>Criterion</Th>
                <Th className="w-40">Category</Th>
                <Th className="w-28">Your controls</Th>
              </tr>
            </thead>
            <tbody>
              {criteria
                .filter((c) => c.group === group)
                .map((criterion) => (
                  <tr key={criterion.id}>
                    <Td className="font-mono text-xs font-semibold">{criterion.code}</Td>
                    <Td>
                      <span className="font-medium">{criterion.title}</span>
                      <span className="block text-xs text-slate-600">{criterion.summary}</span>
                    </Td>
                    <Td className="text-xs">
                      {CATEGORY_LABELS[criterion.category as TscCategory]?.split(" (")[0] ??
                        criterion.category}
                    </Td>
                    <Td>
                      {counts.get(criterion.id) ? (
                        <span className="tabular-nums">{counts.get(criterion.id)}</span>
                      ) : (
                        <Badge tone="warning">none</Badge>
                      )}
                    </Td>
                  </tr>
                ))}
            </tbody>
          </Table>
        </section>
      ))}
    </>
  );
}
