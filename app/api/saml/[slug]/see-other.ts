/** A 303 to `location` (a path of ours or the IdP's address), never cached. */
export const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
