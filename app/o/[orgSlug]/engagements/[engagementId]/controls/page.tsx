import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ControlReadinessTable } from "@/components/engagements/control-readiness-table";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadControlReadinessPage } from "@/lib/db/control-readiness-page";
import { CONTROL_STATE_LABELS, CONTROL_STATES } from "@/lib/domain/readiness/control-filter";
import { plural } from "@/lib/domain/plural";
import { ControlReadinessQuery } from "@/lib/schemas/control-readiness";
import { todayFor } from "@/lib/server/clock";
import { notFoundOnAppError } from "@/lib/server/not-found";
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
  const page = await notFoundOnAppError(
    loadControlReadinessPage(ctx, engagementId, await todayFor(ctx), query.data),
  );
  const { engagement, filter, filtered } = page;
  const here = `/o/${page.orgSlug}/engagements/${engagement.id}/controls`;
  return (
    <>
      <PageHeader
        title="Control readiness"
        description={
          <>
            <Link
              className="text-brand-700 hover:underline"
              href={`/o/${page.orgSlug}/engagements/${engagement.id}`}
            >
              ← {engagement.name}
            </Link>{" "}
            · {page.controlCounts.ready} of {page.controlCounts.total} controls ready
          </>
        }
      />
      {page.typeII ? (
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
      {page.inScope ? (
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
              defaultValue={filter.control ?? ""}
              placeholder="Reference or title"
              maxLength={100}
            />
          </div>
          <div className="w-64 max-w-full">
            <SelectField
              label="State"
              name="state"
              defaultValue={filter.state ?? ""}
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
              ? `${page.controls.length} of ${plural(page.inScope, "control")} shown`
              : plural(page.inScope, "control")}
          </p>
        </form>
      ) : null}
      <ControlReadinessTable page={page} />
    </>
  );
}
