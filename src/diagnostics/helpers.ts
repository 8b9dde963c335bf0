// Presentation helpers for the diagnostic rules: how to name an fd, its socket and a process in a
// message, when a call ended, and how to print a duration. What the rules know about sockets and
// processes comes from the events' facts and the model's view, never from here.
import type { SocketView, SyscallEvent } from "../core/events.js";
import type { Transport } from "../core/vocabulary.js";

const TRANSPORT_NAMES: Readonly<Record<Transport, string>> = {
  tcp: "TCP",
  udp: "UDP",
  "unix-stream": "unix stream",
  "unix-dgram": "unix datagram",
  "unix-seqpacket": "unix seqpacket",
  netlink: "netlink",
  raw: "raw",
  ping: "ICMP ping",
  packet: "packet",
  sctp: "SCTP",
  other: "other",
};

/** `TCP`, `unix stream`… */
export function transportName(socket: SocketView | undefined): string | undefined {
  return socket === undefined ? undefined : TRANSPORT_NAMES[socket.transport];
}

/** `fd 4 (TCP)`: the fd and its transport only. */
export function describeFdShort(fd: number | undefined, socket: SocketView | undefined): string {
  const name = fd === undefined ? "the socket" : `fd ${fd}`;
  const t = transportName(socket);
  return t ? `${name} (${t})` : name;
}

/** `fd 4 (TCP 127.0.0.1:33772 → 127.0.0.1:47008)`, with what is known of the socket. */
export function describeFd(fd: number | undefined, socket: SocketView | undefined): string {
  const name = fd === undefined ? "the socket" : `fd ${fd}`;
  if (!socket) return name;
  const parts = [TRANSPORT_NAMES[socket.transport]];
  const local = socket.local?.text;
  const remote = socket.remote?.text;
  if (local && remote && local !== "(unnamed)") parts.push(`${local} → ${remote}`);
  else if (remote && remote !== "(unnamed)") parts.push(`→ ${remote}`);
  else if (local && local !== "(unnamed)") parts.push(local);
  return `${name} (${parts.join(" ")})`;
}

/** `process 8712`; pid 0 is strace's "no pid printed" (a single process, or not known yet). */
export function processName(pid: number): string {
  return pid > 0 ? `process ${pid}` : "the traced process";
}

/** When the call returned: `end` for a call printed in two halves, else start + duration. */
export function endOf(e: SyscallEvent): number | undefined {
  if (e.end !== undefined) return e.end;
  if (e.time === undefined) return undefined;
  return e.duration === undefined ? e.time : e.time + e.duration;
}

/** `1.30 s`, `12.5 ms`, `40 µs`. */
export function formatSeconds(s: number): string {
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 0.001) return `${Number((s * 1000).toPrecision(3))} ms`;
  return `${Math.round(s * 1_000_000)} µs`;
}
