// The control forms' limits, apart from the schemas: client forms import these, and importing
// control.ts would ship zod to the browser with them.

/** readiness-rules.md, section 2: days after an occurrence ends that its evidence may still arrive. */
export const MAX_GRACE_DAYS = 90;
/** The most controls one bulk edit changes. */
export const MAX_BULK_CONTROLS = 500;
