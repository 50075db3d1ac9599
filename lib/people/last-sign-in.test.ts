// "Last sign-in" on the people list: shown in plain words, filtered and sorted on the server
// (lib/people/people.ts), and a bad filter value is refused with a message naming the filter.
import { afterAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, setLastSignIn } from "@/test/fixtures/people";
import { viewerOf } from "@/test/fixtures/viewers";
import { listPeople } from "./people";
import { lastSignInLabel } from "./last-sign-in";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

const DAY = 86_400_000;
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("last sign-in in plain words", () => {
  it("says never, minutes, hours, yesterday, days, months and years", () => {
    expect(lastSignInLabel(null, now)).toBe("never");
    expect(lastSignInLabel(ago(20_000), now)).toBe("just now");
    expect(lastSignInLabel(ago(60_000), now)).toBe("1 minute ago");
    expect(lastSignInLabel(ago(5 * 60_000), now)).toBe("5 minutes ago");
    expect(lastSignInLabel(ago(3 * 3_600_000), now)).toBe("3 hours ago");
    expect(lastSignInLabel(ago(DAY + 1000), now)).toBe("yesterday");
    expect(lastSignInLabel(ago(3 * DAY), now)).toBe("3 days ago");
    expect(lastSignInLabel(ago(90 * DAY), now)).toBe("90 days ago");
    expect(lastSignInLabel(ago(150 * DAY), now)).toBe("5 months ago");
    expect(lastSignInLabel(ago(800 * DAY), now)).toBe("2 years ago");
  });
});

describe("the people list by last sign-in", () => {
  it("filters by 30 / 60 / 90 days (never included) and never, and sorts with never as the longest ago", async () => {
    const muni = await freshMunicipality();
    const admin = await freshPerson(muni.id, ["municipality_admin"], { name: "Admin" });
    await setLastSignIn(admin.id, ago(60_000));
    const at = async (name: string, days: number | null) => {
      const p = await freshPerson(muni.id, ["viewer"], { name });
      await setLastSignIn(p.id, days === null ? null : ago(days * DAY));
      return p;
    };
    const d3 = await at("Three", 3);
    await at("FortyFive", 45);
    await at("SeventyFive", 75);
    await at("HundredTwenty", 120);
    const never = await at("Never", null);
    const viewer = await viewerOf(admin.email);
    const names = async (q: Parameters<typeof listPeople>[2]) =>
      (await listPeople(viewer, muni.id, q, now)).rows.map((r) => r.name);

    expect((await names({ lastSignIn: "30" })).sort()).toEqual(["FortyFive", "HundredTwenty", "Never", "SeventyFive"]);
    expect((await names({ lastSignIn: "60" })).sort()).toEqual(["HundredTwenty", "Never", "SeventyFive"]);
    expect((await names({ lastSignIn: "90" })).sort()).toEqual(["HundredTwenty", "Never"]);
    expect(await names({ lastSignIn: "never" })).toEqual(["Never"]);
    expect(await names({ sort: "lastSignIn", dir: "asc" })).toEqual([
      "Never",
      "HundredTwenty",
      "SeventyFive",
      "FortyFive",
      "Three",
      "Admin",
    ]);
    expect(await names({ sort: "lastSignIn", dir: "desc" })).toEqual([
      "Admin",
      "Three",
      "FortyFive",
      "SeventyFive",
      "HundredTwenty",
      "Never",
    ]);
    // Each row carries the time itself (the page puts it in words with the same clock).
    const rows = (await listPeople(viewer, muni.id, {}, now)).rows;
    expect(rows.find((r) => r.userId === d3.id)!.lastSignInAt?.getTime()).toBe(ago(3 * DAY).getTime());
    expect(rows.find((r) => r.userId === never.id)!.lastSignInAt).toBeNull();
  });

  it("refuses a bad filter value with a message that names the filter, and a bad sort", async () => {
    const muni = await freshMunicipality();
    const admin = await freshPerson(muni.id, ["municipality_admin"]);
    const viewer = await viewerOf(admin.email);
    for (const bad of ["45", "Never", "30 days", "' or 1=1 --", ""]) {
      const e = await listPeople(viewer, muni.id, { lastSignIn: bad as "30" }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).message).toMatch(/^Last sign-in: choose 30, 60, 90 days or "never"\.$/);
      expect((e as ValidationError).fieldErrors).toHaveProperty("lastSignIn");
    }
    const e = await listPeople(viewer, muni.id, { sort: "lastLoginAt" as "name" }).catch((x: unknown) => x);
    expect((e as ValidationError).message).toMatch(/sort/);
  });
});
