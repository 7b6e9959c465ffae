import type { Metadata } from "next";
import Link from "next/link";
import { MatrixTable } from "@/components/matrix/matrix-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadMatrixPage } from "@/lib/db/matrix-page";
import { todayFor } from "@/lib/server/clock";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Mapping matrix" };

type Props = { params: Promise<{ orgSlug: string; engagementId: string }> };

/** Requirements × controls for one engagement: which control serves which requirement. */
export default async function MatrixPage({ params }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const ctx = await requireOrgContext(orgSlug);
  const page = await notFoundOnAppError(loadMatrixPage(ctx, engagementId, await todayFor(ctx)));
  return (
    <>
      <PageHeader
        title="Mapping matrix"
        description={
          <>
            <Link
              className="text-brand-700 hover:underline"
              href={`/o/${page.orgSlug}/engagements/${page.engagement.id}`}
            >
              ← {page.engagement.name}
            </Link>{" "}
            · {page.requirements.length} requirements × {page.columns.length} mapped controls
          </>
        }
      />
      <MatrixTable page={page} />
    </>
  );
}
