// Counts written out in words: "1 engagement", "2 engagements", never "engagement(s)".

/** "1 engagement", "0 engagements", "2 engagements"; `many` defaults to `one` + "s". */
export function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
