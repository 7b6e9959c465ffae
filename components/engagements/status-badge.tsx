import { Badge } from "@/components/ui/badge";
import type { RequirementStatus } from "@/lib/domain/requirement-status";

const TONE = {
  ready: "success",
  in_progress: "warning",
  unmapped: "danger",
  not_applicable: "neutral",
} as const;
export const STATUS_LABELS: Record<RequirementStatus, string> = {
  ready: "ready",
  in_progress: "in progress",
  unmapped: "unmapped",
  not_applicable: "not applicable",
};

export function RequirementStatusBadge({ status }: { status: RequirementStatus }) {
  return <Badge tone={TONE[status]}>{STATUS_LABELS[status]}</Badge>;
}
