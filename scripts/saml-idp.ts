// npm run saml-idp — the local SAML 2.0 identity provider for development (loopback only).
// Configure a municipality's SAML connection at /admin/<slug>/sso/saml with its metadata address
// (printed below); see lib/idp/saml-server.ts for the test people. Its key and certificate are kept
// in .data/saml-idp.json, so a saved connection keeps working across restarts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SAML_IDP_PEOPLE, samlIdpKeys, startSamlIdp, type SamlIdpKeys } from "../lib/idp/saml-server.ts";

// It signs in whoever is picked from its list: never something to run beside a production app.
if (process.env.NODE_ENV === "production") {
  console.error(
    "[saml-idp] refusing to start with NODE_ENV=production: this IdP signs in anyone picked from its list.",
  );
  process.exit(1);
}
const port = Number(process.env.SAML_IDP_PORT ?? 3902);
const file = path.resolve(import.meta.dirname, "../.data/saml-idp.json");
let keys: SamlIdpKeys;
if (existsSync(file)) keys = JSON.parse(readFileSync(file, "utf8")) as SamlIdpKeys;
else {
  keys = await samlIdpKeys();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
}
const idp = await startSamlIdp({ port, keys });
console.log(`[saml-idp] SAML IdP metadata at ${idp.metadataUrl}; its sign-in page lets you pick:`);
for (const p of SAML_IDP_PEOPLE) console.log(`    ${p.nameId.padEnd(6)} ${p.email.padEnd(26)} ${p.note}`);
const stop = () => void idp.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
