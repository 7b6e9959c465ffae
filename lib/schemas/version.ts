import { z } from "zod";

export const STALE_FORM_MESSAGE =
  "This form is out of date. Load the latest version and try again.";

/** The version an edit form was loaded at (a hidden field); the write is refused if it moved on. */
export const VersionField = z.coerce
  .number({ error: STALE_FORM_MESSAGE })
  .int(STALE_FORM_MESSAGE)
  .min(0, STALE_FORM_MESSAGE);
