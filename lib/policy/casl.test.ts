// The wrapper's types come from the generated Prisma.TypeMap: a wrong model name is a compile
// error (checked by `tsc --noEmit` through the @ts-expect-error below), and ofType() really filters.
import { describe, expect, it } from "vitest";
import { accessibleBy, createPrismaAbility, type AppAbility } from "./casl";

describe("lib/policy/casl", () => {
  it("types ofType() by model name and builds a tenant filter", () => {
    const ability = createPrismaAbility<AppAbility>([
      { action: "read", subject: "ServiceRequest", conditions: { municipalityId: "a" } },
    ]);
    const where = accessibleBy(ability, "read").ofType("ServiceRequest");
    expect(JSON.stringify(where)).toContain('"municipalityId":"a"');
    // @ts-expect-error — not a model: must not compile (the 1.x `.Model` style would return undefined).
    expect(() => accessibleBy(ability, "read").ofType("ServiceRequests")).toBeDefined();
  });
});
