import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { CataloguePage } from "@/lib/db/catalogue-page";

/** One group of criteria: its heading and a table of its criteria with the controls mapped. */
export function CriteriaGroup({ group }: { group: CataloguePage["groups"][number] }) {
  return (
    <section className="mb-6" aria-labelledby={group.anchor}>
      <h2 id={group.anchor} className="mb-2 text-lg font-semibold">
        {group.name}
      </h2>
      <Table aria-label={group.name}>
        <thead>
          <tr>
            <Th className="w-20">Code</Th>
            <Th>Criterion</Th>
            <Th className="w-40">Category</Th>
            <Th className="w-28">Your controls</Th>
          </tr>
        </thead>
        <tbody>
          {group.criteria.map((criterion) => (
            <tr key={criterion.id}>
              <Td className="font-mono text-xs font-semibold">{criterion.code}</Td>
              <Td>
                <span className="font-medium">{criterion.title}</span>
                <span className="block text-xs text-slate-600">{criterion.summary}</span>
              </Td>
              <Td className="text-xs">{criterion.categoryLabel}</Td>
              <Td>
                {criterion.controls ? (
                  <span className="tabular-nums">{criterion.controls}</span>
                ) : (
                  <Badge tone="warning">none</Badge>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
