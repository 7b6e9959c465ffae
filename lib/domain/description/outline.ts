// The system description's outline for each report family: the sections a team writes, in the
// order the report presents them, with a short note on what each should say. Titles and guidance
// are our own words, written from the structure in docs (DC 200 for SOC 2; the description content
// SOC 1 and ISAE 3402 ask for). Some sections start from data the engagement already holds.
import type { ReportFamily } from "../engagements";

/** Data an engagement already holds that a section can start from. */
export type SectionSource = "cuecs" | "subservices" | "not_applicable" | "objectives";

export type OutlineSection = {
  key: string;
  title: string;
  guidance: string;
  /** Where a first draft can come from; absent when the team writes it from scratch. */
  source?: SectionSource;
  /** Only asked for in a Type II report. */
  typeIIOnly?: boolean;
};

const SHARED_TAIL: readonly OutlineSection[] = [
  {
    key: "cuecs",
    title: "Controls expected at user entities",
    guidance:
      "List what your customers must do themselves for the controls here to work, such as telling you when one of their users leaves. Keep plain customer duties that do not affect your own controls out of this list.",
    source: "cuecs",
  },
  {
    key: "subservices",
    title: "Subservice organisations",
    guidance:
      "Name each outside provider the service depends on, what it does for you, whether its controls are carved out or included, and the controls you expect it to run. Say how you keep an eye on it.",
    source: "subservices",
  },
];

const SOC2: readonly OutlineSection[] = [
  {
    key: "services",
    title: "Services provided",
    guidance:
      "Say in a few paragraphs what the service does, for whom, and which parts of the business this report covers. A reader who has never heard of you should know what is in and out.",
  },
  {
    key: "commitments",
    title: "Service commitments and system requirements",
    guidance:
      "Set out what you promise customers (in contracts, service levels, public statements) and the requirements the system must meet to keep those promises, such as encryption in transit or a recovery time.",
  },
  {
    key: "components",
    title: "System components",
    guidance:
      "Describe what the system is made of: infrastructure, software, the people who run it, the procedures they follow and the data it holds. Attach a network diagram and an org chart where they help.",
  },
  {
    key: "boundaries",
    title: "System boundaries",
    guidance:
      "Draw the line around the system: which locations, environments, applications and teams are inside, and what is deliberately left out of this report.",
  },
  {
    key: "incidents",
    title: "Incidents during the period",
    guidance:
      "Describe any security incident that meant a commitment or requirement was not met, what happened, and what you did about it. Say so plainly when there were none.",
  },
  {
    key: "control_environment",
    title: "Control environment, risk assessment, information and monitoring",
    guidance:
      "Explain how the organisation is governed, how it finds and weighs risks, how information reaches the people who need it, and how controls are watched over time. Refer to controls as [[REF]].",
  },
  ...SHARED_TAIL,
  {
    key: "not_applicable",
    title: "Criteria that do not apply",
    guidance:
      "For each criterion marked not applicable in this engagement, give the reason in words an auditor can check against the system.",
    source: "not_applicable",
  },
  {
    key: "changes",
    title: "Significant changes during the period",
    guidance:
      "List the changes to the system, its controls or the organisation during the period that a reader should know about, with their dates.",
    typeIIOnly: true,
  },
];

const SOC1: readonly OutlineSection[] = [
  {
    key: "services",
    title: "Services covered",
    guidance:
      "Say which services this report covers and why they matter to customers' financial reporting.",
  },
  {
    key: "transactions",
    title: "Classes of transactions",
    guidance:
      "For each kind of transaction you process, follow it from start to finish: how it is started, authorised, recorded, processed, corrected when wrong, and reported to the customer.",
  },
  {
    key: "reports",
    title: "Reports and information produced",
    guidance:
      "Name the reports and other information the service gives customers, and how you make sure they are complete and accurate.",
  },
  {
    key: "itgc",
    title: "IT general controls environment",
    guidance:
      "Describe the systems behind the service and how access, changes and operations are controlled. Refer to controls as [[REF]].",
  },
  {
    key: "objectives",
    title: "Control objectives and related controls",
    guidance:
      "For each control objective in scope, state it and list the controls that meet it. The first draft comes from the engagement's objectives and mappings.",
    source: "objectives",
  },
  {
    key: "events",
    title: "Significant events and conditions",
    guidance:
      "Describe events and conditions, other than transactions, that matter to customers' financial reporting and how the system deals with them.",
  },
  ...SHARED_TAIL,
];

/** The family's outline; Type I engagements leave out the sections only a period report has. */
export function descriptionOutline(
  family: ReportFamily,
  type: "TYPE_I" | "TYPE_II",
): readonly OutlineSection[] {
  const outline = family === "SOC2" ? SOC2 : SOC1;
  return type === "TYPE_II" ? outline : outline.filter((section) => !section.typeIIOnly);
}

export function outlineSection(
  family: ReportFamily,
  type: "TYPE_I" | "TYPE_II",
  key: string,
): OutlineSection | undefined {
  return descriptionOutline(family, type).find((section) => section.key === key);
}
