// Accounts with known passwords must never appear in a real deployment by accident: demo data
// goes only into the embedded development database, or where someone explicitly asked.
export function shouldSeedDemo(opts: { embedded: boolean; asked: boolean; empty: boolean }): boolean {
  return opts.empty && (opts.embedded || opts.asked);
}

export function seedWasAsked(value: string | undefined): boolean {
  return value === "1" || value === "true";
}
