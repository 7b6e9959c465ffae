// The vocabulary of a control (readiness-rules.md, section 2).

export const CONTROL_STATUSES = ["draft", "designed", "implemented", "retired"] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export const CONTROL_FREQUENCIES = [
  "continuous",
  "multiple_daily",
  "daily",
  "weekly",
  "monthly",
  "quarterly",
  "semi_annual",
  "annual",
  "event_driven",
] as const;
export type ControlFrequency = (typeof CONTROL_FREQUENCIES)[number];

export const CONTROL_NATURES = ["manual", "automated", "it_dependent_manual"] as const;
export type ControlNature = (typeof CONTROL_NATURES)[number];

export const CONTROL_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
