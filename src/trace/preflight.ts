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

async function isExecutableFile(path: string): Promise<"ok" | "missing" | "not-executable"> {
  try {
    const info = await stat(path);
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
  cwd: string,
): Promise<string> {
  if (name.includes("/")) {
    const full = isAbsolute(name) ? name : resolve(cwd, name);
    const state = await isExecutableFile(full);
    if (state === "missing") throw new SockscopeError("PROGRAM_NOT_FOUND", `${name}: no such file`);
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
    if (state === "not-executable") sawNotExecutable = true;
  }
  if (sawNotExecutable)
    throw new SockscopeError("PROGRAM_NOT_EXECUTABLE", `${name}: found on PATH but not executable`);
  throw new SockscopeError("PROGRAM_NOT_FOUND", `${name}: command not found (not on PATH)`);
}

export interface StraceInfo {
  path: string;
  version: StraceVersion;
}

/** Locates strace (--strace, SOCKSCOPE_STRACE, or PATH) and reads its version. */
export async function findStrace(
  override: string | undefined,
  pathEnv: string | undefined,
  cwd: string,
): Promise<StraceInfo> {
  let path: string;
  try {
    path = await resolveCommand(override ?? "strace", pathEnv, cwd);
  } catch (cause) {
    const where = override === undefined ? "strace is not on PATH" : `strace not found at ${override}`;
    throw new SockscopeError("STRACE_NOT_FOUND", `${where}: ${INSTALL_HINT}`, { cause });
  }
  const result = await execa(path, ["-V"], { reject: false, timeout: 10_000 });
  const version = parseStraceVersion(result.stdout);
  if (result.exitCode !== 0 || version === null) {
    throw new SockscopeError(
      "STRACE_FAILED",
      `${path} -V did not print a strace version: is it strace? ${INSTALL_HINT}`,
    );
  }
  return { path, version };
}

/** strace's own error text → a SockscopeError, or null when it does not explain a failure. */
export function explainStraceError(stderr: string): SockscopeError | null {
  const line = stderr.split("\n").find((l) => l.startsWith("strace: ")) ?? "";
  if (/Operation not permitted|PTRACE_TRACEME|PTRACE_SEIZE.*EPERM/.test(line)) {
    return new SockscopeError(
      "PTRACE_DENIED",
      `cannot trace (${line.replace(/^strace: /, "")}): ${PTRACE_HINT}`,
    );
  }
  if (/No such process/.test(line)) {
    return new SockscopeError("NO_SUCH_PROCESS", `${line.replace(/^strace: /, "")}: the process is gone`);
  }
  if (line !== "")
    return new SockscopeError("STRACE_FAILED", `strace failed: ${line.replace(/^strace: /, "")}`);
  return null;
}

/** Traces `true` once to learn whether ptrace works here, before the real program starts. */
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
