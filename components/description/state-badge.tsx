import { Badge } from "@/components/ui/badge";
import type { SectionState } from "@/lib/domain/description/states";
import { SECTION_STATE_LABELS } from "@/lib/domain/labels";

const TONES = { draft: "neutral", in_review: "warning", approved: "success" } as const;

export function SectionStateBadge({ state }: { state: SectionState }) {
  return <Badge tone={TONES[state]}>{SECTION_STATE_LABELS[state]}</Badge>;
}
