import { describe, expect, it } from "vitest";
import { isParsableCallbackUrl, safeAuthRedirect } from "./safe-redirect";

describe("safeAuthRedirect (next-auth's redirect callback)", () => {
  const base = "http://app.example";
  it("keeps our own paths and origin", () => {
    expect(safeAuthRedirect({ url: "/w/riverton", baseUrl: base })).toBe(`${base}/w/riverton`);
    expect(safeAuthRedirect({ url: `${base}/account`, baseUrl: base })).toBe(`${base}/account`);
  });
  it("sends anything else home, including text that is not a URL at all (the default threw on it: a 500)", () => {
    for (const url of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "73160d97074a", "", "http://app.example.evil.example/"]) {
      const to = safeAuthRedirect({ url, baseUrl: base });
      expect(new URL(to).origin, url).toBe(base);
      expect(to, url).not.toContain("evil");
    }
  });
});

describe("isParsableCallbackUrl (what next-auth accepts before it answers 500)", () => {
  it("accepts paths and http(s) URLs, refuses the rest", () => {
    for (const ok of ["/w", "http://app.example/x", "https://elsewhere.example/"]) expect(isParsableCallbackUrl(ok, "http://app.example"), ok).toBe(true);
    for (const bad of ["]79V", "abc", "javascript:alert(1)", "", "data:text/html,x"]) expect(isParsableCallbackUrl(bad, "http://app.example"), bad).toBe(false);
  });
});
