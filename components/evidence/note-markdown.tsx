import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import {
  markdownLimitProblem,
  NOTE_MARKDOWN_LIMITS,
  type MarkdownLimits,
} from "@/lib/domain/markdown-limits";

const PLUGINS = [remarkGfm];

/** Tables scroll sideways inside their box instead of widening the page; links open safely. */
const COMPONENTS: Components = {
  table: ({ node: _node, ...props }) => (
    <div className="my-3 overflow-x-auto">
      <table
        className="min-w-full border-collapse text-sm [&_td]:border [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-slate-200 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left"
        {...props}
      />
    </div>
  ),
  a: ({ node: _node, href, ...props }) => (
    <a
      href={href}
      rel="noopener noreferrer nofollow"
      className="text-brand-700 underline"
      {...props}
    />
  ),
};

/**
 * GitHub-flavoured Markdown (tables, task lists, strikethrough, headings, lists) with no raw
 * HTML: react-markdown escapes HTML unless a raw plugin is added, and its default URL filter
 * drops `javascript:` and other unsafe links. Text beyond `limits` (stored before they existed)
 * is shown as the plain text it is, never parsed: parsing it could take the server minutes or
 * overflow its stack.
 */
export function SafeMarkdown({
  text,
  limits,
  noun,
}: {
  text: string;
  limits: MarkdownLimits;
  noun: string;
}) {
  if (markdownLimitProblem(text, limits, noun) === null)
    return (
      <div className="space-y-2 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:text-base [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5 [&_.contains-task-list]:list-none [&_.contains-task-list]:pl-0">
        <Markdown remarkPlugins={PLUGINS} components={COMPONENTS}>
          {text}
        </Markdown>
      </div>
    );
  return (
    <>
      <p className="text-xs text-slate-500">
        {`Shown as plain text: its formatting is beyond what ${noun}s may hold.`}
      </p>
      <pre className="whitespace-pre-wrap break-words font-sans">{text}</pre>
    </>
  );
}

/** An evidence note as safe Markdown. */
export function NoteMarkdown({ note }: { note: string }) {
  return <SafeMarkdown text={note} limits={NOTE_MARKDOWN_LIMITS} noun="note" />;
}
