import Link from "next/link";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import type { OnboardingProgress } from "@/lib/domain/onboarding";

/** The overview's first-time guide: four steps with their progress, each linking to its page. */
export function OnboardingGuide({ steps, done, total }: OnboardingProgress) {
  const next = steps.find((step) => !step.done);
  return (
    <Card className="mb-6" aria-labelledby="getting-started">
      <CardTitle id="getting-started">Getting started</CardTitle>
      <CardDescription className="mb-3">
        {done} of {total} steps done.
        {next ? ` Next: ${next.label.toLocaleLowerCase()}.` : ""}
      </CardDescription>
      <progress
        className="mb-4 h-2 w-full max-w-md accent-brand-600"
        max={total}
        value={done}
        aria-label={`${done} of ${total} steps done`}
      />
      <ol className="space-y-3" aria-label="Steps">
        {steps.map((step, index) => (
          <li key={step.key} className="flex gap-3 text-sm">
            <span
              aria-hidden="true"
              className={
                step.done
                  ? "flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-green-600 text-xs font-semibold text-white"
                  : "flex h-6 w-6 shrink-0 items-center justify-center rounded-full border border-slate-300 text-xs font-semibold text-slate-700"
              }
            >
              {step.done ? "✓" : index + 1}
            </span>
            <span>
              <Link
                href={step.href}
                className="font-medium text-brand-700 underline underline-offset-2"
              >
                {step.label}
              </Link>{" "}
              <span className="text-slate-600">{step.done ? "(done)" : "(to do)"}</span>
              <span className="block text-slate-600">{step.hint}</span>
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
