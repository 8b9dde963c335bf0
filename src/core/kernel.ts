// What the kernel itself knew about the traced sockets, beside what the program asked for: read
// without root from iproute2's `ss` (its sock_diag netlink queries and `ss -E` destroy events),
// /proc/net/{tcp,tcp6} (listeners' accept queues), /proc/net/{snmp,netstat} (counters) and
// /proc/sys (sysctls). Joined to sockscope's connections by 4-tuple, never by a kernel-side pid.
// These are the shapes every stage and view shares; src/kernel/ reads them, and the JSON lines
// carry them, so a recorded trace keeps the recording machine's facts.

/**
 * The kernel's final `struct tcp_info` for one TCP socket, as `ss -t -i -e -m -n` prints it
 * (iproute2 misc/ss.c tcp_show_info; include/uapi/linux/tcp.h). Times in milliseconds, sizes in
 * bytes, rates in bits per second. A field is absent when the kernel or ss did not print it.
 */
export interface TcpKernelInfo {
  /** The TCP state when read (ss's name: ESTAB, CLOSE-WAIT, FIN-WAIT-2, CLOSE…). */
  state: string;
  /** Where it came from: the socket's destruction (`ss -E`) or a query while it still existed. */
  source: "destroyed" | "snapshot";
  rttMs?: number;
  rttVarMs?: number;
  minRttMs?: number;
  /** Segments retransmitted over the socket's life (tcpi_total_retrans). */
  retransmits?: number;
  /** Bytes retransmitted (tcpi_bytes_retrans). */
  bytesRetrans?: number;
  /** Segments the kernel considers lost now (tcpi_lost). */
  lost?: number;
  /** Retransmission timeouts that fired in a row when read (tcpi_backoff). */
  backoff?: number;
  cwnd?: number;
  ssthresh?: number;
  mss?: number;
  bytesSent?: number;
  bytesAcked?: number;
  bytesReceived?: number;
  segsOut?: number;
  segsIn?: number;
  dataSegsOut?: number;
  dataSegsIn?: number;
  /** bits per second */
  deliveryRate?: number;
  /** Time the socket had data to send (tcpi_busy_time), and the parts of it limited by the
   * receiver's window and by the send buffer. */
  busyMs?: number;
  rwndLimitedMs?: number;
  sndbufLimitedMs?: number;
  /** The peer's advertised window when read (tcpi_snd_wnd, kernel ≥ 5.4). */
  sndWnd?: number;
  rcvSpace?: number;
  /** Send and receive queue bytes when read (Recv-Q, Send-Q). */
  recvQ?: number;
  sendQ?: number;
}

/** A traced listener's accept queue, sampled while the program ran. */
export interface ListenerQueue {
  /** Its local address, as Address.text prints it (`127.0.0.1:8080`, `[::1]:8080`). */
  local: string;
  /** The most connections seen waiting to be accepted in one sample. */
  peak: number;
  /** The backlog the kernel applies (after the somaxconn clamp). */
  backlog: number;
  samples: number;
}

/** One kernel counter's change over the run (/proc/net/snmp and /proc/net/netstat). */
export interface CounterDelta {
  /** The group and name as /proc prints them: `TcpExt` `ListenOverflows`, `Tcp` `RetransSegs`. */
  group: string;
  name: string;
  delta: number;
}

/** The kernel's side of a live trace, in the summary. */
export interface KernelSummary {
  /** Whose counters: the whole machine's (shared with every other program) or a network
   * namespace of the program's own. */
  scope: "system" | "namespace";
  counters: CounterDelta[];
  listeners: ListenerQueue[];
  /** What could not be read, and why (no iproute2, no permission, no `ss -E` support). */
  notes: string[];
}

/** The sysctls explanations quote, as the traced machine had them (recorded once per live trace). */
export interface MachineFacts {
  /** uname -r of the traced machine. */
  kernel?: string;
  somaxconn?: number;
  rmemMax?: number;
  wmemMax?: number;
  /** net.ipv4.tcp_rmem / tcp_wmem: min, default, max. */
  tcpRmem?: [number, number, number];
  tcpWmem?: [number, number, number];
  /** net.ipv4.ip_local_port_range: first, last. */
  ipLocalPortRange?: [number, number];
  tcpFinTimeout?: number;
  tcpSynRetries?: number;
  /** net.ipv4.ping_group_range, as /proc prints it ("1\t0"). */
  pingGroupRange?: string;
  ipUnprivilegedPortStart?: number;
}

/** Milliseconds as people read them: 0.05 ms, 40.2 ms, 250 ms. */
export const msText = (n: number): string =>
  n >= 100 ? `${n.toFixed(0)} ms` : n >= 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(2)} ms`;

/** "rtt 40.2 ms ±1.3" */
export function rttText(k: TcpKernelInfo): string | undefined {
  if (k.rttMs === undefined) return undefined;
  return `rtt ${msText(k.rttMs)}${k.rttVarMs !== undefined ? ` ±${msText(k.rttVarMs).replace(" ms", "")}` : ""}`;
}

/** The share of the time the socket had data to send that the receiver's window held it back. */
export function rwndShare(k: TcpKernelInfo): number | undefined {
  if (k.rwndLimitedMs === undefined || k.busyMs === undefined || k.busyMs <= 0) return undefined;
  return Math.min(1, k.rwndLimitedMs / k.busyMs);
}
