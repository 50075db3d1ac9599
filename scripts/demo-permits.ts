// npm run demo:permits — the permits demo (examples/permits-demo) against a local Gatehouse.
//
// The seed registers Riverton's "Permits" service with secrets derived from AUTH_SECRET
// (lib/seed/services.ts); this script derives the same ones from the local AUTH_SECRET
// (.data/secrets.json, or AUTH_SECRET when set) and starts the demo with them. Start Gatehouse
// first (`npm start`, http://localhost:$PORT, 3000 by default), then open http://localhost:3200.
// DEMO_URL (where the browser reaches the demo) must match what the seed registered.
import { spawn } from "node:child_process";
import path from "node:path";
import { localAuthSecret } from "./lib/local-secrets.ts";
import { DEFAULT_DEMO_URL, devPermitsSecrets, PERMITS_DEMO_CLIENT_ID } from "../lib/seed/services.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const demoUrl = process.env.DEMO_URL ?? DEFAULT_DEMO_URL;
const authSecret = process.env.AUTH_SECRET ?? localAuthSecret();
const { clientSecret, webhookSecret } = devPermitsSecrets(authSecret);

const child = spawn(process.execPath, [path.join(ROOT, "examples/permits-demo/server.mjs")], {
  cwd: ROOT,
  stdio: "inherit",
  env: {
    ...process.env,
    GATEHOUSE_URL: process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
    PERMITS_CLIENT_ID: PERMITS_DEMO_CLIENT_ID,
    PERMITS_CLIENT_SECRET: clientSecret,
    PERMITS_WEBHOOK_SECRET: webhookSecret,
    PUBLIC_URL: demoUrl,
    PORT: process.env.DEMO_PORT ?? String(new URL(demoUrl).port || 3200),
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => child.kill(signal));
child.once("exit", (code) => process.exit(code ?? 0));
