import { describe, expect, it } from "vitest";
import { pathProblem } from "./request-path";

describe("pathProblem", () => {
  it.each([
    "/m/%FF",
    "/m/%",
    "/m/%F",
    "/m/abc%",
    "/w/riverton/requests/%E0%A4%A",
    "/m/%E0%A4",
    "/m/%C0%AF",
    "/m/%ED%A0%80",
    "/m/%F8%88%80%80%80",
    "/m/%zz",
    "/invite/%80",
  ])("refuses %s: not UTF-8", (p) => {
    expect(pathProblem(p)).toMatch(/not valid UTF-8/);
  });

  it.each(["/m/%00", "/m/a%00b", "/m/%0A", "/m/%1F", "/m/%7F"])("refuses %s: a control character", (p) => {
    expect(pathProblem(p)).toMatch(/control character/);
  });

  it.each([
    "/",
    "/m/riverton",
    "/m/%C3%A9t%C3%A9",
    "/m/%2F",
    "/m/%25FF",
    "/m/%20x",
    "/api/v1/documents/cmx4fn4ia001r2k7dk88u0nea",
    "/m/😀",
  ])("lets %s through", (p) => {
    expect(pathProblem(p)).toBeNull();
  });
});
