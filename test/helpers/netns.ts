// Live tests run the real strace on real programs over loopback, in network namespaces they create,
// on ports and paths they choose (never fixed ones). Test files run in parallel workers: on the
// machine's own loopback two of them could pick the same port, and a listener of one, or a socket
// in TIME_WAIT left by an earlier run, would make the other's bind() fail at random. A network
// namespace of its own has its own loopback, its own ports and its own abstract unix names, empty.
// (Unix socket *paths* live in the file system, so they go in a temp dir of the test's own.)
//
// Creating a network namespace needs root (CAP_SYS_ADMIN), as tracing does here and in CI; the
// tools are util-linux (unshare, nsenter) and iproute2 (ip), which .ci/run installs.
import { execFileSync } from "node:child_process";
import { accessSync, constants, readFileSync, readlinkSync } from "node:fs";
import { delimiter, join } from "node:path";

function findTool(name: string, pkg: string): string {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin", "/usr/bin", "/bin"];
  for (const dir of dirs) {
    if (dir === "") continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  throw new Error(
    `${name} not found: live tests run their programs in a network namespace of their own (apt-get install -y ${pkg})`,
  );
}

let tools: { unshare: string; nsenter: string; ip: string } | undefined;

/** The tools, found once, after one check that a namespace can really be made (or a clear error). */
export function netnsTools(): { unshare: string; nsenter: string; ip: string } {
  if (tools) return tools;
  const found = {
    unshare: findTool("unshare", "util-linux"),
    nsenter: findTool("nsenter", "util-linux"),
    ip: findTool("ip", "iproute2"),
  };
  try {
    execFileSync(found.unshare, ["--net", "--", "/bin/sh", "-c", '"$0" link set lo up', found.ip], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim() ?? "";
    throw new Error(
      `cannot make a network namespace for the live tests (they need root): ${stderr || String(err)}`,
    );
  }
  tools = found;
  return tools;
}

/**
 * `argv` run in a fresh network namespace whose only interface, `lo`, is up; as `[file, args]` for
 * execa or spawn: `execa(...inFreshNetns([cmd, ...args]), options)`.
 *
 * No process is added: unshare(1) without --fork calls unshare(2) and then execs the shell, which
 * brings `lo` up in a child and then execs `argv`. The process the test starts *is* `argv[0]`, with
 * the same pid, stdio, environment and cwd, so its exit status, and signals sent to it, are
 * exactly those of `argv[0]` (sockscope's signal relay sees what it would see without us).
 */
export function inFreshNetns(argv: readonly string[]): [string, string[]] {
  const { unshare, ip } = netnsTools();
  // "$0" is ip's absolute path, so the shell needs no PATH of its own.
  return [unshare, ["--net", "--", "/bin/sh", "-c", '"$0" link set lo up && exec "$@"', ip, ...argv]];
}

/**
 * `argv` run in the network namespace of the live process `pid` (one started with inFreshNetns),
 * to talk to it over its loopback; as `[file, args]`. nsenter(1) with only --net execs `argv`
 * directly: again no process in between. Call it once `inOwnNetns(pid)` is true.
 */
export function inNetnsOf(pid: number, argv: readonly string[]): [string, string[]] {
  const { nsenter } = netnsTools();
  return [nsenter, [`--net=/proc/${pid}/ns/net`, "--", ...argv]];
}

/**
 * Whether process `pid` already runs in a network namespace other than the test's (unshare(2) has
 * happened). Before that, its /proc/PID/net shows the machine's sockets, not its own.
 */
export function inOwnNetns(pid: number): boolean {
  try {
    return readlinkSync(`/proc/${pid}/ns/net`) !== readlinkSync("/proc/self/ns/net");
  } catch {
    return false;
  }
}

/** Whether process `pid`, in a namespace of its own, has a TCP socket listening on `port` (IPv4 or IPv6). */
export function listensOn(pid: number, port: number): boolean {
  if (!inOwnNetns(pid)) return false;
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  // /proc/PID/net/tcp is the table of the namespace PID lives in; state 0A is LISTEN.
  const listening = new RegExp(`^\\s*\\d+: [0-9A-F]+:${hex} [0-9A-F]+:0000 0A `, "m");
  for (const table of ["tcp", "tcp6"]) {
    try {
      if (listening.test(readFileSync(`/proc/${pid}/net/${table}`, "utf8"))) return true;
    } catch {
      // The process is gone, or has no IPv6.
    }
  }
  return false;
}

/**
 * `count` distinct ports for a program in a namespace of its own, where every port is free. They
 * are random, so that no test can depend on one number, and below Linux's ephemeral range
 * (32768-60999), so that one never equals a client socket's port, which the output would show as
 * ephemeral.
 */
export function pickPorts(count: number): number[] {
  const first = 20_000 + Math.floor(Math.random() * (12_000 - count));
  return Array.from({ length: count }, (_, i) => first + i);
}

/** One port, as pickPorts(1). */
export function pickPort(): number {
  return pickPorts(1)[0] as number;
}
