// oidc-provider's own in-memory store (the one it uses when no adapter is configured), which the
// local IdP wraps so it can answer client lookups itself. The package ships no types for it.
declare module "oidc-provider/lib/adapters/memory_adapter.js" {
  import type { Adapter } from "oidc-provider";
  export function createMemoryAdapter(clockTolerance?: number): (model: string) => Adapter;
}
