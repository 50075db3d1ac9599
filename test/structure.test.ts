import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureProblems } from "./structure";

describe("test fixtures", () => {
  it("tests get clients, people, SMTP and ports from test/fixtures/, never from copies, e2e/ or SQL", () => {
    expect(fixtureProblems(path.resolve(import.meta.dirname, ".."))).toEqual([]);
  });
});
