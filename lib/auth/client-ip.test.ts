import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";
import { safeNextPath } from "./safe-redirect";

const h = (xff: string | null, real: string | null = null) => ({ get: (n: string) => (n === "x-forwarded-for" ? xff : n === "x-real-ip" ? real : null) });

describe("client address", () => {
  it("takes the entry our own proxies wrote, not what the client put in front", () => {
    expect(clientIpFrom(h("203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIpFrom(h("1.2.3.4, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIpFrom(h("1.2.3.4, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
    expect(clientIpFrom(h("10.0.0.2"), 3)).toBe("10.0.0.2");
    expect(clientIpFrom(h(null, "192.0.2.1"), 1)).toBe("192.0.2.1");
    expect(clientIpFrom(h(null), 1)).toBe("local");
  });
});

describe("post-sign-in redirect", () => {
  it("stays on this site", () => {
    expect(safeNextPath("/w/riverton")).toBe("/w/riverton");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", ""]) expect(safeNextPath(bad, "/w")).toBe("/w");
  });
});
