// Checks before tracing, each failing with a one-line error that names the fix: is strace there,
// which version, may this process ptrace, does the program exist and can it run, does the pid exist.
import { constants, readFileSync } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { execa } from "execa";
import { SockscopeError } from "../errors.js";
import { parseStatPpid } from "./process-tree.js";
import { parseStraceVersion, type StraceVersion } from "./strace-args.js";

const INSTALL_HINT =
  "install it (Debian/Ubuntu: apt-get install strace; Fedora: dnf install strace; Alpine: apk add strace) or point --strace / SOCKSCOPE_STRACE at it";

const PTRACE_HINT =
  "this process may not ptrace: check kernel.yama.ptrace_scope (sysctl kernel.yama.ptrace_scope=0, or run as root), " +
  "and in a container add the capability (docker run --cap-add=SYS_PTRACE …)";

const ROOT_DENIED_HINT =
  "the kernel or a sandbox refuses it (a container without the SYS_PTRACE capability: docker run --cap-add=SYS_PTRACE …; " +
  "a security module such as SELinux or AppArmor; a PID namespace's init that the sandbox protects)";

async function isExecutableFile(path: string): Promise<"ok" | "missing" | "not-executable" | "directory"> {
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
export function explainStraceError(
  stderr: string,
  asRoot: boolean = process.geteuid?.() === 0,
  selfTracer: number = readProcFacts(process.pid)?.tracer ?? 0,
): SockscopeError | null {
  // strace names itself as it was run: "strace: …" or "/usr/bin/strace: …".
  const lines = stderr
    .split("\n")
    .map((l) => /^(?:\S*\/)?strace: (.*)$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined);
  const denied = lines.findLast((l) => /Operation not permitted|PTRACE_SEIZE.*EPERM/.test(l));
  // A process has one tracer at most: under a debugger or an outer strace -f, strace's child is
  // already traced, whoever runs it. Neither the sysctl nor root is the fix then.
  if (denied !== undefined && selfTracer > 0)
    return new SockscopeError(
      "PTRACE_DENIED",
      `cannot trace (${denied}): sockscope itself runs under a tracer (pid ${selfTracer}, ${commOf(selfTracer)}), which also takes the processes it starts, and a process can have only one tracer: run sockscope outside it`,
    );
  // Root that is refused anyway: the sysctl and "run as root" are not the fix.
  if (denied !== undefined && asRoot)
    return new SockscopeError("PTRACE_DENIED", `cannot trace (${denied}) even as root: ${ROOT_DENIED_HINT}`);
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

/** What /proc says of a pid that kill(pid, 0) found. */
interface ProcFacts {
  state: string;
  ppid: number | undefined;
  kernelThread: boolean;
  tracer: number;
  comm: string;
}

const PF_KTHREAD = 0x00200000;

function readProcFacts(pid: number): ProcFacts | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    // After the command name: state ppid pgrp session tty_nr tpgid flags …
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return {
      state: fields[0] ?? "",
      ppid: parseStatPpid(stat),
      kernelThread: (Number(fields[6]) & PF_KTHREAD) !== 0,
      tracer: Number(/^TracerPid:\s*(\d+)/m.exec(status)?.[1] ?? 0),
      comm,
    };
  } catch {
    return undefined;
  }
}

function commOf(pid: number): string {
  return readProcFacts(pid)?.comm ?? "?";
}

/** sockscope's own pid and those of its ancestors, nearest first (pid 1 is left out). */
function selfAndAncestors(): number[] {
  const chain: number[] = [];
  let pid: number | undefined = process.pid;
  while (pid !== undefined && pid > 1 && !chain.includes(pid)) {
    chain.push(pid);
    pid = readProcFacts(pid)?.ppid;
  }
  return chain;
}

/**
 * Can this pid be attached to? It must exist (signal 0 probes without sending anything), not have
 * exited (a zombie), not be a kernel thread, not be traced already, and be neither sockscope nor a
 * process sockscope runs under (tracing those would trace sockscope's own work, and the parent
 * waits for sockscope to end: the trace would never end by itself).
 */
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
  const chain = selfAndAncestors();
  if (pid === process.pid)
    throw new SockscopeError("BAD_USAGE", `process ${pid} is sockscope itself: name the process to trace`);
  if (chain.includes(pid)) {
    throw new SockscopeError(
      "BAD_USAGE",
      `process ${pid} (${commOf(pid)}) runs sockscope: tracing it would trace sockscope's own work and wait for it to end; name another process`,
    );
  }
  const facts = readProcFacts(pid);
  if (facts === undefined) return;
  if (facts.state === "Z" || facts.state === "X") {
    throw new SockscopeError(
      "NO_SUCH_PROCESS",
      `process ${pid} is a zombie: it has exited and only waits for its parent to collect its status; there is nothing left to trace`,
    );
  }
  if (facts.kernelThread)
    throw new SockscopeError(
      "BAD_USAGE",
      `process ${pid} (${facts.comm}) is a kernel thread: it makes no system calls to trace`,
    );
  if (facts.tracer !== 0) {
    throw new SockscopeError(
      "PTRACE_DENIED",
      `process ${pid} is already traced by ${facts.tracer} (${commOf(facts.tracer)}): a process has one tracer at a time; stop that one first`,
    );
  }
}
