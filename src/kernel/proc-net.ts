// Reads the kernel's TCP/IP counters (/proc/net/snmp, /proc/net/netstat) and the listeners' accept
// queues (/proc/net/tcp, /proc/net/tcp6). Pure: text in, values out.
import type { CounterDelta } from "../core/kernel.js";
import { inetAddress } from "../grammar/address.js";
import { formatIpv6 } from "../grammar/sockaddr.js";

/**
 * Counters of /proc/net/snmp or /proc/net/netstat as `Group.Name` → value. Both files print each
 * group as two lines, the names then the values, each starting with `Group:` (the kernel's
 * net/ipv4/proc.c snmp_seq_show / netstat_seq_show). Lines that do not pair up are skipped.
 */
export function parseProcNetCounters(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = text.split("\n");
  for (let i = 0; i + 1 < lines.length; i++) {
    const names = /^(\w+):\s+(.*)$/.exec(lines[i] ?? "");
    const values = /^(\w+):\s+(.*)$/.exec(lines[i + 1] ?? "");
    if (!names || !values || names[1] !== values[1]) continue;
    const nameList = (names[2] ?? "").trim().split(/\s+/);
    const valueList = (values[2] ?? "").trim().split(/\s+/);
    // The names line has names, the values line numbers; two values lines in a row are not a pair.
    if (nameList.some((n) => !/^[A-Za-z]/.test(n)) || valueList.some((v) => !/^-?\d+$/.test(v))) continue;
    if (nameList.length !== valueList.length) continue;
    nameList.forEach((name, k) => {
      out.set(`${names[1]}.${name}`, Number(valueList[k]));
    });
    i++;
  }
  return out;
}

/**
 * The counters a report names, `Group.Name`, each a sign of trouble on the traced connections:
 * - Tcp.RetransSegs: segments retransmitted; Tcp.InErrs: segments received with errors (bad
 *   checksum…); Tcp.AttemptFails: connects that failed; Tcp.EstabResets: established connections
 *   reset; Tcp.OutRsts: resets sent.
 * - TcpExt.ListenOverflows: a SYN or final ACK arrived while the accept queue was full;
 *   TcpExt.ListenDrops: every SYN dropped at a listener, the overflows included.
 * - TcpExt.TCPTimeouts: retransmission timers that fired; TCPSynRetrans: SYNs sent again;
 *   TCPLostRetransmit: retransmits lost again.
 * - TcpExt.TCPAbortOnData/OnClose/OnMemory/OnTimeout/OnLinger/TCPAbortFailed: connections the kernel
 *   reset: data arrived after close, close with unread data, out of memory, too many retries,
 *   linger timeout, a reset that could not be sent.
 * - TcpExt.TCPZeroWindowDrop: segments dropped on a zero window; TCPToZeroWindowAdv /
 *   TCPFromZeroWindowAdv: a receiver's window closing and opening again (a reader that stopped).
 * - TcpExt.TCPRcvQDrop, TCPBacklogDrop, PruneCalled, RcvPruned, TCPOFODrop: segments dropped for
 *   lack of receive memory.
 * - TcpExt.TCPReqQFullDrop, TCPReqQFullDoCookies, SyncookiesSent: the SYN queue was full.
 * - Udp.InErrors, Udp.RcvbufErrors, Udp.SndbufErrors, Udp.NoPorts: IPv4 UDP datagrams dropped
 *   (any error, a full receive buffer, a full send buffer, no socket on the port).
 * Names from the kernel's include/uapi/linux/snmp.h and net/ipv4/proc.c.
 */
