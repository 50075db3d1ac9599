// "Test connection" against a real OpenID provider (the local IdP, oidc-provider, started here),
// a port nobody listens on, a host that is not a discovery endpoint and a wrong issuer: every
// check answers in words, nothing throws.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIdp } from "@/lib/idp/server";
import { freePort } from "@/test/fixtures/free-port";
import { checkOidcProvider, issuerProblem, networkProblem } from "./oidc-checks";

const secret = "oidc-checks-test-secret-0123456789abcdef-0123";
let idp: Awaited<ReturnType<typeof startIdp>>;
let notJson: http.Server;
let notJsonUrl: string;

beforeAll(async () => {
  idp = await startIdp({ port: await freePort(), appUrl: "http://localhost:3999", authSecret: secret });
  // /impostor answers a discovery document that names another issuer; everything else is an HTML 404.
  notJson = http.createServer((req, res) =>
    req.url === "/impostor/.well-known/openid-configuration"
      ? res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ issuer: "https://idp.elsewhere.example" }))
      : res.writeHead(404, { "content-type": "text/html" }).end("<h1>nope</h1>"),
  );
  const port = await freePort();
  await new Promise<void>((r) => notJson.listen(port, "127.0.0.1", () => r()));
  notJsonUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await idp.stop();
  await new Promise((r) => notJson.close(r));
});

const byId = (r: Awaited<ReturnType<typeof checkOidcProvider>>) => Object.fromEntries(r.checks.map((c) => [c.id, c]));

describe("checkOidcProvider", () => {
  it("passes every check against the local provider", async () => {
    const r = await checkOidcProvider(idp.issuer, { scopes: ["openid", "email", "profile", "groups"] });
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ["reachable", "pass"],
      ["issuer", "pass"],
      ["endpoints", "pass"],
      ["keys", "pass"],
      ["codeFlow", "pass"],
      ["scopes", "pass"],
    ]);
    expect(r.ok).toBe(true);
    expect(byId(r).keys!.detail).toMatch(/signing key/);
  });

  it("says so when nothing listens at the issuer", async () => {
    const r = await checkOidcProvider(`http://127.0.0.1:${await freePort()}`);
    expect(r.ok).toBe(false);
    expect(byId(r).reachable).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/refused the connection/),
    });
    expect(byId(r).keys!.status).toBe("skip");
  });

  it("names the issuer the document gives when it is not the configured one", async () => {
    const r = await checkOidcProvider(`${notJsonUrl}/impostor`);
    expect(r.ok).toBe(false);
    expect(byId(r).reachable!.status).toBe("pass");
    expect(byId(r).issuer).toMatchObject({ status: "fail" });
    expect(byId(r).issuer!.detail).toContain(`"https://idp.elsewhere.example", not "${notJsonUrl}/impostor"`);
  });

  it("says what came back when the URL is not a provider", async () => {
    const r = await checkOidcProvider(notJsonUrl);
    expect(byId(r).reachable).toMatchObject({ status: "fail", detail: expect.stringMatching(/HTTP 404/) });
  });

  it("names an unknown host and a scope the provider does not offer", async () => {
    const r = await checkOidcProvider("https://no-such-host.invalid");
    expect(byId(r).reachable!.detail).toMatch(/not found|could not be reached|did not answer/);
    const s = await checkOidcProvider(idp.issuer, { scopes: ["openid", "offline_access_x"] });
    expect(byId(s).scopes).toMatchObject({ status: "warn", detail: expect.stringContaining("offline_access_x") });
    expect(s.ok).toBe(true);
  });

  it("names an untrusted TLS certificate (a self-signed one here) and a host that does not answer in time", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "oidc-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const server = https.createServer(
      { key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) },
      (_req, res) => res.end("{}"),
    );
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
    try {
      const r = await checkOidcProvider(`https://127.0.0.1:${port}`);
      expect(byId(r).reachable).toMatchObject({
        status: "fail",
        detail: expect.stringMatching(/TLS certificate is not trusted/),
      });
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(networkProblem(Object.assign(new Error("t"), { name: "TimeoutError" }), "idp.example")).toBe(
      "idp.example did not answer within 8 seconds.",
    );
  });

  it("talks to a provider on this machine only while Gatehouse itself runs locally, and to others over https only", () => {
    const deployed = "https://gatehouse.city.example";
    expect(issuerProblem(new URL("http://127.0.0.1:5432"), deployed)).toBe(
      "A provider on this machine is accepted only when Gatehouse itself runs locally.",
    );
    expect(issuerProblem(new URL("https://localhost/realms/x"), deployed)).not.toBeNull();
    expect(issuerProblem(new URL("http://127.0.0.1:3901"), "http://localhost:3000")).toBeNull();
    expect(issuerProblem(new URL("http://login.city.example"), deployed)).toMatch(/must use https/);
    expect(issuerProblem(new URL("https://login.city.example/tenant?x=1"), deployed)).toMatch(/No query/);
    expect(issuerProblem(new URL("https://login.city.example/tenant"), deployed)).toBeNull();
  });
});
