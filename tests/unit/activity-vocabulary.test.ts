import { describe, expect, expectTypeOf, it } from "vitest";
import type { recordActivity } from "@/lib/db/activity";
import {
  ACTIVITY_ACTIONS,
  isActivityAction,
  type ActivityAction,
} from "@/lib/domain/activity-vocabulary";

// recordActivity's input, checked by the compiler (npx tsc --noEmit runs over the tests): each
// expect-error directive below fails the type check if the line it guards ever compiles.
type Input = Parameters<typeof recordActivity>[2];

const accepted: Input[] = [
  {
    action: "control.updated",
    entityType: "control",
    entityId: "c1",
    changes: { status: { from: "draft", to: "implemented" } },
  },
  { action: "engagement.archived", entityType: "engagement", entityId: "g1" },
];

const unknownAction: Input = {
  // @ts-expect-error an action that is not in the vocabulary
  action: "control.teleported",
  entityType: "control",
  entityId: "c1",
};
// @ts-expect-error the record type of another action
const wrongRecord: Input = {
  action: "engagement.archived",
  entityType: "control",
  entityId: "g1",
};
const extraField: Input = {
  action: "evidence.linked",
  entityType: "evidence",
  entityId: "e1",
  // @ts-expect-error a payload field the action does not have
  after: { controlIds: ["c1"], colour: "red" },
};
const unknownChange: Input = {
  action: "control.updated",
  entityType: "control",
  entityId: "c1",
  // @ts-expect-error a change to a field the record does not have
  changes: { colour: { from: "a", to: "b" } },
};
const refused = [unknownAction, wrongRecord, extraField, unknownChange];

describe("the activity vocabulary", () => {
  it("types the action as the closed list", () => {
    expectTypeOf<Input["action"]>().toEqualTypeOf<ActivityAction>();
    expect(accepted).toHaveLength(2);
    expect(refused).toHaveLength(4);
  });

  it("lists every action once and recognises only those", () => {
    expect(new Set(ACTIVITY_ACTIONS).size).toBe(ACTIVITY_ACTIONS.length);
    expect(isActivityAction("control.updated")).toBe(true);
    expect(isActivityAction("control.teleported")).toBe(false);
  });
});
