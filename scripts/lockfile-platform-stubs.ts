// npm run lockfile:stubs — run after `npm install` changes package-lock.json.
//
// The registry these machines reach has no builds for some platforms (e.g. @next/swc for
// macOS/Windows). `npm install` skips such optional packages and leaves them out of the lock,
// and then `npm ci` refuses the lock as out of sync. This adds an entry for each missing
// optional platform package, marked with its os/cpu, so `npm ci` knows to skip it on Linux
// (and a machine with the full registry still installs it there). No npm option does this.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type Entry = {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
};
const file = path.resolve(import.meta.dirname, "../package-lock.json");
const lock = JSON.parse(readFileSync(file, "utf8")) as { packages: Record<string, Entry> };

const OS = ["android", "darwin", "freebsd", "linux", "win32", "openharmony", "netbsd", "openbsd", "sunos", "aix"];
const CPU = ["arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x", "wasm32", "mips64el"];

function platformOf(name: string): Pick<Entry, "os" | "cpu" | "libc"> | null {
  const parts = name.split("/").pop()!.split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes("arm") ? "arm" : undefined);
  if (parts.includes("wasm32")) return { cpu: ["wasm32"] };
  if (!os || !cpu) return null;
  const libc = parts.some((p) => p.startsWith("musl"))
    ? ["musl"]
    : parts.includes("gnu") || parts.includes("gnueabihf")
      ? ["glibc"]
      : undefined;
  return { os: [os], cpu: [cpu], ...(os === "linux" && libc ? { libc } : {}) };
}

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${key ? `${key}/` : ""}node_modules/${dep}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[`node_modules/${dep}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} platform stub entries to package-lock.json`);
