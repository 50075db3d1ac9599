import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validationErrorOf } from "./errors";

const schema = z.object({ title: z.string().min(3), status: z.enum(["OPEN", "CLOSED"]).optional() }).strict();

describe("validationErrorOf", () => {
  it("names every unknown and read-only key, next to the usual field errors", () => {
    const r = schema.safeParse({ title: "x", colour: "red", createdAt: "2020", ["__proto__"]: 1 });
    expect(r.success).toBe(false);
    const err = validationErrorOf(r.error!, { known: ["title", "status", "createdAt"] });
    expect(Object.keys(err.fieldErrors).sort()).toEqual(["__proto__", "colour", "createdAt", "title"]);
    expect(err.fieldErrors.colour).toEqual(["Unknown field."]);
    expect(err.fieldErrors.createdAt).toEqual(["This field cannot be set here."]);
    expect(err.fieldErrors.title![0]).toMatch(/3/);
    expect(err.message).toMatch(/^Some values are not valid: .*colour/);
  });

  it("keeps a key named __proto__ as a plain own property", () => {
    const r = schema.safeParse(JSON.parse('{"title":"abc","__proto__":{"polluted":true}}'));
    const err = validationErrorOf(r.error!);
    expect(Object.getPrototypeOf(err.fieldErrors)).toBe(Object.prototype);
    expect(Object.hasOwn(err.fieldErrors, "__proto__")).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
