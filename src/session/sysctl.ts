// The machine's sysctls that explanations quote with real numbers (read once, at the edge).
import { readFileSync } from "node:fs";
import type { ExplainOptions } from "../explain/annotate.js";

function read(path: string): number | undefined {
  try {
    const n = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

export function readSysctls(): ExplainOptions["env"] {
  const env: ExplainOptions["env"] = {};
  const somaxconn = read("/proc/sys/net/core/somaxconn");
  const rmemMax = read("/proc/sys/net/core/rmem_max");
  const wmemMax = read("/proc/sys/net/core/wmem_max");
  if (somaxconn !== undefined) env.somaxconn = somaxconn;
  if (rmemMax !== undefined) env.rmemMax = rmemMax;
  if (wmemMax !== undefined) env.wmemMax = wmemMax;
  try {
    env.pingGroupRange = readFileSync("/proc/sys/net/ipv4/ping_group_range", "utf8").trim();
  } catch {
    // No IPv4, or no /proc: unknown.
  }
  return env;
}
