// The permits application's own records, in memory: a few applications filed by residents and
// builders, and one filed by each member of staff at their first sign-in (so everyone has a permit
// of their own to try). Gatehouse never stores permits: the service sends each permit's attributes
// (ownerID, status, district) with every question it asks.

export const ACTIONS = /** @type {const} */ (["view", "edit", "submit", "approve"]);

/** @typedef {{ id: string; title: string; ownerID: string; ownerName: string; status: "draft" | "submitted" | "approved"; district: string; updatedAt: string }} Permit */

const FIXED = [
  {
    id: "RIV-2026-0101",
    title: "Dormer window, 12 Quay Street",
    ownerID: "h.jansen@example.test",
    ownerName: "Hanna Jansen",
    status: "submitted",
    district: "Old Town",
  },
  {
    id: "RIV-2026-0102",
    title: "Two-storey extension, 4 Mill Lane",
    ownerID: "office@harbour-homes.test",
    ownerName: "Harbour Homes Ltd",
    status: "draft",
    district: "Harbour",
  },
  {
    id: "RIV-2026-0103",
    title: "Shop front and sign, 31 Bridge Road",
    ownerID: "a.devries@example.test",
    ownerName: "Anton de Vries",
    status: "approved",
    district: "Millbrook",
  },
];

export function createPermitStore() {
  /** @type {Map<string, Permit>} */
  const permits = new Map();
  const stamp = () => new Date().toISOString();
  for (const p of FIXED)
    permits.set(p.id, { ...p, status: /** @type {Permit["status"]} */ (p.status), updatedAt: stamp() });
  let next = 201;

  return {
    /** @param {string} id */
    get: (id) => permits.get(id),
    /** The permits a person sees listed: their own first, then the residents' ones. */
    listFor(/** @type {string} */ email) {
      const all = [...permits.values()];
      return [...all.filter((p) => p.ownerID === email), ...all.filter((p) => FIXED.some((f) => f.id === p.id))];
    },
    /** At a person's first sign-in: a draft application of their own. */
    ensureOwnPermit(/** @type {string} */ email, /** @type {string} */ name) {
      if ([...permits.values()].some((p) => p.ownerID === email)) return;
      const id = `RIV-2026-${String(next++).padStart(4, "0")}`;
      permits.set(id, {
        id,
        title: "Garden office, 7 Chapel Row",
        ownerID: email,
        ownerName: name || email,
        status: "draft",
        district: "North Bank",
        updatedAt: stamp(),
      });
    },
    /** What an allowed action does here; answers the sentence to show, or an error text. */
    apply(/** @type {Permit} */ p, /** @type {string} */ action, /** @type {{ title?: string }} */ input) {
      if (action === "edit") {
        const title = (input.title ?? "").trim();
        if (!title || title.length > 120)
          return { ok: false, text: "Give the permit a title of at most 120 characters." };
        p.title = title;
      } else if (action === "submit") {
        if (p.status !== "draft") return { ok: false, text: `Permit ${p.id} is already ${p.status}.` };
        p.status = "submitted";
      } else if (action === "approve") {
        if (p.status !== "submitted")
          return { ok: false, text: `Only a submitted permit can be approved; ${p.id} is ${p.status}.` };
        p.status = "approved";
      }
      p.updatedAt = stamp();
      const done = { edit: "saved", submit: "submitted", approve: "approved", view: "opened" };
      return { ok: true, text: `Permit ${p.id} ${done[/** @type {keyof typeof done} */ (action)]}.` };
    },
  };
}

/** The AuthZEN resource for a permit: its type and the attributes policies/services/permits.yaml declares. */
export function permitResource(/** @type {Permit} */ p) {
  return { type: "permit", id: p.id, properties: { ownerID: p.ownerID, status: p.status, district: p.district } };
}
