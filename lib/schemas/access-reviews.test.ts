import { describe, expect, it } from "vitest";
import { endOfDay, reviewDecisionInput, reviewItemsQuery, reviewListQuery, reviewStartInput } from "./access-reviews";

const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join("."));

describe("access review inputs", () => {
  it("a start names its group only for a group campaign, a real due date, and names every bad field", () => {
    expect(
      reviewStartInput.parse({
        name: " Q4 review ",
        scope: "ALL",
        group: "operator",
        dueAt: "2027-01-15",
        undecidedRule: "KEEP",
      }),
    ).toEqual({ name: "Q4 review", scope: "ALL", group: undefined, dueAt: "2027-01-15", undecidedRule: "KEEP" });
    const bad = reviewStartInput.safeParse({ name: "x", scope: "GROUP", dueAt: "2027-02-30", undecidedRule: "MAYBE" });
    expect(fieldsOf(bad).sort()).toEqual(["dueAt", "name", "undecidedRule"]);
    expect(
      fieldsOf(
        reviewStartInput.safeParse({ name: "Group one", scope: "GROUP", dueAt: "2027-01-15", undecidedRule: "KEEP" }),
      ),
    ).toEqual(["group"]);
    expect(
      fieldsOf(
        reviewStartInput.safeParse({
          name: "Q4\u0000",
          scope: "ALL",
          dueAt: "2027-01-15",
          undecidedRule: "KEEP",
          extra: 1,
        }),
      ),
    ).toContain("name");
    expect(endOfDay("2027-01-15").toISOString()).toBe("2027-01-15T23:59:59.000Z");
  });

  it("a decision's kept groups come as one value or many; list queries name a bad filter or sort", () => {
    expect(reviewDecisionInput.parse({ decision: "CHANGE", keptGroups: "viewer" }).keptGroups).toEqual(["viewer"]);
    expect(reviewDecisionInput.parse({ decision: "CONFIRM", note: "  " })).toEqual({
      decision: "CONFIRM",
      keptGroups: [],
      note: undefined,
    });
    expect(fieldsOf(reviewListQuery.safeParse({ status: "gone", sort: "x" })).sort()).toEqual(["sort", "status"]);
    expect(fieldsOf(reviewItemsQuery.safeParse({ state: "maybe", page: "0" })).sort()).toEqual(["page", "state"]);
    expect(reviewItemsQuery.parse({ state: "decided", q: "olga" })).toMatchObject({
      state: "decided",
      q: "olga",
      page: 1,
    });
  });
});
