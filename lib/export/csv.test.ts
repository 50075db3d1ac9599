import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { columnsOf, toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes separators and neutralises spreadsheet formulas", () => {
    const csv = toCsv(
      [{ a: 'say "hi", ok', b: '=HYPERLINK("x")', c: null, d: new Date("2026-01-02T03:04:05Z") }],
      ["a", "b", "c", "d"],
    );
    expect(csv).toBe('a,b,c,d\r\n"say ""hi"", ok","\'=HYPERLINK(""x"")",,2026-01-02T03:04:05.000Z\r\n');
  });

  it("has exactly the given columns, whatever else a row holds", () => {
    expect(toCsv([{ a: 1, secret: "x" }], ["a"])).toBe("a\r\n1\r\n");
  });

  it("never lets a cell start with a formula character", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const line = toCsv([{ v: s }], ["v"]).split("\r\n")[1] ?? "";
        const cell = line.startsWith('"') ? line.slice(1) : line;
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
    );
  });
});

describe("columnsOf", () => {
  it("lists only fields present in some row, preferred order first", () => {
    expect(columnsOf([{ b: 1, id: "x" }, { z: 2 }], ["id", "a", "b"])).toEqual(["id", "b", "z"]);
    expect(columnsOf([], ["id"])).toEqual([]);
  });
});
