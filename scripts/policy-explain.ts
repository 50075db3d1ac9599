// npm run policy:explain -- --user <email> --action <a> --subject <type> [--id <id>] [--field <f>]
// Prints allowed or denied and the rule (file#index) that decided, for a real person in the
// app's database (embedded, or DATABASE_URL).
import { parseArgs } from "node:util";
import { appDatabaseUrl, openDatabaseServer } from "./lib/database.ts";
import { ACTIONS, SUBJECTS, type Action, type SubjectName } from "../lib/policy/subjects.ts";

/** Every flag takes one text value. */
const text = { type: "string" } as const;
const { values } = parseArgs({ options: { user: text, action: text, subject: text, id: text, field: text } });
if (
  !values.action ||
  !values.subject ||
  !(ACTIONS as readonly string[]).includes(values.action) ||
  !(SUBJECTS as readonly string[]).includes(values.subject) ||
  values.subject === "all"
) {
  console.error(
    `usage: npm run policy:explain -- --user <email> --action <${ACTIONS.join("|")}> --subject <${SUBJECTS.filter((s) => s !== "all").join("|")}> [--id <id>] [--field <field>]`,
  );
  process.exit(2);
}
const server = await openDatabaseServer();
process.env.DATABASE_URL = await appDatabaseUrl(server);
try {
  const { db } = await import("../lib/db.ts");
  const { loadUserPrincipal } = await import("../lib/auth/load-principal.ts");
  const { viewerFor } = await import("../lib/auth/viewer.ts");
  const { explain } = await import("../lib/policy/explain.ts");
  const { ANONYMOUS } = await import("../lib/identity/principal.ts");
  let principal = ANONYMOUS as Awaited<ReturnType<typeof loadUserPrincipal>>;
  if (values.user) {
    const user = await db.user.findUnique({ where: { email: values.user.toLowerCase() }, select: { id: true } });
    if (!user) {
      console.error(`no user ${values.user}`);
      process.exit(2);
    }
    principal = await loadUserPrincipal(user.id);
    if (principal.kind === "anonymous")
      console.log(`note: ${values.user} is deactivated, so they are treated as an anonymous visitor`);
  }
  let row: Record<string, unknown> | undefined;
  if (values.id) {
    const { isRecordModel } = await import("../lib/records/index.ts");
    const { unsafeRecordById } = await import("../lib/data/scoped-records.ts");
    row = isRecordModel(values.subject)
      ? ((await unsafeRecordById(values.subject, values.id)) ?? undefined)
      : undefined;
    if (!row) {
      console.error(`no ${values.subject} ${values.id}`);
      process.exit(2);
    }
  }
  const viewer = await viewerFor(principal);
  const e = explain(viewer.ability, values.action as Action, values.subject as SubjectName, row, values.field);
  console.log(e.text);
  process.exitCode = e.allowed ? 0 : 1;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
} finally {
  await server.stop();
}
process.exit(process.exitCode ?? 0);
