import { describe, expect, it } from "vitest";
import { canonicalJson, type JsonValue } from "@/lib/domain/canonical-json";

describe("canonicalJson", () => {
  it.each([
    [null, "null"],
    [true, "true"],
    [false, "false"],
    [0, "0"],
    [-1.5, "-1.5"],
    [1e21, "1e+21"],
    ["", '""'],
    ["plain", '"plain"'],
    [[], "[]"],
    [{}, "{}"],
  ] as [JsonValue, string][])("serialises %j as %s", (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it("sorts keys at the top level", () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it("gives the same string whatever the key order, at every depth", () => {
    const one: JsonValue = {
      z: { y: { x: 1, w: [{ v: 1, u: 2 }] }, t: 2 },
      s: [{ r: 1, q: { p: 1, o: 2 } }],
    };
    const two: JsonValue = {
      s: [{ q: { o: 2, p: 1 }, r: 1 }],
      z: { t: 2, y: { w: [{ u: 2, v: 1 }], x: 1 } },
    };
    const expected =
      '{"s":[{"q":{"o":2,"p":1},"r":1}],"z":{"t":2,"y":{"w":[{"u":2,"v":1}],"x":1}}}';
    expect(canonicalJson(one)).toBe(expected);
    expect(canonicalJson(two)).toBe(expected);
  });

  it("sorts number-like keys as strings, not in JavaScript's integer-first order", () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"b":1}');
  });

  it("sorts keys by code unit, so capitals come before lowercase whatever the locale", () => {
    expect(canonicalJson({ b: 1, a: 2, B: 3, é: 4 })).toBe('{"B":3,"a":2,"b":1,"é":4}');
  });

  it("writes no whitespace", () => {
    expect(canonicalJson({ a: [1, { b: "c d" }] })).toBe('{"a":[1,{"b":"c d"}]}');
  });

  it("drops undefined members at every depth", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ a: { b: undefined, c: { d: undefined } } })).toBe('{"a":{"c":{}}}');
    expect(canonicalJson([{ a: undefined }])).toBe("[{}]");
  });

  it("treats an undefined member as absent, so both hash the same", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it("keeps null members, which differ from absent ones", () => {
    expect(canonicalJson({ a: null })).toBe('{"a":null}');
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it("keeps array order", () => {
    expect(canonicalJson([3, 1, 2])).toBe("[3,1,2]");
    expect(
      canonicalJson([
        [2, 1],
        ["b", "a"],
      ]),
    ).toBe('[[2,1],["b","a"]]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it.each([NaN, Infinity, -Infinity])("throws on the non-finite number %s", (value) => {
    expect(() => canonicalJson(value)).toThrow("non-finite");
  });

  it("throws on non-finite numbers nested in objects and arrays", () => {
    expect(() => canonicalJson({ a: { b: NaN } })).toThrow("non-finite");
    expect(() => canonicalJson([1, [Infinity]])).toThrow("non-finite");
  });

  it("escapes quotes, backslashes and control characters in strings", () => {
    expect(canonicalJson('say "hi"')).toBe(String.raw`"say \"hi\""`);
    expect(canonicalJson("C:\\path")).toBe(String.raw`"C:\\path"`);
    expect(canonicalJson("line\nbreak\ttab\u0001")).toBe(String.raw`"line\nbreak\ttab\u0001"`);
  });

  it("escapes keys too, so a key cannot forge structure", () => {
    const forged = canonicalJson({ 'a":1,"b': 2 });
    expect(forged).toBe(String.raw`{"a\":1,\"b":2}`);
    expect(forged).not.toBe(canonicalJson({ a: 1, b: 2 }));
    expect(JSON.parse(forged)).toEqual({ 'a":1,"b': 2 });
  });

  it("keeps non-ASCII text as is", () => {
    expect(canonicalJson({ name: "Crème Brûlée 日本" })).toBe('{"name":"Crème Brûlée 日本"}');
  });

  it("distinguishes a string from the value it spells", () => {
    expect(canonicalJson("1")).not.toBe(canonicalJson(1));
    expect(canonicalJson("null")).not.toBe(canonicalJson(null));
    expect(canonicalJson("true")).not.toBe(canonicalJson(true));
  });

  it("round-trips through JSON.parse", () => {
    const value = { b: [1, "two", null, { d: false, c: 0.5 }], a: "x" };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});
