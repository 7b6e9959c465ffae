import type { DiffPart } from "@/lib/domain/description/diff";

/** Two versions compared word by word: removed words struck through in red, added in green. */
export function VersionDiff({ parts, complete }: { parts: DiffPart[]; complete: boolean }) {
  return (
    <div>
      {!complete ? (
        <p className="mb-2 text-xs text-slate-500">
          These versions differ too much to compare word by word; the whole text is shown replaced.
        </p>
      ) : null}
      <p className="whitespace-pre-wrap break-words text-sm">
        {parts.map((part, index) =>
          part.kind === "added" ? (
            <ins key={index} className="bg-green-100 text-green-900 no-underline">
              {part.text}
            </ins>
          ) : part.kind === "removed" ? (
            <del key={index} className="bg-red-100 text-red-900">
              {part.text}
            </del>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </p>
      {parts.length === 0 ? (
        <p className="text-sm text-slate-600">The two versions are the same.</p>
      ) : null}
    </div>
  );
}
