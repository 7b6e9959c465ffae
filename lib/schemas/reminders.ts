import { z } from "zod";
import { DIGEST_FREQUENCIES } from "@/lib/domain/digest";
import { VersionField } from "./version";

/** How often the member's reminder digest comes, from the reminders page. */
export const DigestFrequencyInput = z.object({
  digestFrequency: z.enum(DIGEST_FREQUENCIES, { error: "Choose daily, weekly or off." }),
  version: VersionField,
});

/** Issuing or revoking the member's own calendar feed: nothing but the organisation. */
export const CalendarFeedInput = z.object({});
