// npm run idp — the local OpenID Connect identity provider for development (loopback only).
// Riverton's SSO button signs in through it; see lib/idp/server.ts for the test people. It knows
// a client `gatehouse-<slug>` for every municipality, so one created in the browser can connect:
// `npm run idp -- --client-secret <slug>` prints that client's secret (derived from AUTH_SECRET)
// to paste into the SSO console, and exits.
import { startIdp, IDP_PEOPLE } from "../lib/idp/server.ts";
import { devIdpClientSecret } from "../lib/crypto/secret-box.ts";
import { localAuthSecret } from "./lib/local-secrets.ts";

// Its sign-in form accepts any password: never something to run beside a production app.
if (process.env.NODE_ENV === "production") {
  console.error("[idp] refusing to start with NODE_ENV=production: this IdP accepts any password.");
  process.exit(1);
}
const asked = process.argv.indexOf("--client-secret");
if (asked !== -1) {
  const slug = process.argv[asked + 1] ?? "";
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) {
    console.error("usage: npm run idp -- --client-secret <municipality slug>");
    process.exit(1);
  }
  console.log(devIdpClientSecret(process.env.AUTH_SECRET ?? localAuthSecret(), slug));
  process.exit(0);
}
const port = Number(process.env.IDP_PORT ?? 3901);
const appUrl = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const idp = await startIdp({ port, appUrl, authSecret: process.env.AUTH_SECRET ?? localAuthSecret() });
console.log(`[idp] OpenID provider at ${idp.issuer} for ${appUrl}; clients gatehouse-<slug> for any municipality`);
console.log("[idp] (npm run idp -- --client-secret <slug> prints one's secret); sign in with any password as:");
for (const p of IDP_PEOPLE) console.log(`    ${p.sub.padEnd(11)} ${p.email.padEnd(28)} ${p.note}`);
const stop = () => void idp.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
