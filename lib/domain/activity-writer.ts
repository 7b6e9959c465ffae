// The pieces an activity sentence is made of, shared by the files that write them.

import type { Fields } from "./activity-changes";
import type { ActivityAction } from "./activity-vocabulary";

export type RecordKind =
  | "control"
  | "evidence"
  | "engagement"
  | "objective"
  | "request"
  | "export"
  | "exception"
  | "requirement"
  | "user"
  | "membership";
export type RecordRef = { kind: RecordKind; id: string };
export type RecordLink = {
  page: "control" | "engagement" | "objective" | "requests" | "exports" | "requirement";
  id: string;
  engagementId?: string;
};
/** A record that still exists: what to call it and where it lives. */
export type KnownRecord = { label: string; link: RecordLink | null };
export type RecordLookup = (ref: RecordRef) => KnownRecord | undefined;

export type SentencePart = { text: string; link?: RecordLink };
export type ActivityFacts = {
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  actorName: string | null;
};

export type Piece = string | SentencePart;
export type Writer = {
  actor: string;
  before: Fields;
  after: Fields;
  entityId: string;
  entityType: string;
  /** A record as a link, or as `fallback` (its stored name) without one when it is gone. */
  rec: (kind: RecordKind, id: string | null, fallback?: string | null) => SentencePart;
  person: (id: string | null) => string;
  changes: () => string;
};
export type Describe = (w: Writer) => Piece[];

export type Sentences = { [A in ActivityAction]?: Describe };
