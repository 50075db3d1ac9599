import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseListParams } from "./list-params";

const schema = z
  .object({
    municipalityId: z.string(),
    status: z.enum(["OPEN", "CLOSED"]).optional(),
    page: z.coerce.number().int().min(1).default(1),
  })
  .strict();

describe("parseListParams", () => {
  it("picks known keys, first values, drops empty ones, adds the fixed values", () => {
    const r = parseListParams(
      schema,
      { status: ["OPEN", "CLOSED"], page: "2", junk: "x", municipalityId: "evil" },
      ["status", "page"],
      { municipalityId: "m1" },
    );
    expect(r).toEqual({
      ok: true,
      query: { municipalityId: "m1", status: "OPEN", page: 2 },
      values: { status: "OPEN", page: "2" },
    });
    expect(parseListParams(schema, { status: "" }, ["status"], { municipalityId: "m1" })).toMatchObject({
      ok: true,
      query: { municipalityId: "m1", page: 1 },
    });
  });

  it("reports invalid values instead of passing them on", () => {
    const r = parseListParams(schema, new URLSearchParams("status=EXPLODED"), ["status"], { municipalityId: "m1" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.status).toBeDefined();
  });
});
