import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { DescriptionPage } from "@/lib/db/description-page";
import { SectionStateBadge } from "./state-badge";

/** The description's sections in outline order, each linking to its page. */
export function DescriptionSectionsTable({ page }: { page: DescriptionPage }) {
  const base = `/o/${page.orgSlug}/engagements/${page.engagement.id}`;
  return (
    <Table>
      <thead>
        <tr>
          <Th>Section</Th>
          <Th>State</Th>
          <Th>Owner</Th>
          <Th>Shared</Th>
          <Th>Last saved</Th>
        </tr>
      </thead>
      <tbody>
        {page.sections.map((section) => (
          <tr key={section.key}>
            <Td>
              <Link
                className="text-brand-700 underline"
                href={`${base}/description/${section.key}`}
              >
                {section.title}
              </Link>
              {section.id === null && section.draft ? (
                <span className="ml-2 text-xs text-slate-500">first draft from your data</span>
              ) : null}
              {section.changedSinceSent ? (
                <Badge tone="warning" className="ml-2">
                  Changed since last sent
                </Badge>
              ) : null}
            </Td>
            <Td>
              {section.id === null ? (
                <span className="text-slate-500">Not started</span>
              ) : (
                <SectionStateBadge state={section.state} />
              )}
            </Td>
            <Td>{section.owner?.name ?? "—"}</Td>
            <Td>
              {section.scope === "shared"
                ? "Shared"
                : section.scope === "engagement"
                  ? "This engagement"
                  : "—"}
            </Td>
            <Td>{section.updatedAt ? section.updatedAt.toISOString().slice(0, 10) : "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
