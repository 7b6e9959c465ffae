import { describe, expect, it } from "vitest";
import { readAhead } from "@/lib/export/read-ahead";

async function* pagesOf<T>(items: readonly T[], size: number): AsyncGenerator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

describe("readAhead", () => {
  it("yields every item in order across pages, with what was started for it", async () => {
    const seen: [number, number | undefined][] = [];
    for await (const { item, started } of readAhead(
      pagesOf([1, 2, 3, 4, 5, 6, 7], 3),
      (n) => (n % 2 === 0 ? Promise.resolve(n * 10) : undefined),
      2,
    )) {
      seen.push([item, await started]);
    }
    expect(seen).toEqual([
      [1, undefined],
      [2, 20],
      [3, undefined],
      [4, 40],
      [5, undefined],
      [6, 60],
      [7, undefined],
    ]);
  });

  it("starts at most `ahead` items beyond the one being handled", async () => {
    const startedAt: number[] = [];
    let handled = 0;
    for await (const { item } of readAhead(
      pagesOf([...Array(20).keys()], 4),
      (n) => (startedAt.push(n), Promise.resolve(n)),
      3,
    )) {
      expect(item).toBe(handled);
      expect(Math.max(...startedAt)).toBeLessThanOrEqual(handled + 3);
      handled++;
    }
    expect(startedAt).toEqual([...Array(20).keys()]);
  });

  it("raises a failure where its item is awaited, never as an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const reached: number[] = [];
      const run = async () => {
        for await (const { item, started } of readAhead(
          pagesOf([0, 1, 2, 3], 2),
          (n) => (n === 2 ? Promise.reject(new Error("file 2 is damaged")) : Promise.resolve(n)),
          3,
        )) {
          await started;
          reached.push(item);
        }
      };
      await expect(run()).rejects.toThrow("file 2 is damaged");
      expect(reached).toEqual([0, 1]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("closes the pages when the consumer stops early", async () => {
    let closed = false;
    async function* pages(): AsyncGenerator<readonly number[]> {
      try {
        for (let page = 0; ; page++) yield [page * 2, page * 2 + 1];
      } finally {
        closed = true;
      }
    }
    for await (const { item } of readAhead(pages(), () => undefined, 2)) if (item === 3) break;
    expect(closed).toBe(true);
  });
});
