// The map's tile server is the one image origin beyond our own (lib/env.ts mapTiles), and a tile
// setting the CSP could not express (subdomains, no {z}/{x}/{y}, not http(s)) is refused.
import { afterEach, describe, expect, it } from "vitest";
import { mapTiles } from "@/lib/env";
import { contentSecurityPolicy, staticSecurityHeaders } from "./headers";

const saved = { url: process.env.MAP_TILE_URL, attribution: process.env.MAP_TILE_ATTRIBUTION };
afterEach(() => {
  for (const [k, v] of [
    ["MAP_TILE_URL", saved.url],
    ["MAP_TILE_ATTRIBUTION", saved.attribution],
  ] as const)
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

const imgSrc = (csp: string) => csp.split("; ").find((d) => d.startsWith("img-src"));

describe("map tiles in the CSP", () => {
  it("defaults to OpenStreetMap's tile server, and allows images from that origin only", () => {
    delete process.env.MAP_TILE_URL;
    const tiles = mapTiles();
    expect(tiles.url).toBe("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    expect(tiles.attribution).toContain("OpenStreetMap");
    expect(imgSrc(contentSecurityPolicy("n", false, tiles.origin))).toBe(
      "img-src 'self' data: blob: https://tile.openstreetmap.org",
    );
    expect(imgSrc(contentSecurityPolicy("n", false))).toBe("img-src 'self' data: blob:");
  });

  it("follows MAP_TILE_URL, port included", () => {
    process.env.MAP_TILE_URL = "http://localhost:4142/tiles/{z}/{x}/{y}.png";
    expect(mapTiles().origin).toBe("http://localhost:4142");
    // Nothing but images: scripts and connections stay our own.
    const csp = contentSecurityPolicy("n", false, mapTiles().origin);
    expect(csp).toContain("connect-src 'self';");
    expect(csp.match(/localhost:4142/g)).toHaveLength(1);
  });

  it("refuses a template the CSP could not name, or one without {z}/{x}/{y}", () => {
    for (const bad of [
      "https://{s}.tile.example.org/{z}/{x}/{y}.png",
      "https://tiles.example.org/{z}/{x}.png",
      "javascript:alert(1)//{z}/{x}/{y}",
      "ftp://tiles.example.org/{z}/{x}/{y}.png",
    ]) {
      process.env.MAP_TILE_URL = bad;
      expect(() => mapTiles(), bad).toThrow(/map tile settings/);
    }
  });

  it("lets our own pages ask for the location, nobody else", () => {
    expect(staticSecurityHeaders(true)["Permissions-Policy"]).toContain("geolocation=(self)");
  });
});
