"use server";

import { revalidatePath } from "next/cache";
import { issueCalendarToken, revokeCalendarToken } from "@/lib/db/calendar-feed";
import { setDigestFrequency } from "@/lib/db/reminders";
import { CalendarFeedInput, DigestFrequencyInput } from "@/lib/schemas/reminders";
import { orgAction } from "@/lib/server/action";

export const setDigestFrequencyAction = orgAction(
  DigestFrequencyInput,
  async (ctx, { digestFrequency, version }) => {
    await setDigestFrequency(ctx, digestFrequency, version);
    revalidatePath(`/o/${ctx.orgSlug}/reminders`);
    return null;
  },
);

/** A new feed token, returned to this answer only: the page shows the address once. */
export const issueCalendarTokenAction = orgAction(CalendarFeedInput, async (ctx) => {
  const token = await issueCalendarToken(ctx);
  revalidatePath(`/o/${ctx.orgSlug}/reminders`);
  return { path: `/api/calendar/${token}.ics` };
});

export const revokeCalendarTokenAction = orgAction(CalendarFeedInput, async (ctx) => {
  await revokeCalendarToken(ctx);
  revalidatePath(`/o/${ctx.orgSlug}/reminders`);
  return null;
});
