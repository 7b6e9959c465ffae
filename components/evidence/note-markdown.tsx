import Markdown from "react-markdown";
import { markdownLimitProblem, NOTE_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";

/**
 * An evidence note as safe Markdown (no raw HTML). A note beyond the Markdown limits (stored
 * before they existed) is shown as the plain text it is, never parsed: parsing it could take the
 * server minutes or overflow its stack.
 */
export function NoteMarkdown({ note }: { note: string }) {
  if (markdownLimitProblem(note, NOTE_MARKDOWN_LIMITS, "note") === null)
    return <Markdown>{note}</Markdown>;
  return (
    <>
      <p className="text-xs text-slate-500">
        Shown as plain text: its formatting is beyond what notes may hold.
      </p>
      <pre className="whitespace-pre-wrap break-words font-sans">{note}</pre>
    </>
  );
}
