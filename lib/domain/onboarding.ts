// The first-time guide on the overview: questionnaire → starter controls → mapping → first
// evidence, each step done or not and linking to where it is done. Pure: the facts come in.

export type OnboardingFacts = {
  /** The first active engagement (the questionnaire creates engagements), if any. */
  firstEngagementId: string | null;
  controls: number;
  /** A control mapped to at least one requirement, if any: where evidence goes first. */
  firstMappedControlId: string | null;
  evidence: number;
};

export type OnboardingStep = {
  key: "questionnaire" | "controls" | "mapping" | "evidence";
  label: string;
  /** What the step is, in one sentence. */
  hint: string;
  done: boolean;
  href: string;
};

export type OnboardingProgress = { steps: OnboardingStep[]; done: number; total: number };

/** The four steps for the organisation at `base` ("/o/acme"), in order. */
export function onboardingProgress(facts: OnboardingFacts, base: string): OnboardingProgress {
  const steps: OnboardingStep[] = [
    {
      key: "questionnaire",
      label: "Answer the scoping questionnaire",
      hint: "A few questions about your service decide which reports to prepare; the engagements are created from your answers.",
      done: facts.firstEngagementId !== null,
      href: `${base}/questionnaire`,
    },
    {
      key: "controls",
      label: "Add starter controls",
      hint: "Pick from a library of common controls, then adapt them; each comes mapped to the requirements it usually serves.",
      done: facts.controls > 0,
      href: `${base}/controls/starter`,
    },
    {
      key: "mapping",
      label: "Map controls to requirements",
      hint: "Check which controls meet each criterion or objective of an engagement; starter controls arrive with suggested mappings.",
      done: facts.firstMappedControlId !== null,
      href: facts.firstEngagementId
        ? `${base}/engagements/${facts.firstEngagementId}`
        : `${base}/controls`,
    },
    {
      key: "evidence",
      label: "Record the first evidence",
      hint: "Upload a file, link or note that shows a control exists or operated.",
      done: facts.evidence > 0,
      href: facts.firstMappedControlId
        ? `${base}/controls/${facts.firstMappedControlId}#add-evidence`
        : `${base}/controls`,
    },
  ];
  return { steps, done: steps.filter((step) => step.done).length, total: steps.length };
}
