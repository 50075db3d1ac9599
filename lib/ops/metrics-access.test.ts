import { describe, expect, it } from "vitest";
import { metricsSettingsFrom } from "@/lib/env";
import { metricsAccess, plainAddress } from "./metrics-access";

const TOKEN = "metrics-token-0123456789abcdef";
const ask = (env: Record<string, string>, peer: string | null, authorization: string | null = null) =>
  metricsAccess(metricsSettingsFrom(env), { peer, authorization });

describe("who may read /metrics", () => {
  it("is nobody while neither a token nor an allow-list is configured (404, token or not)", () => {
    expect(ask({}, "127.0.0.1")).toBe(404);
    expect(ask({}, "127.0.0.1", `Bearer ${TOKEN}`)).toBe(404);
    expect(ask({ METRICS_TOKEN: "", METRICS_ALLOW: " " }, "127.0.0.1")).toBe(404);
  });

  it("with METRICS_TOKEN: the bearer token and nothing else (401 without it or with another)", () => {
    const env = { METRICS_TOKEN: TOKEN };
    expect(ask(env, "127.0.0.1")).toBe(401);
    expect(ask(env, "127.0.0.1", `Bearer ${TOKEN}x`)).toBe(401);
    expect(ask(env, "127.0.0.1", `Bearer ${TOKEN.slice(0, -1)}`)).toBe(401);
    expect(ask(env, "127.0.0.1", `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`)).toBe(401);
    expect(ask(env, "127.0.0.1", TOKEN)).toBe(401);
    expect(ask(env, "127.0.0.1", `Bearer ${TOKEN} extra`)).toBe(401);
    expect(ask(env, "127.0.0.1", `Bearer ${TOKEN}`)).toBe(200);
    expect(ask(env, "203.0.113.9", `bearer  ${TOKEN}`)).toBe(200);
    expect(ask(env, null, `Bearer ${TOKEN}`)).toBe(200);
  });

  it("with METRICS_ALLOW: connections from the listed addresses and subnets, 404 from anywhere else", () => {
    const env = { METRICS_ALLOW: "127.0.0.1, 10.0.0.0/8, fd00:1::/32" };
    expect(ask(env, "127.0.0.1")).toBe(200);
    // IPv4 on a dual-stack socket, as Node reports it.
    expect(ask(env, "::ffff:127.0.0.1")).toBe(200);
    expect(ask(env, "10.200.3.4")).toBe(200);
    expect(ask(env, "fd00:1:ffff::7")).toBe(200);
    expect(ask(env, "127.0.0.2")).toBe(404);
    expect(ask(env, "11.0.0.1")).toBe(404);
    expect(ask(env, "fd00:2::1")).toBe(404);
    expect(ask(env, "::1")).toBe(404);
    // No socket address (not served by scripts/server.mjs): never on the list.
    expect(ask(env, "unknown")).toBe(404);
    expect(ask(env, null)).toBe(404);
    expect(ask(env, "")).toBe(404);
  });

  it("with both: the address first (404 outside, whatever the token), then the token (401)", () => {
    const env = { METRICS_TOKEN: TOKEN, METRICS_ALLOW: "192.0.2.0/24" };
    expect(ask(env, "198.51.100.1", `Bearer ${TOKEN}`)).toBe(404);
    expect(ask(env, "192.0.2.10")).toBe(401);
    expect(ask(env, "192.0.2.10", `Bearer ${TOKEN}`)).toBe(200);
  });

  it("refuses settings that would not do what they say", () => {
    expect(() => metricsSettingsFrom({ METRICS_TOKEN: "short" })).toThrow(/at least 16/);
    expect(() => metricsSettingsFrom({ METRICS_ALLOW: "10.0.0.0/33" })).toThrow(/10\.0\.0\.0\/33.*not an IP/);
    expect(() => metricsSettingsFrom({ METRICS_ALLOW: "127.0.0.1,example.org" })).toThrow(/example\.org/);
  });

  it("reads addresses as the socket gives them", () => {
    expect(plainAddress("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(plainAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(plainAddress(" 2001:db8::1 ")).toBe("2001:db8::1");
  });
});
