import { describe, expect, it } from "vitest";
import { checkCsrf } from "./csrf";

const req = (method: string, headers: Record<string, string>) => ({
  method,
  url: "http://app.example/api/v1/service-requests",
  headers: new Headers({ host: "app.example", ...headers }),
});

describe("checkCsrf", () => {
  it("lets reads through whatever their origin", () => {
    expect(checkCsrf(req("GET", { origin: "https://evil.example" })).ok).toBe(true);
  });
  it("accepts a same-origin write and one without browser headers (bearer clients)", () => {
    expect(checkCsrf(req("POST", { origin: "http://app.example" })).ok).toBe(true);
    expect(checkCsrf(req("PATCH", {})).ok).toBe(true);
  });
  it("refuses a write from another origin, a sibling subdomain, a null or malformed origin, or a cross-site fetch without Origin", () => {
    for (const origin of ["https://evil.example", "http://evil.app.example", "null", "not a url"])
      expect(checkCsrf(req("POST", { origin })).ok).toBe(false);
    expect(checkCsrf(req("DELETE", { "sec-fetch-site": "cross-site" })).ok).toBe(false);
    expect(checkCsrf(req("POST", { "sec-fetch-site": "same-site" })).ok).toBe(false);
  });
  it("lets the identity provider's page post to a SAML assertion consumer service, and nowhere else under /api/saml", () => {
    const at = (path: string) => ({
      method: "POST",
      url: `http://app.example${path}`,
      headers: new Headers({ host: "app.example", origin: "https://adfs.city.example" }),
    });
    expect(checkCsrf(at("/api/saml/riverton/acs")).ok).toBe(true);
    for (const path of [
      "/api/saml/riverton/login",
      "/api/saml/riverton/acs/x",
      "/api/saml/Riverton/acs",
      "/api/saml/acs",
    ])
      expect(checkCsrf(at(path)).ok).toBe(false);
  });
});
