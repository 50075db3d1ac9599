// Loads and validates every policy file before the app starts; throws naming file and rule.
export async function checkPolicies(): Promise<void> {
  const loader = "../../lib/policy/load.ts";
  const mod: Record<string, unknown> | null = await import(loader).catch(() => null);
  if (mod && "loadPolicies" in mod && typeof mod.loadPolicies === "function") {
    await (mod.loadPolicies as () => unknown)();
  }
}
