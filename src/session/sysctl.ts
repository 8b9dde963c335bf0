// The traced machine's sysctls that explanations quote with real numbers (read once, at the edge,
// and recorded in a live trace's "machine" note so a recorded trace explains with its own values).
import { readFileSync } from "node:fs";
import type { MachineFacts } from "../core/kernel.js";

const PROC = "/proc/sys";

function text(path: string, proc: string): string | undefined {
  try {
    return readFileSync(`${proc}/${path}`, "utf8").trim();
  } catch {
    return undefined;
  }
}

function numbers(path: string, proc: string): number[] | undefined {
  const t = text(path, proc);
  if (t === undefined || !/^\d+(\s+\d+)*$/.test(t)) return undefined;
  return t.split(/\s+/).map(Number);
}

/** The sysctls as this machine has them; a value that cannot be read is left out. `proc`: for tests. */
export function readSysctls(proc = PROC): MachineFacts {
  const env: MachineFacts = {};
  const one = (path: string) => {
    const n = numbers(path, proc);
    return n?.length === 1 ? n[0] : undefined;
  };
  const kernel = text("kernel/osrelease", proc);
  if (kernel !== undefined) env.kernel = kernel;
  const set = <K extends keyof MachineFacts>(key: K, value: MachineFacts[K] | undefined) => {
    if (value !== undefined) env[key] = value;
  };
  set("somaxconn", one("net/core/somaxconn"));
  set("rmemMax", one("net/core/rmem_max"));
  set("wmemMax", one("net/core/wmem_max"));
  const rmem = numbers("net/ipv4/tcp_rmem", proc);
  if (rmem?.length === 3) env.tcpRmem = [rmem[0] ?? 0, rmem[1] ?? 0, rmem[2] ?? 0];
  const wmem = numbers("net/ipv4/tcp_wmem", proc);
  if (wmem?.length === 3) env.tcpWmem = [wmem[0] ?? 0, wmem[1] ?? 0, wmem[2] ?? 0];
  const ports = numbers("net/ipv4/ip_local_port_range", proc);
  if (ports?.length === 2) env.ipLocalPortRange = [ports[0] ?? 0, ports[1] ?? 0];
  set("tcpFinTimeout", one("net/ipv4/tcp_fin_timeout"));
  set("tcpSynRetries", one("net/ipv4/tcp_syn_retries"));
  set("pingGroupRange", text("net/ipv4/ping_group_range", proc));
  set("ipUnprivilegedPortStart", one("net/ipv4/ip_unprivileged_port_start"));
  return env;
}
