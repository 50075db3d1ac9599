import { describe, expect, it } from "vitest";
import { isParsableCallbackUrl, safeAuthRedirect, safeNextPath } from "./safe-redirect";

describe("safeAuthRedirect (next-auth's redirect callback)", () => {
  const base = "http://app.example";
  it("keeps our own paths and origin", () => {
    expect(safeAuthRedirect({ url: "/w/riverton", baseUrl: base })).toBe(`${base}/w/riverton`);
    expect(safeAuthRedirect({ url: `${base}/account`, baseUrl: base })).toBe(`${base}/account`);
  });
  it("sends anything else home, including text that is not a URL at all (the default threw on it: a 500)", () => {
    for (const url of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "73160d97074a",
      "",
      "http://app.example.evil.example/",
    ]) {
      const to = safeAuthRedirect({ url, baseUrl: base });
      expect(new URL(to).origin, url).toBe(base);
      expect(to, url).not.toContain("evil");
    }
  });
});

describe("isParsableCallbackUrl (what next-auth accepts before it answers 500)", () => {
  it("accepts paths and http(s) URLs, refuses the rest", () => {
    for (const ok of ["/w", "http://app.example/x", "https://elsewhere.example/"])
      expect(isParsableCallbackUrl(ok, "http://app.example"), ok).toBe(true);
    for (const bad of ["]79V", "abc", "javascript:alert(1)", "", "data:text/html,x"])
      expect(isParsableCallbackUrl(bad, "http://app.example"), bad).toBe(false);
  });
});

describe("safeNextPath (the post-sign-in `next`): hostile values never leave the site", () => {
  // Browsers drop tab, CR and LF from a URL and read a backslash as a slash, so each of these
  // turns into "//evil.example" (another site) once the browser has cleaned it up.
  const hostile = [
    "/\t/evil.example",
    "/\r/evil.example",
    "/\n/evil.example",
    "/\t\t/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/./\t/evil.example",
    "/.//evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "/%0d%0a/evil.example",
    "https://evil.example",
    "http:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "data:text/html,x",
    "evil.example",
    "",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "/\u2028/x",
    "/x\ty",
    `/${"a".repeat(600)}`,
    "/%E0%A4%A",
    "//evil.example/%2e%2e",
    "/\t\\evil.example",
  ];
  it.each(hostile.map((v) => [JSON.stringify(v), v]))("%s → the fallback", (_, value) => {
    expect(safeNextPath(value, "/w")).toBe("/w");
  });

  it("what comes out stays on our origin when a browser resolves it", () => {
    for (const value of hostile) {
      const out = safeNextPath(value, "/w");
      // What a browser does with a path before resolving it: strip tab/CR/LF, read \ as /.
      const cleaned = out.replace(/[\t\r\n]/g, "").replace(/\\/g, "/");
      expect(new URL(cleaned, "http://app.example").origin, JSON.stringify(value)).toBe("http://app.example");
    }
  });

  it("keeps our own paths with their query, drops a fragment", () => {
    expect(safeNextPath("/w/riverton")).toBe("/w/riverton");
    expect(safeNextPath("/w/riverton/requests?status=OPEN&page=2")).toBe("/w/riverton/requests?status=OPEN&page=2");
    expect(safeNextPath("/account#sessions")).toBe("/account");
    expect(safeNextPath("/w/%C3%A9t%C3%A9")).toBe("/w/%C3%A9t%C3%A9");
  });

  it("next-auth's redirect callback applies the same rule to paths and to absolute URLs of our origin", () => {
    const base = "http://app.example";
    for (const value of hostile) {
      const to = safeAuthRedirect({ url: value, baseUrl: base });
      expect(new URL(to.replace(/[\t\r\n]/g, "").replace(/\\/g, "/")).origin, JSON.stringify(value)).toBe(base);
      expect(to, JSON.stringify(value)).not.toMatch(/[\t\r\n\\]/);
    }
    for (const value of [
      "http://app.example/\t/evil.example",
      "http://app.example/%2F/evil.example",
      "http://app.example//evil.example",
    ]) {
      const to = safeAuthRedirect({ url: value, baseUrl: base });
      expect(to, value).toBe(base);
    }
    expect(safeAuthRedirect({ url: "http://app.example/w?x=1#f", baseUrl: base })).toBe(`${base}/w?x=1`);
  });
});