export const REPORTED_COUNTERS: readonly string[] = [
  "Tcp.RetransSegs",
  "Tcp.InErrs",
  "Tcp.AttemptFails",
  "Tcp.EstabResets",
  "Tcp.OutRsts",
  "TcpExt.ListenOverflows",
  "TcpExt.ListenDrops",
  "TcpExt.TCPTimeouts",
  "TcpExt.TCPSynRetrans",
  "TcpExt.TCPLostRetransmit",
  "TcpExt.TCPAbortOnData",
  "TcpExt.TCPAbortOnClose",
  "TcpExt.TCPAbortOnMemory",
  "TcpExt.TCPAbortOnTimeout",
  "TcpExt.TCPAbortOnLinger",
  "TcpExt.TCPAbortFailed",
  "TcpExt.TCPZeroWindowDrop",
  "TcpExt.TCPToZeroWindowAdv",
  "TcpExt.TCPFromZeroWindowAdv",
  "TcpExt.TCPRcvQDrop",
  "TcpExt.TCPBacklogDrop",
  "TcpExt.PruneCalled",
  "TcpExt.RcvPruned",
  "TcpExt.TCPOFODrop",
  "TcpExt.TCPReqQFullDrop",
  "TcpExt.TCPReqQFullDoCookies",
  "TcpExt.SyncookiesSent",
  "Udp.InErrors",
  "Udp.RcvbufErrors",
  "Udp.SndbufErrors",
  "Udp.NoPorts",
];

/** The non-zero changes of `names` (`Group.Name`) between two readings, in the order of `names`. */
export function counterDeltas(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  names: readonly string[] = REPORTED_COUNTERS,
): CounterDelta[] {
  const out: CounterDelta[] = [];
  for (const key of names) {
    const a = before.get(key);
    const b = after.get(key);
    if (a === undefined || b === undefined || a === b) continue;
    const dot = key.indexOf(".");
    out.push({ group: key.slice(0, dot), name: key.slice(dot + 1), delta: b - a });
  }
  return out;
}

/** A listening socket's row of /proc/net/tcp or tcp6. */
export interface ProcListener {
  /** Its local address, as Address.text prints it. */
  local: string;
  /** Connections waiting to be accepted. */
  queued: number;
}

/** `0100007F` (one 32-bit word as the kernel printed it with %08X, in the machine's byte order). */
function wordBytes(hex: string, littleEndian: boolean): number[] {
  const n = Number.parseInt(hex, 16);
  const bytes = [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  return littleEndian ? bytes.reverse() : bytes;
}

/** `0100007F:1F90` or the 32-digit IPv6 form, as Address.text; undefined if it is neither. */
export function procNetAddress(text: string, littleEndian = true): string | undefined {
  const m = /^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})$/.exec(text);
  if (!m) return undefined;
  const hex = m[1] ?? "";
  const port = Number.parseInt(m[2] ?? "", 16);
  if (hex.length === 8) return inetAddress(wordBytes(hex, littleEndian).join("."), port).text;
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8), littleEndian));
  return inetAddress(formatIpv6(Uint8Array.from(bytes)), port).text;
}

/**
 * The LISTEN rows (st 0A) of /proc/net/tcp or /proc/net/tcp6 with their accept queues. For a
 * listener the kernel prints sk_ack_backlog, the connections waiting for accept(), as rx_queue
 * (net/ipv4/tcp_ipv4.c get_tcp4_sock and net/ipv6/tcp_ipv6.c get_tcp6_sock: `rx_queue =
 * state == TCP_LISTEN ? READ_ONCE(sk->sk_ack_backlog) : …`). The backlog is not in this file.
 * Addresses are printed as the kernel's raw 32-bit words: `littleEndian` is the machine's order.
 */
export function parseProcNetListeners(text: string, littleEndian = true): ProcListener[] {
  const out: ProcListener[] = [];
  for (const line of text.split("\n")) {
    const words = line.trim().split(/\s+/);
    // sl local_address rem_address st tx_queue:rx_queue …
    if (words.length < 5 || !/^\d+:$/.test(words[0] ?? "") || words[3] !== "0A") continue;
    const local = procNetAddress(words[1] ?? "", littleEndian);
    const queues = /^[0-9A-Fa-f]{8}:([0-9A-Fa-f]{8})$/.exec(words[4] ?? "");
    if (local === undefined || !queues) continue;
    out.push({ local, queued: Number.parseInt(queues[1] ?? "", 16) });
  }
  return out;
}
