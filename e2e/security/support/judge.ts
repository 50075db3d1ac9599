// Judging what the server answered against what the policy says. Pure functions over crawl
// results, so the suites can also run them against a deliberately broken policy or route and
// show that they fail.
import type { Fetched } from "./crawl";
import type { Case, Outcome } from "./routes";
import { canReadField, permittedMarkers, type Account, type Probe } from "./world";

export type Visit = { account: Account; case: Case; html: Fetched; rsc?: Fetched };

export function outcomeOf(f: Fetched): Outcome | `status ${number}` {
  if (f.status === 200) return "ok";
  if (f.status === 404) return "not-found";
  if (f.status === 401) return "unauthorized";
  if (f.status >= 300 && f.status < 400 && f.location && new URL(f.location, "http://x").pathname === "/signin")
    return "sign-in";
  if (f.status >= 300 && f.status < 400 && f.location) return "elsewhere";
  return `status ${f.status}`;
}

/** The ability whose view a route shows: public API and portal show the public view, the rest the staff view. */
function viewOf(a: Account, path: string) {
  return path.startsWith("/api/public/") || path.startsWith("/m/") ? a.abilities.public : a.abilities.staff;
}

export function accessMismatches(visits: Visit[]): string[] {
  const out: string[] = [];
  for (const v of visits) {
    const expected = v.case.expect(v.account);
    const got = outcomeOf(v.html);
    if (got !== expected) {
      out.push(`${v.account.label} GET ${v.case.path}: expected ${expected}, got ${got}`);
      continue;
    }
    // A 200 that does not show the record would pass a status check while proving nothing.
    const p = v.case.shows;
    if (got === "ok" && p) {
      const titleField = "title" in p.markers ? "title" : "name";
      if (
        canReadField(viewOf(v.account, v.case.path), p, titleField) &&
        !v.html.body.includes(p.markers[titleField]!)
      ) {
        out.push(`${v.account.label} GET ${v.case.path}: 200 but the record's ${titleField} is not shown`);
      }
    }
  }
  return out;
}

/** Text markers, and the coordinate markers of exact locations (seven decimals: ./world.ts). */
const MARKER = /zq[0-9a-f]{12}|\d{1,3}\.\d{7}/g;

export type Leak = {
  account: string;
  path: string;
  channel: "html" | "rsc" | "api" | "file";
  marker: string;
  field: string;
  record: string;
};

export function findLeaks(
  visits: Visit[],
  probes: Probe[],
): { leaks: Leak[]; markersChecked: number; bodiesScanned: number } {
  const owner = new Map<string, { field: string; probe: Probe }>();
  for (const p of probes) for (const [field, m] of Object.entries(p.markers)) owner.set(m, { field, probe: p });
  const permitted = new Map<Account, Set<string>>();
  const leaks: Leak[] = [];
  let markersChecked = 0;
  let bodiesScanned = 0;
  for (const v of visits) {
    let allowed = permitted.get(v.account);
    if (!allowed) permitted.set(v.account, (allowed = permittedMarkers(v.account, probes)));
    const bodies: [Leak["channel"], Fetched | undefined][] = [
      [v.case.kind === "page" ? "html" : v.case.kind, v.html],
      ["rsc", v.rsc],
    ];
    for (const [channel, f] of bodies) {
      if (!f) continue;
      bodiesScanned++;
      markersChecked += owner.size;
      // A "not found" answer may echo its own URL (Next's route tree does): a marker the visitor put
      // in the path (a request's reference, /m/<slug>/requests/<reference>) is what they sent, not
      // what the page gave away. Only that one marker, and only where the policy says "not found"
      // (an "ok" where it should not be is the outcome check's failure; other fields still count).
      const sent = v.case.expect(v.account) === "not-found" ? v.case.path : "";
      for (const m of new Set(f.body.match(MARKER) ?? [])) {
        const o = owner.get(m);
        if (o && !allowed.has(m) && !sent.includes(m))
          leaks.push({
            account: v.account.label,
            path: v.case.path,
            channel,
            marker: m,
            field: `${o.probe.type}.${o.field}`,
            record: o.probe.id,
          });
      }
    }
  }
  return { leaks, markersChecked, bodiesScanned };
}
