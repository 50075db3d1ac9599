// Which connected service is asking: HTTP Basic `client_id:client_secret` (RFC 6749 §2.3.1, the
// credentials the service holds as an OpenID Connect client of Gatehouse). AuthZEN leaves the PEP's
// authentication to the deployment (§11.2) and asks for a 401 with WWW-Authenticate when it fails
// (§11.3). A missing header, a malformed one, an unknown client id, a wrong secret, a disabled
// service or one of an archived municipality: the same 401, so nothing about which services exist
// can be learned. The secret's SHA-256 is compared in constant time (client-secret.ts), also when
// no service has that id.
//
// Wrong credentials are counted per address (lib/rate-limit, in PostgreSQL: it holds across app
// servers): after 30 in 15 minutes that address gets 429 for wrong credentials. A request with the
// right ones costs no rate-limit query at all — decisions sit on the service's hot path.
//
// The lookup reads Service with `db` directly: this is the authentication of a machine client,
// below any viewer (like lib/auth's session store), not a read of records for a page.
import "server-only";
import { db } from "@/lib/db";
import { hitRateLimit } from "@/lib/rate-limit";
import { addressForLimits } from "@/lib/auth/client-ip";
import { clientSecretMatches } from "@/lib/services/client-secret";
import { AuthzenError } from "./schema";

export type AuthzenService = {
  id: string;
  slug: string;
  name: string;
  municipalityId: string | null;
  resourceTypes: string[];
  disabledAt: Date | null;
};

export const WWW_AUTHENTICATE = 'Basic realm="Gatehouse AuthZEN", charset="UTF-8"';
const FAILURES = { limit: 30, windowSeconds: 15 * 60 };
const CLIENT_ID = /^svc_[A-Za-z0-9_-]{1,100}$/;
// Compared against when no service has the presented id, so both paths hash and compare.
const NO_HASH = "0".repeat(64);

const unauthorized = () =>
  new AuthzenError(401, "Send the service's client credentials (HTTP Basic client_id:client_secret).", {
    "WWW-Authenticate": WWW_AUTHENTICATE,
  });

/** `Basic base64(id:secret)` → the pair (each form-urlencoded, RFC 6749 §2.3.1), or null. */
export function basicCredentials(authorization: string | null): { clientId: string; secret: string } | null {
  const m = authorization ? /^basic\s+([A-Za-z0-9+/=_-]{1,2000})\s*$/i.exec(authorization) : null;
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return null;
  }
}

/** The service whose credentials the request carries; else an AuthzenError (401, or 429 when over the limit). */
export async function authenticateService(authorization: string | null, ip: string): Promise<AuthzenService> {
  const presented = basicCredentials(authorization);
  // No credentials at all (a browser, a crawler): nothing is being guessed, nothing to count.
  if (!presented) throw unauthorized();
  const row = CLIENT_ID.test(presented.clientId)
    ? await db.service.findUnique({
        where: { clientId: presented.clientId },
        select: {
          id: true,
          slug: true,
          name: true,
          municipalityId: true,
          resourceTypes: true,
          disabledAt: true,
          clientSecretHash: true,
          municipality: { select: { archivedAt: true } },
        },
      })
    : null;
  const matches = clientSecretMatches(presented.secret, row?.clientSecretHash ?? NO_HASH);
  if (row && matches && !row.disabledAt && !row.municipality?.archivedAt) {
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      municipalityId: row.municipalityId,
      resourceTypes: row.resourceTypes,
      disabledAt: row.disabledAt,
    };
  }
  const count = await hitRateLimit(`authzen-fail:${addressForLimits(ip)}`, FAILURES.limit, FAILURES.windowSeconds);
  if (!count.allowed) {
    const retry = Math.max(1, count.retryAfterSeconds);
    throw new AuthzenError(429, `Too many wrong credentials; try again in ${retry} seconds.`, {
      "Retry-After": String(retry),
      "WWW-Authenticate": WWW_AUTHENTICATE,
    });
  }
  throw unauthorized();
}
