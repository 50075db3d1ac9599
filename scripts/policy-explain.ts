// npm run policy:explain -- --user <email> --action <a> --subject <type> [--record <reference or id>] [--municipality <slug>] [--field <f>]
// May this person do this, and why — the same answer as the admin console's explain form
// (lib/people/explain.ts): without a record, the conditions under which they may; with one (a
// reference such as RIV-00045, a site's name, a document's title, or an id), the rule that decided;
// and the fields, each with the rule behind it. For a real person in the app's database (embedded,
// or DATABASE_URL). Exit code 0 allowed, 1 denied, 2 a usage or lookup error.
import { parseArgs } from "node:util";
import { appDatabaseUrl, openDatabaseServer } from "./lib/database.ts";
import { ACTIONS, SUBJECTS } from "../lib/policy/subjects.ts";

/** Every flag takes one text value. */
const text = { type: "string" } as const;
const { values } = parseArgs({
  options: { user: text, action: text, subject: text, record: text, id: text, municipality: text, field: text },
});
if (
  !values.action ||
  !values.subject ||
  !(ACTIONS as readonly string[]).includes(values.action) ||
  !(SUBJECTS as readonly string[]).includes(values.subject) ||
  values.subject === "all"
) {
  console.error(
    `usage: npm run policy:explain -- --user <email> --action <${ACTIONS.join("|")}> --subject <${SUBJECTS.filter((s) => s !== "all").join("|")}> [--record <reference or id>] [--municipality <slug>] [--field <field>]`,
  );
  process.exit(2);
}
const server = await openDatabaseServer();
process.env.DATABASE_URL = await appDatabaseUrl(server);
try {
  const { unsafeExplainForCli } = await import("../lib/people/explain.ts");
  const { explanationLines } = await import("../lib/policy/explain.ts");
  const answer = await unsafeExplainForCli({
    email: values.user,
    action: values.action,
    subject: values.subject,
    // --id is the older spelling of --record.
    record: values.record ?? values.id,
    municipality: values.municipality,
    field: values.field,
  });
  if (answer.note) console.log(`note: ${answer.note}`);
  for (const line of explanationLines(answer)) console.log(line);
  process.exitCode = answer.allowed ? 0 : 1;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
} finally {
  // Close the pool first, so stopping the embedded server does not cut live connections.
  await (await import("../lib/db.ts")).db.$disconnect();
  await server.stop();
}
process.exit(process.exitCode ?? 0);
