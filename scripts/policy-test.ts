// npm run policy:test — runs policies/tests/*.yaml against policies/groups/*.yaml (no database).
import { loadPolicies } from "../lib/policy/load.ts";
import { loadPolicyTests, runPolicyCase } from "../lib/policy/policy-tests.ts";

loadPolicies();
const cases = loadPolicyTests();
let failed = 0;
for (const c of cases) {
  const r = runPolicyCase(c);
  if (!r.ok) {
    failed++;
    console.error(`✘ ${r.message}`);
  } else if (process.argv.includes("--verbose")) {
    console.log(`✔ ${r.message}`);
  }
}
console.log(`${cases.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
