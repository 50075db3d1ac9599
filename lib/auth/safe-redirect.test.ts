import { describe, expect, it } from "vitest";
import { safeAuthRedirect } from "./safe-redirect";

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
