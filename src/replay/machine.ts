// The "machine" note: the traced machine's sysctls, recorded once at the head of a live trace so
// that a trace read later (sockscope's own JSON lines) explains with the recording machine's values.
import type { MachineFacts } from "../core/kernel.js";

/** The facts in one line, as the views show them: "Linux 6.1.0, somaxconn 4096, tcp_rmem 4096 131072 6291456, …". */
export function describeMachine(m: MachineFacts): string {
  const parts: string[] = [];
  if (m.kernel !== undefined) parts.push(`Linux ${m.kernel}`);
  const one = (name: string, v: number | readonly number[] | string | undefined) => {
    if (v === undefined) return;
    parts.push(`${name} ${typeof v === "object" ? v.join(" ") : String(v).replace(/\s+/g, " ")}`);
  };
  one("somaxconn", m.somaxconn);
  one("tcp_rmem", m.tcpRmem);
  one("tcp_wmem", m.tcpWmem);
  one("rmem_max", m.rmemMax);
  one("wmem_max", m.wmemMax);
  one("ip_local_port_range", m.ipLocalPortRange);
  one("tcp_fin_timeout", m.tcpFinTimeout);
  one("tcp_syn_retries", m.tcpSynRetries);
  one("ping_group_range", m.pingGroupRange);
  one("ip_unprivileged_port_start", m.ipUnprivilegedPortStart);
  return `machine: ${parts.length > 0 ? parts.join(", ") : "no sysctl could be read"}`;
}
