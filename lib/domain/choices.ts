/**
 * A set edited in a form loaded earlier (the controls serving a requirement, the requirements a
 * control maps to): what the user ticked and unticked against what the form showed, applied to
 * the set as it is now. What someone else added or removed meanwhile stays as they left it.
 */
export function applyChoices(
  current: readonly string[],
  shown: readonly string[],
  chosen: readonly string[],
): string[] {
  const wasShown = new Set(shown);
  const isChosen = new Set(chosen);
  const result = new Set(current.filter((id) => isChosen.has(id) || !wasShown.has(id)));
  for (const id of isChosen) if (!wasShown.has(id)) result.add(id);
  return [...result].sort();
}
