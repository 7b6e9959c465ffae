"use client";

import { StaleAlert } from "./stale-alert";
import type { LatestVersion } from "./use-latest-version";
import { IdField } from "./id-field";

type Props = {
  /** The version the form was loaded at, sent with the form. */
  version: number;
  /** The form's `version` field error: the record changed since the form was loaded. */
  error?: string[];
  latest: LatestVersion;
};

/** The hidden version field of a multi-field edit form, and what to do when someone else saved first. */
export function StaleVersionNotice({ version, error, latest }: Props) {
  return (
    <>
      <IdField name="version" value={version} />
      {error ? (
        <StaleAlert
          conflict={error}
          latest={latest}
          kept="The fields you changed keep what you typed; the others show the latest values."
        />
      ) : null}
    </>
  );
}
