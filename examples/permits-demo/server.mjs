// Starts the permits demo: `node examples/permits-demo/server.mjs` with its settings in the
// environment (README.md beside this file), or `npm run demo:permits` for local development.
import { configFromEnv, createPermitsDemo } from "./app.mjs";

const cfg = configFromEnv(process.env);
const demo = createPermitsDemo(cfg);
const port = await demo.listen(cfg.port);
console.log(
  `[permits-demo] listening on http://${cfg.host}:${port}, public address ${cfg.publicUrl}, Gatehouse ${cfg.gatehouseUrl}`,
);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    void demo.close().then(() => process.exit(0));
  });
}
