import { describe, expect, it } from "vitest";
import { checkActionForm, checkActionJson, MAX_ACTION_DEPTH } from "./action-body";

const json = (text: string) => checkActionJson(text, { multipart: false }).ok;
const nest = (n: number) => "[".repeat(n) + "1" + "]".repeat(n);

describe("checkActionJson", () => {
  it("accepts what React's encodeReply writes for plain arguments", () => {
    expect(
      json(
        JSON.stringify([
          {
            id: "x",
            values: { title: "$$dollar", n: "$NaN", u: "$undefined", d: "$D2026-01-01T00:00:00.000Z", b: "$n-12" },
          },
        ]),
      ),
    ).toBe(true);
    expect(json("[]")).toBe(true);
    expect(json(nest(MAX_ACTION_DEPTH))).toBe(true);
  });
  it("refuses bodies that are not a JSON list of arguments", () => {
    for (const text of ["", "[", "hello", "[1]x", '{"a":1}', "1"]) expect(json(text)).toBe(false);
  });
  it("refuses references to parts a single-part body cannot have, and bigints that are not numbers", () => {
    for (const s of ["$", "$Z", "$h1", "$K1", "$@1", "$1", "$Q9", "$nabc", "$T1"])
      expect(json(JSON.stringify([s])), s).toBe(false);
  });
  it("refuses nesting deeper than the limit, without recursing itself", () => {
    expect(json(nest(MAX_ACTION_DEPTH + 1))).toBe(false);
    expect(json(nest(100_000))).toBe(false);
    expect(json(JSON.stringify([JSON.parse('{"a":'.repeat(200) + "1" + "}".repeat(200))]))).toBe(false);
  });
  it("refuses a NUL character in any string or key (PostgreSQL cannot hold one)", () => {
    expect(json(JSON.stringify([{ id: "a\u0000b" }]))).toBe(false);
    expect(json(JSON.stringify([{ ["k\u0000"]: 1 }]))).toBe(false);
  });
});

describe("checkActionForm", () => {
  const form = (entries: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };
  it("accepts a (prev, FormData) call as the browser sends it", () => {
    expect(
      checkActionForm(
        form([
          ["_1_slug", "riverton"],
          ["0", '[null,"$K1"]'],
        ]),
      ).ok,
    ).toBe(true);
  });
  it("refuses a multipart body without its arguments part or with a malformed one", () => {
    expect(checkActionForm(form([["x", "1"]])).ok).toBe(false);
    expect(checkActionForm(form([["0", "["]])).ok).toBe(false);
    expect(checkActionForm(form([["0", '["$Z"]']])).ok).toBe(false);
    expect(
      checkActionForm(
        form([
          ["_1_id", "a\u0000b"],
          ["0", '[null,"$K1"]'],
        ]),
      ).ok,
    ).toBe(false);
  });
});
