// proxy.ts and scripts/body-gate.mjs must agree on which bodies may be larger (photo uploads) and
// by how much: the gate counts streamed bytes, the proxy judges declared lengths.
import { describe, expect, it } from "vitest";
import * as gate from "./body-gate.mjs";
import * as proxyLimits from "../lib/security/upload-limit";

const cases: [string, string, Record<string, string>, boolean][] = [
  ["POST", "/m/riverton/requests/new", { "next-action": "x", "content-type": "multipart/form-data; boundary=a" }, true],
  ["POST", "/w/riverton/requests/cmabc123", { "next-action": "x", "content-type": "multipart/form-data; b=1" }, false],
  ["POST", "/m/riverton/requests/new", { "next-action": "x", "content-type": "text/plain;charset=UTF-8" }, false],
  ["POST", "/m/riverton/requests/new", { "content-type": "multipart/form-data; boundary=a" }, false],
  ["PUT", "/m/riverton/requests/new", { "next-action": "x", "content-type": "multipart/form-data" }, false],
  ["POST", "/m/riverton/requests/new/x", { "next-action": "x", "content-type": "multipart/form-data" }, false],
  ["POST", "/w/riverton/requests/a/b", { "next-action": "x", "content-type": "multipart/form-data" }, false],
  ["POST", "/api/v1/service-requests", { "next-action": "x", "content-type": "multipart/form-data" }, false],
  ["POST", "/admin/riverton/people", { "next-action": "x", "content-type": "multipart/form-data" }, false],
];

describe("body limits", () => {
  it("are the same numbers and paths in proxy.ts's module and the body gate", () => {
    expect(gate.MAX_BODY_BYTES).toBe(proxyLimits.MAX_BODY_BYTES);
    expect(gate.UPLOAD_BODY_BYTES).toBe(proxyLimits.UPLOAD_BODY_BYTES);
    expect(gate.UPLOAD_PATHS.map(String)).toEqual(proxyLimits.UPLOAD_PATHS.map(String));
  });

  it.each(cases)("%s %s %j → upload limit: %s", (method, url, headers, upload) => {
    const want = upload ? proxyLimits.UPLOAD_BODY_BYTES : proxyLimits.MAX_BODY_BYTES;
    expect(gate.bodyLimitFor({ method, url: `${url}?q=1`, headers })).toBe(want);
    expect(proxyLimits.bodyLimitOf(method, url, new Headers(headers))).toBe(want);
  });
});
