// The map in the browser specs: nothing may leave this machine (tiles come from the local tile
// server of e2e/global-setup.ts), and an open public roads report of the demo data to stand next to.
import type { Page } from "@playwright/test";
import { sql } from "../../test/fixtures/db";

const LOCAL = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Refuses (and records) every request that would leave this machine. */
export async function stayLocal(page: Page): Promise<string[]> {
  const outside: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || LOCAL.has(url.hostname)) return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  return outside;
}

export type Open = { reference: string; title: string; latitude: number; longitude: number };

/** An open public roads report of Riverton with a location (demo data). */
export async function openRoadsReport(): Promise<Open> {
  const [row] = await sql<Open>(
    `SELECT r.reference, r.title, r.latitude, r.longitude FROM "ServiceRequest" r JOIN "Municipality" m ON m.id = r."municipalityId"
     WHERE m.slug = 'riverton' AND r."isPublic" AND r.category = 'ROADS' AND r.status IN ('SUBMITTED','TRIAGED','IN_PROGRESS')
       AND r."approxLatitude" IS NOT NULL ORDER BY r."createdAt" DESC LIMIT 1`,
  );
  if (!row) throw new Error("the demo data has no open public roads report with a location");
  return row;
}
