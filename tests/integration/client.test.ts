import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { uniqueEmail } from "./helpers";

// Two requests at once, made deterministic: one holds a transaction open while the other
// queries outside any transaction, then the first rolls back. (On SQLite both share one
// connection; see lib/db/serialized-sqlite.ts.)

const userData = (email: string) => ({ email, name: "Beside", passwordHash: "not-a-hash" });

/** Starts `query` while another transaction that inserted `pendingEmail` is open, then rolls that transaction back. */
async function besideRolledBackTransaction<T>(
  pendingEmail: string,
  query: () => Promise<T>,
): Promise<T> {
  let outcome: Promise<T> | undefined;
  await getDb()
    .$transaction(async (tx) => {
      await tx.user.create({ data: userData(pendingEmail) });
      outcome = query();
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error("roll back");
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === "roll back")) throw error;
    });
  if (!outcome) throw new Error("the query never started");
  return outcome;
}

describe("a query beside another request's transaction", () => {
  it("keeps its write when that transaction rolls back", async () => {
    const email = uniqueEmail();

    // `async` and `await`: a Prisma query only runs once awaited.
    const created = await besideRolledBackTransaction(
      uniqueEmail(),
      async () => await getDb().user.create({ data: userData(email), select: { id: true } }),
    );

    expect(await getDb().user.findUnique({ where: { email }, select: { id: true } })).toEqual(
      created,
    );
  });

  it("does not see that transaction's uncommitted rows", async () => {
    const pending = uniqueEmail();

    const seen = await besideRolledBackTransaction(
      pending,
      async () => await getDb().user.findUnique({ where: { email: pending } }),
    );

    expect(seen).toBeNull();
  });
});
