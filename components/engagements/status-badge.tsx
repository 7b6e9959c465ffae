import { Badge } from "@/components/ui/badge";
import { REQUIREMENT_STATUS_LABELS } from "@/lib/domain/labels";
import type { RequirementStatus } from "@/lib/domain/requirement-status";

const TONE = {
  ready: "success",
  in_progress: "warning",
  unmapped: "danger",
  not_applicable: "neutral",
} as const;

export function RequirementStatusBadge({ status }: { status: RequirementStatus }) {
  return <Badge tone={TONE[status]}>{REQUIREMENT_STATUS_LABELS[status]}</Badge>;
}
