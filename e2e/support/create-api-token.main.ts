// Child process of create-api-token.ts: signs the account in as a session principal would be
// loaded, then calls createApiToken, which checks the groups against the person's memberships.
import { createApiToken } from "@/lib/auth/api-token";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { viewerFor } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

const [email, slug, groups] = process.argv.slice(2);
const user = await db.user.findUniqueOrThrow({ where: { email: email! }, select: { id: true } });
const m = await db.municipality.findUniqueOrThrow({ where: { slug: slug! }, select: { id: true } });
const viewer = await viewerFor(await loadUserPrincipal(user.id, "session"));
const t = await createApiToken(viewer, {
  name: `e2e ${email} ${Date.now()}`,
  municipalityId: m.id,
  groups: groups!.split(","),
  expiresInDays: 1,
});
process.stdout.write(`${t.token}\n`);
await db.$disconnect();
process.exit(0);
