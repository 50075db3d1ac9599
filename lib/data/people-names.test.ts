// People by name through the viewer's reach, on the real database: an administrator reads their
// colleagues by name and email; an operator (no Membership rule) reads only themself, everyone
// else as "a staff member"; nobody reads a person of another municipality; an id is never the answer.
import { describe, expect, it } from "vitest";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { viewerOf } from "@/test/fixtures/viewers";
import { peopleNames, personLine, UNSEEN_PERSON } from "./people-names";

describe("people names", () => {
  it("names the people the viewer may see, the viewer themself, and no one else", async () => {
    const town = await freshMunicipality();
    const other = await freshMunicipality();
    const admin = await freshPerson(town.id, ["municipality_admin"], { name: "Ada Town" });
    const operator = await freshPerson(town.id, ["operator"], { name: "Olga Town" });
    const colleague = await freshPerson(town.id, ["viewer"], { name: "Vic Town" });
    const stranger = await freshPerson(other.id, ["viewer"], { name: "Sam Elsewhere" });
    const ids = [colleague.id, stranger.id, operator.id, "cnotarealid000000000000000", null];

    const byAdmin = await peopleNames(await viewerOf(admin.email), ids, town.id);
    expect(byAdmin.get(colleague.id)).toEqual({ name: "Vic Town", email: colleague.email });
    expect(byAdmin.get(operator.id)?.name).toBe("Olga Town");
    expect(byAdmin.get(stranger.id)?.name).toBe(UNSEEN_PERSON);
    expect(byAdmin.get("cnotarealid000000000000000")?.name).toBe(UNSEEN_PERSON);
    expect(byAdmin.size).toBe(4);

    const byOperator = await peopleNames(await viewerOf(operator.email), ids, town.id);
    expect(byOperator.get(operator.id)?.name).toBe("Olga Town");
    expect(byOperator.get(colleague.id)).toEqual({ name: UNSEEN_PERSON, email: null });
    expect(byOperator.get(stranger.id)?.name).toBe(UNSEEN_PERSON);
  });

  it("reads as a name with the email, or the name alone", () => {
    expect(personLine({ name: "Ada Admin", email: "admin@riverton.test" })).toBe("Ada Admin (admin@riverton.test)");
    expect(personLine({ name: "a@b.test", email: "a@b.test" })).toBe("a@b.test");
    expect(personLine({ name: UNSEEN_PERSON, email: null })).toBe(UNSEEN_PERSON);
  });
});
