import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { MyWorkList } from "@/components/work/my-work-list";
import { requireOrgContext } from "@/lib/auth/session";
import { todayFor } from "@/lib/server/clock";
import { myWorkFor } from "@/lib/server/my-work";

export const metadata: Metadata = { title: "My work" };

type Props = { params: Promise<{ orgSlug: string }> };

export default async function MyWorkPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const work = await myWorkFor(ctx);
  // Auditors own no controls: the page does not exist for them.
  if (!work) notFound();
  const today = await todayFor(ctx);
  return (
    <>
      <PageHeader
        title="My work"
        description={`What the controls you own need, across every engagement, as of ${today}.`}
      />
      <Card>
        <MyWorkList work={work} orgSlug={ctx.orgSlug} today={today} />
      </Card>
    </>
  );
}
