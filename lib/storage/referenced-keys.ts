// The database side of the orphan sweep (scripts/clean-orphan-files.ts).
//
// Contract: given stored keys, resolve to the subset still referenced by a database row (any
// organisation, any state: a key counts as referenced while any row names it). The sweep
// deletes every listed key that is missing from the result and older than its grace period,
// so a key must be reported whenever in doubt. Called with batches of at most 500 keys.
//
// No table holds file keys yet, so nothing is referenced: this resolves to an empty set.
export async function referencedKeys(_keys: readonly string[]): Promise<Set<string>> {
  return new Set();
}
