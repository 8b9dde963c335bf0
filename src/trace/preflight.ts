// Checks before tracing, each failing with a one-line error that names the fix: is strace there,
// which version, may this process ptrace, does the program exist and can it run, does the pid exist.
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { execa } from "execa";
import { SockscopeError } from "../errors.js";
import { parseStraceVersion, type StraceVersion } from "./strace-args.js";

const INSTALL_HINT =
  "install it (Debian/Ubuntu: apt-get install strace; Fedora: dnf install strace; Alpine: apk add strace) or point --strace / SOCKSCOPE_STRACE at it";

const PTRACE_HINT =
  "this process may not ptrace: check kernel.yama.ptrace_scope (sysctl kernel.yama.ptrace_scope=0, or run as root), " +
  "and in a container add the capability (docker run --cap-add=SYS_PTRACE …)";

async function isExecutableFile(path: string): Promise<"ok" | "missing" | "directory" | "not-executable"> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return "directory";
    if (!info.isFile()) return "not-executable";
  } catch {
    return "missing";
  }
  try {
    await access(path, constants.X_OK);
    return "ok";
  } catch {
    return "not-executable";
  }
}

/** Finds a command the way execvp does: a path with a slash as is, else each PATH entry. */
export async function resolveCommand(
  name: string,
  pathEnv: string | undefined,
  cwd: string | (() => string),
): Promise<string> {
  if (name.includes("/")) {
    // The working directory is asked for only when needed: it may have been deleted.
    const full = isAbsolute(name) ? name : resolve(typeof cwd === "string" ? cwd : cwd(), name);
    const state = await isExecutableFile(full);
    if (state === "missing") throw new SockscopeError("PROGRAM_NOT_FOUND", `${name}: no such file`);
    // As a shell says it, with its status (126).
    if (state === "directory") throw new SockscopeError("PROGRAM_NOT_EXECUTABLE", `${name}: is a directory`);
    if (state === "not-executable") {
      throw new SockscopeError(
        "PROGRAM_NOT_EXECUTABLE",
        `${name}: not executable (chmod +x ${name}, or run it through its interpreter)`,
      );
    }
    return full;
  }
  let sawNotExecutable = false;
  for (const dir of (pathEnv ?? "/usr/local/bin:/usr/bin:/bin").split(delimiter)) {
    const candidate = join(dir === "" ? "." : dir, name);
    const state = await isExecutableFile(candidate);
    if (state === "ok") return candidate;
    if (state === "not-executable" || state === "directory") sawNotExecutable = true;
  }
  if (sawNotExecutable)
    throw new SockscopeError("PROGRAM_NOT_EXECUTABLE", `${name}: found on PATH but not executable`);
  throw new SockscopeError("PROGRAM_NOT_FOUND", `${name}: command not found (not on PATH)`);
}

/** Locates strace (--strace, SOCKSCOPE_STRACE, or PATH): file checks only, no process started. */
export async function locateStrace(
  override: string | undefined,
  pathEnv: string | undefined,
  cwd: string | (() => string),
): Promise<string> {
  try {
    return await resolveCommand(override ?? "strace", pathEnv, cwd);
  } catch (cause) {
    const where = override === undefined ? "strace is not on PATH" : `strace not found at ${override}`;
    throw new SockscopeError("STRACE_NOT_FOUND", `${where}: ${INSTALL_HINT}`, { cause });
  }
}

/** Runs `strace -V`: which flags this strace knows depends on its version. */
export async function readStraceVersion(path: string): Promise<StraceVersion> {
  const result = await execa(path, ["-V"], { reject: false, timeout: 10_000 });
  const version = parseStraceVersion(result.stdout);
  if (result.exitCode !== 0 || version === null) {
    throw new SockscopeError(
      "STRACE_FAILED",
      `${path} -V did not print a strace version: is it strace? ${INSTALL_HINT}`,
    );
  }
  return version;
}

/** strace's own error text → a SockscopeError, or null when it does not explain a failure. */
export function explainStraceError(stderr: string): SockscopeError | null {
  // strace names itself as it was run: "strace: …" or "/usr/bin/strace: …".
  const lines = stderr
    .split("\n")
    .map((l) => /^(?:\S*\/)?strace: (.*)$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined);
  const denied = lines.findLast((l) => /Operation not permitted|PTRACE_SEIZE.*EPERM/.test(l));
  if (denied !== undefined)
    return new SockscopeError("PTRACE_DENIED", `cannot trace (${denied}): ${PTRACE_HINT}`);
  const gone = lines.find((l) => /No such process/.test(l));
  if (gone !== undefined) return new SockscopeError("NO_SUCH_PROCESS", `${gone}: the process is gone`);
  const first = lines[0];
  if (first !== undefined) return new SockscopeError("STRACE_FAILED", `strace failed: ${first}`);
  return null;
}

/**
 * Traces `true` once to learn whether ptrace works here. Run only after strace failed before the
 * program started: on the way in it would cost every run a second strace start.
 */
export async function checkPtrace(strace: string, truePath: string): Promise<void> {
  const result = await execa(strace, ["-o", "/dev/null", "-e", "trace=none", truePath], {
    reject: false,
    timeout: 10_000,
  });
  if (result.exitCode === 0) return;
  throw (
    explainStraceError(result.stderr) ??
    new SockscopeError("STRACE_FAILED", `strace failed (exit ${result.exitCode})`)
  );
}

/** Does a process with this pid exist? (signal 0 probes without sending anything) */
export function checkPid(pid: number): void {
  try {
    process.kill(pid, 0);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "EPERM") {
      throw new SockscopeError("PTRACE_DENIED", `process ${pid} belongs to another user: ${PTRACE_HINT}`, {
        cause,
      });
    }
    throw new SockscopeError("NO_SUCH_PROCESS", `no process with pid ${pid} (check it with ps -p ${pid})`, {
      cause,
    });
  }
}
