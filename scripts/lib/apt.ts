// Debian packages the test run needs (Chromium for Playwright, haproxy for the two-servers test):
// installed through apt-get when missing and running as root, as on CI; otherwise the error says
// how to install them. Never a silent skip.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** 0 when `binary` exists (or was just installed from `pkg`), else apt-get's exit code or 1. */
export function ensureDebianPackage(binary: string, pkg: string, hint = ""): number {
  if (existsSync(binary)) return 0;
  if (process.getuid?.() !== 0) {
    console.error(
      `${pkg} is not installed at ${binary}. Install it with:\n  sudo apt-get update && sudo apt-get install -y ${pkg}${hint ? `\n${hint}` : ""}`,
    );
    return 1;
  }
  console.log(`[test] installing Debian's ${pkg} (apt-get)…`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env: aptEnv });
  if (update.status !== 0) return update.status ?? 1;
  return (
    spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", pkg], { stdio: "inherit", env: aptEnv })
      .status ?? 1
  );
}
