import { describe, expect, it } from "vitest";
import { sessionCookieName, usesSecureCookies } from "./session-cookie";

describe("session cookie name", () => {
  it("on HTTPS only next-auth's __Secure- name, never the unprefixed fallback", () => {
    expect(sessionCookieName("https://gatehouse.example")).toBe("__Secure-next-auth.session-token");
    expect(usesSecureCookies("https://gatehouse.example")).toBe(true);
  });
  it("on plain HTTP (local use) the unprefixed name next-auth writes there", () => {
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
    expect(usesSecureCookies("http://localhost:3000")).toBe(false);
  });
});
