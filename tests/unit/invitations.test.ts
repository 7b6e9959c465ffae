import { describe, expect, it } from "vitest";
import {
  INVITATION_TTL_DAYS,
  invitationExpiry,
  invitationState,
  normalizeEmail,
  type InvitationDates,
} from "@/lib/domain/invitations";

const NOW = new Date("2026-05-15T12:00:00Z");
const EARLIER = new Date("2026-05-14T09:00:00Z");
const PAST = new Date("2026-05-10T12:00:00Z");
const FUTURE = new Date("2026-05-20T12:00:00Z");

function makeInvitation(overrides: Partial<InvitationDates> = {}): InvitationDates {
  return { acceptedAt: null, revokedAt: null, expiresAt: FUTURE, ...overrides };
}

describe("invitationState", () => {
  it("is pending when nothing happened and it has not expired", () => {
    expect(invitationState(makeInvitation(), NOW)).toBe("pending");
  });

  it.each([
    [
      "accepted, revoked and expired",
      { acceptedAt: EARLIER, revokedAt: EARLIER, expiresAt: PAST },
      "accepted",
    ],
    ["accepted and revoked", { acceptedAt: EARLIER, revokedAt: EARLIER }, "accepted"],
    ["accepted and expired", { acceptedAt: EARLIER, expiresAt: PAST }, "accepted"],
    ["accepted", { acceptedAt: EARLIER }, "accepted"],
    ["revoked and expired", { revokedAt: EARLIER, expiresAt: PAST }, "revoked"],
    ["revoked", { revokedAt: EARLIER }, "revoked"],
    ["expired", { expiresAt: PAST }, "expired"],
  ] as const)("is %s → %s", (_label, overrides, state) => {
    expect(invitationState(makeInvitation(overrides), NOW)).toBe(state);
  });

  it("is expired exactly at expiresAt", () => {
    expect(invitationState(makeInvitation({ expiresAt: NOW }), NOW)).toBe("expired");
  });

  it("is still pending one millisecond before expiresAt", () => {
    expect(invitationState(makeInvitation({ expiresAt: new Date(NOW.getTime() + 1) }), NOW)).toBe(
      "pending",
    );
  });

  it("stays accepted after its expiry date passes", () => {
    const accepted = makeInvitation({ acceptedAt: EARLIER, expiresAt: FUTURE });
    expect(invitationState(accepted, new Date("2027-01-01T00:00:00Z"))).toBe("accepted");
  });
});

describe("invitationExpiry", () => {
  it("is seven days after creation, to the millisecond", () => {
    expect(INVITATION_TTL_DAYS).toBe(7);
    expect(invitationExpiry(NOW)).toEqual(new Date("2026-05-22T12:00:00.000Z"));
    expect(invitationExpiry(new Date("2026-05-15T12:00:00.123Z")).toISOString()).toBe(
      "2026-05-22T12:00:00.123Z",
    );
  });

  it("counts 7 × 24 hours even across a month end", () => {
    expect(invitationExpiry(new Date("2026-02-25T23:30:00Z"))).toEqual(
      new Date("2026-03-04T23:30:00Z"),
    );
  });

  it("does not change the date it was given", () => {
    const created = new Date(NOW);
    invitationExpiry(created);
    expect(created).toEqual(NOW);
  });

  it("makes a fresh invitation pending until its last millisecond, then expired", () => {
    const expiresAt = invitationExpiry(NOW);
    const invitation = makeInvitation({ expiresAt });
    expect(invitationState(invitation, new Date(expiresAt.getTime() - 1))).toBe("pending");
    expect(invitationState(invitation, expiresAt)).toBe("expired");
  });
});

describe("normalizeEmail", () => {
  it.each([
    ["alice@example.com", "alice@example.com"],
    ["Alice@Example.COM", "alice@example.com"],
    ["  alice@example.com  ", "alice@example.com"],
    ["\tALICE@EXAMPLE.COM\n", "alice@example.com"],
    ["alice+tag@example.com", "alice+tag@example.com"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it("keeps inner characters, so different addresses stay different", () => {
    expect(normalizeEmail("a.lice@example.com")).not.toBe(normalizeEmail("alice@example.com"));
  });
});
