import { describe, expect, it } from "vitest";
import { addressForLimits, clientIpFrom, PEER_HEADER } from "./client-ip";

type H = { xff?: string; real?: string; peer?: string };
const h = ({ xff, real, peer }: H) => ({
  get: (n: string) =>
    n === "x-forwarded-for"
      ? (xff ?? null)
      : n === "x-real-ip"
        ? (real ?? null)
        : n === PEER_HEADER
          ? (peer ?? null)
          : null,
});

describe("client address", () => {
  it("with no trusted proxy (the default), the socket address decides; X-Forwarded-For and X-Real-IP are the client's own words", () => {
    expect(clientIpFrom(h({ xff: "203.0.113.9", peer: "198.51.100.4" }), 0, true)).toBe("198.51.100.4");
    expect(clientIpFrom(h({ xff: "1.2.3.4, 203.0.113.9", real: "5.6.7.8", peer: "198.51.100.4" }), 0, true)).toBe(
      "198.51.100.4",
    );
    expect(clientIpFrom(h({ peer: "::ffff:127.0.0.1" }), 0, true)).toBe("127.0.0.1");
  });

  it("with TRUSTED_PROXY_HOPS proxies, the entry our own proxies wrote, not what the client put in front", () => {
    expect(clientIpFrom(h({ xff: "203.0.113.9", peer: "10.0.0.2" }), 1, true)).toBe("203.0.113.9");
    expect(clientIpFrom(h({ xff: "1.2.3.4, 203.0.113.9", peer: "10.0.0.2" }), 1, true)).toBe("203.0.113.9");
    expect(clientIpFrom(h({ xff: "1.2.3.4, 198.51.100.7, 10.0.0.2", peer: "10.0.0.3" }), 2, true)).toBe("198.51.100.7");
    expect(clientIpFrom(h({ xff: "10.0.0.2", peer: "10.0.0.3" }), 3, true)).toBe("10.0.0.2");
    // A proxy that sent nothing: the socket, never X-Real-IP.
    expect(clientIpFrom(h({ real: "192.0.2.1", peer: "10.0.0.3" }), 1, true)).toBe("10.0.0.3");
  });

  it("without our server in front (plain `next start`) the socket address is unknown: the peer header could be the client's, so all such callers share one address", () => {
    expect(clientIpFrom(h({ xff: "203.0.113.9", peer: "198.51.100.4" }), 0, false)).toBe("unknown");
    expect(clientIpFrom(h({ xff: "1.2.3.4, 203.0.113.9" }), 1, false)).toBe("203.0.113.9");
  });
});

describe("addresses for limits", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6, and counts IPv6 per /64 (one host holds a whole /64)", () => {
    expect(addressForLimits("203.0.113.9")).toBe("203.0.113.9");
    expect(addressForLimits("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressForLimits("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressForLimits("2001:0db8:0001:0002:ffff:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(addressForLimits("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressForLimits("::1")).toBe("0:0:0:0::/64");
    expect(addressForLimits("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressForLimits("unknown")).toBe("unknown");
  });
});
