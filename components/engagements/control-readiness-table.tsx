import Link from "next/link";
import { SlotStrip } from "@/components/readiness/slot-strip";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { ControlReadinessPage } from "@/lib/db/control-readiness-page";

/** Each in-scope control the filter keeps: ready or not, what is missing, its occurrences. */
export function ControlReadinessTable({ page }: { page: ControlReadinessPage }) {
  const { orgSlug, engagement, typeII } = page;
  const here = `/o/${orgSlug}/engagements/${engagement.id}/controls`;
  if (page.inScope === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        No controls are mapped to this engagement&apos;s requirements yet.{" "}
        <Link
          className="text-brand-700 hover:underline"
          href={`/o/${orgSlug}/engagements/${engagement.id}`}
        >
          Map controls to its requirements
        </Link>
        .
      </p>
    );
  }
  if (page.controls.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        No control matches the filter.{" "}
        <Link className="text-brand-700 hover:underline" href={here}>
          Clear the filter
        </Link>
        .
      </p>
    );
  }
  return (
    <Table aria-label="Control readiness">
      <thead>
        <tr>
          <Th>Control</Th>
          <Th>Ready?</Th>
          <Th>What is missing</Th>
          {typeII ? <Th>Occurrences</Th> : null}
          {typeII ? <Th>Sampling guidance</Th> : null}
        </tr>
      </thead>
      <tbody>
        {page.controls.map((control) => (
          <tr key={control.controlId}>
            <Td className="whitespace-nowrap">
              <Link
                className="font-mono text-xs font-semibold text-brand-700 hover:underline"
                href={`/o/${orgSlug}/controls/${control.controlId}`}
              >
                {control.ref}
              </Link>
              <span className="block max-w-56 whitespace-normal text-xs text-slate-700">
                {control.title}
              </span>
            </Td>
            <Td>
              {control.ready ? (
                <Badge tone="success">ready</Badge>
              ) : (
                <Badge tone="warning">not ready</Badge>
              )}
            </Td>
            <Td className="text-xs text-slate-700">
              <ul>
                {control.reasons.map((reason) => (
                  <li key={reason.code}>{reason.text}</li>
                ))}
              </ul>
              {control.warnings.map((warning) => (
                <p key={warning.code} className="text-amber-800">
                  {warning.text}
                </p>
              ))}
            </Td>
            {typeII ? (
              <Td>
                {control.operating ? (
                  <>
                    <SlotStrip cells={control.cells} />
                    <span className="mt-1 block text-xs text-slate-600">
                      {control.operating.coverage === null
                        ? "nothing due yet"
                        : `${control.operating.covered} of ${control.operating.due} due covered (${Math.round(control.operating.coverage * 100)}%)`}
                    </span>
                  </>
                ) : null}
              </Td>
            ) : null}
            {typeII ? (
              <Td className="text-xs text-slate-600">{control.sampling?.text ?? "—"}</Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
