import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SlotStrip } from "@/components/readiness/slot-strip";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { engagementReadiness } from "@/lib/db/readiness";
import {
  CONTROL_STATE_LABELS,
  CONTROL_STATES,
  filterControls,
} from "@/lib/domain/readiness/control-filter";
import { slotCells } from "@/lib/domain/readiness/rollup";
import { plural } from "@/lib/domain/plural";
import { ControlReadinessQuery } from "@/lib/schemas/control-readiness";
import { todayFor } from "@/lib/server/clock";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { recordAuditorAccess } from "@/lib/db/auditor-access";
import { pageId, pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Control readiness" };

type Props = {
  params: Promise<{ orgSlug: string; engagementId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ControlReadinessPage({ params, searchParams }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const query = ControlReadinessQuery.safeParse(await pageQuery(searchParams));
  if (!query.success) notFound();
  const ctx = await requireOrgContext(orgSlug);
  const { engagement, readiness, requirements } = await notFoundOnAppError(
    engagementReadiness(ctx, engagementId, await todayFor(ctx)),
  );
  await recordAuditorAccess(ctx, "viewed", {
    entityType: "engagement",
    entityId: engagement.id,
    label: `${engagement.name}: control readiness`,
    engagementId: engagement.id,
  });
  const typeII = readiness.type === "TYPE_II";
  const titles = new Map(
    requirements.flatMap((requirement) => requirement.controls).map((c) => [c.id, c.title]),
  );
  const inScope = readiness.controls
    .filter((control) => control.inScope)
    .map((control) => ({ ...control, title: titles.get(control.controlId) ?? "" }));
  const controls = filterControls(inScope, query.data);
  const filtered = Boolean(query.data.control || query.data.state);
  const here = `/o/${ctx.orgSlug}/engagements/${engagement.id}/controls`;
  return (
    <>
      <PageHeader
        title="Control readiness"
        description={
          <>
            <Link
              className="text-brand-700 hover:underline"
              href={`/o/${ctx.orgSlug}/engagements/${engagement.id}`}
            >
              ← {engagement.name}
            </Link>{" "}
            · {readiness.controlCounts.ready} of {readiness.controlCounts.total} controls ready
          </>
        }
      />
      {typeII ? (
        <p className="mb-3 flex gap-4 text-xs text-slate-600" aria-hidden="true">
          <span>
            <span className="mr-1 inline-block h-3 w-3 rounded-sm bg-green-500" />
            covered
          </span>
          <span>
            <span className="mr-1 inline-block h-3 w-3 rounded-sm bg-red-500" />
            missing
          </span>
          <span>
            <span className="mr-1 inline-block h-3 w-3 rounded-sm bg-slate-200" />
            upcoming
          </span>
        </p>
      ) : null}
      {inScope.length ? (
        <form
          method="get"
          action={here}
          role="search"
          aria-label="Filter controls"
          className="mb-4 flex flex-wrap items-end gap-3"
        >
          <div className="w-64 max-w-full">
            <Field
              label="Control"
              name="control"
              defaultValue={query.data.control ?? ""}
              placeholder="Reference or title"
              maxLength={100}
            />
          </div>
          <div className="w-64 max-w-full">
            <SelectField
              label="State"
              name="state"
              defaultValue={query.data.state ?? ""}
              options={[
                { value: "", label: "Any state" },
                ...CONTROL_STATES.map((state) => ({
                  value: state,
                  label: CONTROL_STATE_LABELS[state],
                })),
              ]}
            />
          </div>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filtered ? (
            <Link className="pb-2 text-sm text-brand-700 hover:underline" href={here}>
              Clear the filter
            </Link>
          ) : null}
          <p className="pb-2 text-sm text-slate-600" aria-live="polite">
            {filtered
              ? `${controls.length} of ${plural(inScope.length, "control")} shown`
              : plural(inScope.length, "control")}
          </p>
        </form>
      ) : null}
      {inScope.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No controls are mapped to this engagement&apos;s requirements yet.{" "}
          <Link
            className="text-brand-700 hover:underline"
            href={`/o/${ctx.orgSlug}/engagements/${engagement.id}`}
          >
            Map controls to its requirements
          </Link>
          .
        </p>
      ) : controls.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No control matches the filter.{" "}
          <Link className="text-brand-700 hover:underline" href={here}>
            Clear the filter
          </Link>
          .
        </p>
      ) : (
        <Table aria-label="Control readiness">
          <thead>
            <tr>
              <Th>Control</Th>
              <Th>Ready?</Th>
              <Th>What is missing</Th>
              {typeII ? <Th>Occurrences</Th> : null}
              {typeII ? <Th>Sampling guidance</Th> : null}
            </tr>
          </thead>
          <tbody>
            {controls.map((control) => (
              <tr key={control.controlId}>
                <Td className="whitespace-nowrap">
                  <Link
                    className="font-mono text-xs font-semibold text-brand-700 hover:underline"
                    href={`/o/${ctx.orgSlug}/controls/${control.controlId}`}
                  >
                    {control.ref}
                  </Link>
                  <span className="block max-w-56 whitespace-normal text-xs text-slate-700">
                    {control.title}
                  </span>
                </Td>
                <Td>
                  {control.ready ? (
                    <Badge tone="success">ready</Badge>
                  ) : (
                    <Badge tone="warning">not ready</Badge>
                  )}
                </Td>
                <Td className="text-xs text-slate-700">
                  <ul>
                    {control.reasons.map((reason) => (
                      <li key={reason.code}>{reason.text}</li>
                    ))}
                  </ul>
                  {control.warnings.map((warning) => (
                    <p key={warning.code} className="text-amber-800">
                      {warning.text}
                    </p>
                  ))}
                </Td>
                {typeII ? (
                  <Td>
                    {control.operating ? (
                      <>
                        <SlotStrip cells={slotCells(control.operating.slots, control.frequency)} />
                        <span className="mt-1 block text-xs text-slate-600">
                          {control.operating.coverage === null
                            ? "nothing due yet"
                            : `${control.operating.covered} of ${control.operating.due} due covered (${Math.round(control.operating.coverage * 100)}%)`}
                        </span>
                      </>
                    ) : null}
                  </Td>
                ) : null}
                {typeII ? (
                  <Td className="text-xs text-slate-600">{control.sampling?.text ?? "—"}</Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
