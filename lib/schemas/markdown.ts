import type { z } from "zod";
import { markdownLimitProblem, type MarkdownLimits } from "@/lib/domain/markdown-limits";

/**
 * A refinement for a field rendered as Markdown: text beyond `limits` is refused with a message
 * on the field (`noun`: "note", "draft"). Text longer than `maxChars` is left to the length check.
 */
export function withinMarkdownLimits(limits: MarkdownLimits, noun: string, maxChars: number) {
  return (text: string, context: z.RefinementCtx): void => {
    if (text.length > maxChars) return;
    const problem = markdownLimitProblem(text, limits, noun);
    if (problem) context.addIssue({ code: "custom", message: problem });
  };
}
