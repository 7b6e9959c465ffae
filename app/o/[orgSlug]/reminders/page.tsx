import type { Metadata } from "next";
import { CalendarFeedCard } from "@/components/reminders/calendar-feed-card";
import { DigestForm } from "@/components/reminders/digest-form";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadRemindersPage } from "@/lib/db/reminders-page";
import { mailConfigured } from "@/lib/server/mailer";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { appOrigin } from "@/lib/server/origin";
import {
  issueCalendarTokenAction,
  revokeCalendarTokenAction,
  setDigestFrequencyAction,
} from "./actions";

export const metadata: Metadata = { title: "Reminders" };

type Props = { params: Promise<{ orgSlug: string }> };

export default async function RemindersPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const [page, origin] = await Promise.all([
    notFoundOnAppError(loadRemindersPage(ctx)),
    appOrigin(),
  ]);
  return (
    <>
      <PageHeader
        title="Reminders"
        description={`Your reminders for ${page.orgName}: the work on the controls you own. Times are in the organisation's time zone (${page.timeZone}).`}
      />
      <Card>
        <CardTitle>Email digest</CardTitle>
        <CardDescription className="mb-4">
          What is missing, what is due in the next 7 days, design evidence about to expire and open
          auditor requests on your controls. Nothing is sent when there is nothing to say.
          {mailConfigured()
            ? ""
            : " This installation has no mail server set up yet, so no digest is sent for now."}
        </CardDescription>
        <DigestForm orgSlug={page.orgSlug} {...page.settings} action={setDigestFrequencyAction} />
      </Card>
      <Card className="mt-6">
        <CardTitle>Calendar feed</CardTitle>
        <CardDescription className="mb-4">
          A private address your calendar app subscribes to: one all-day event on the due date of
          each missing or open occurrence of your controls.
        </CardDescription>
        <CalendarFeedCard
          orgSlug={page.orgSlug}
          active={page.feed.active}
          issued={page.feed.issued}
          origin={origin}
          issue={issueCalendarTokenAction}
          revoke={revokeCalendarTokenAction}
        />
      </Card>
    </>
  );
}
