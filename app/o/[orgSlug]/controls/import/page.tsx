import type { Metadata } from "next";
import { Fragment, type ReactNode } from "react";
import Link from "next/link";
import { ImportForm } from "@/components/controls/import-form";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { CONTROL_FREQUENCIES, CONTROL_NATURES, CONTROL_STATUSES } from "@/lib/domain/controls";
import { can } from "@/lib/domain/permissions";
import { applyControlImportAction, checkControlImportAction } from "./actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "Import controls" };

const LINK = "font-medium text-brand-700 hover:underline";

type Props = { params: Promise<{ orgSlug: string }> };

/** The values a CSV cell takes, written as the file holds them. */
function oneOf(values: readonly string[]): ReactNode {
  return (
    <>
      Required for a new control. One of{" "}
      {values.map((value, index) => (
        <Fragment key={value}>
          {index ? ", " : ""}
          <code className="text-xs">{value}</code>
        </Fragment>
      ))}
      .
    </>
  );
}

const COLUMNS: [string, ReactNode][] = [
  [
    "ref",
    "Required. The control's reference, e.g. AC-01. A reference that already exists updates that control; a new one creates a control.",
  ],
  ["title", "Required for a new control. 3 to 200 characters."],
  ["description", "Optional, up to 5,000 characters."],
  [
    "owner_email",
    "Optional. The email address of a member of this organisation. For a new control, blank means no owner.",
  ],
  ["status", oneOf(CONTROL_STATUSES)],
  ["frequency", oneOf(CONTROL_FREQUENCIES)],
  ["nature", oneOf(CONTROL_NATURES)],
  ["key", "Optional. yes or no (also true/false, 1/0); for a new control, blank means no."],
  [
    "grace_days",
    "Optional. Days after an occurrence ends that its evidence may still arrive, 0 to 90; for a new control, blank means the organisation's default.",
  ],
  [
    "criteria",
    "Optional. SOC 2 criterion codes separated by semicolons, e.g. CC6.1;CC6.2. Replaces the control's criteria.",
  ],
  [
    "objectives",
    "Optional. Your objective references separated by semicolons, e.g. ITGC-03. Replaces the control's objectives.",
  ],
];

export default async function ImportControlsPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  const base = `/o/${ctx.orgSlug}/controls`;
  const exportLink = (
    <a href={`${base}/export`} download className={LINK}>
      download the current controls as CSV
    </a>
  );

  return (
    <>
      <PageHeader
        title="Import controls"
        description="Add or update many controls at once from a CSV file. Nothing changes until you import, and an import is all or nothing."
        actions={
          <Link href={base} className={buttonVariants({ variant: "secondary" })}>
            All controls
          </Link>
        }
      />
      {can(ctx.role, "control.edit") ? (
        <div className="space-y-6">
          <Card>
            <CardTitle>Choose a file</CardTitle>
            <CardDescription className="mb-4">
              Start from the{" "}
              <a href={`${base}/import/template`} download className={LINK}>
                CSV template
              </a>
              , or {exportLink}, edit it in a spreadsheet and import it here or into another
              organisation.
            </CardDescription>
            <ImportForm
              orgSlug={ctx.orgSlug}
              controlsHref={base}
              check={checkControlImportAction}
              apply={applyControlImportAction}
            />
          </Card>
          <section aria-labelledby="csv-columns">
            <h2 id="csv-columns" className="mb-3 text-lg font-semibold">
              Columns
            </h2>
            <p className="mb-3 text-sm text-slate-600">
              The header row names the columns, in any order. A column left out, or a blank cell,
              keeps an existing control&apos;s current value (unless you choose that blank cells
              clear values).
            </p>
            <Table aria-label="Columns">
              <thead>
                <tr>
                  <Th>Column</Th>
                  <Th>What goes in it</Th>
                </tr>
              </thead>
              <tbody>
                {COLUMNS.map(([name, meaning]) => (
                  <tr key={name}>
                    <Td>
                      <code className="text-xs">{name}</code>
                    </Td>
                    <Td>{meaning}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
        </div>
      ) : (
        <Alert tone="info">
          Only owners, admins and editors can import controls. You can {exportLink}.
        </Alert>
      )}
    </>
  );
}
