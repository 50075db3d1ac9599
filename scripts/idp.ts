// npm run idp — the local OpenID Connect identity provider for development (loopback only).
// Riverton's SSO button signs in through it; see lib/idp/server.ts for the test people.
import { startIdp, IDP_PEOPLE } from "../lib/idp/server.ts";
import { localAuthSecret } from "./lib/local-secrets.ts";

// Its sign-in form accepts any password: never something to run beside a production app.
if (process.env.NODE_ENV === "production") {
  console.error("[idp] refusing to start with NODE_ENV=production: this IdP accepts any password.");
  process.exit(1);
}
const port = Number(process.env.IDP_PORT ?? 3901);
const appUrl = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const idp = await startIdp({ port, appUrl, authSecret: process.env.AUTH_SECRET ?? localAuthSecret() });
console.log(`[idp] OpenID provider at ${idp.issuer} for ${appUrl}; sign in with any password as:`);
for (const p of IDP_PEOPLE) console.log(`    ${p.sub.padEnd(8)} ${p.email.padEnd(24)} ${p.note}`);
const stop = () => void idp.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
