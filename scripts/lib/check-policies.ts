// Loads and validates every policy file before the app starts; throws naming file and rule.
import { loadPolicies } from "../../lib/policy/load.ts";

export async function checkPolicies(): Promise<void> {
  loadPolicies();
}
