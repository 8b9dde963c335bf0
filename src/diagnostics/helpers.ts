// Small shared pieces for the diagnostic rules: which calls send, receive or wait, how to name an
// fd and its socket in a message, elapsed times from strace's timestamps, the byte count a write
// asked for, and which pids are threads of one process.

import type { ModelEvent, SocketRef, SyscallEvent } from "../events/schema.js";
import { FORK_SYSCALLS } from "../events/syscalls.js";
import type { Value } from "../parse/schema.js";
import { after } from "../sockets/args.js";
import { hasFlag } from "../sockets/constants.js";

// biome-ignore format: a list of names reads better packed
export const SEND_CALLS: ReadonlySet<string> = new Set([
  "write", "writev", "pwritev", "pwritev2", "send", "sendto", "sendmsg", "sendmmsg", "sendfile",
]);
// biome-ignore format: a list of names reads better packed
export const RECV_CALLS: ReadonlySet<string> = new Set([
  "read", "readv", "preadv", "preadv2", "recv", "recvfrom", "recvmsg", "recvmmsg",
]);
/** Calls that wait for readiness: a program that makes one has (most likely) checked its sockets. */
// biome-ignore format: a list of names reads better packed
export const WAIT_CALLS: ReadonlySet<string> = new Set([
  "poll", "ppoll", "select", "pselect6", "_newselect", "epoll_wait", "epoll_pwait", "epoll_pwait2",
]);
export const SLEEP_CALLS: ReadonlySet<string> = new Set(["nanosleep", "clock_nanosleep"]);
export const FORK_CALLS: ReadonlySet<string> = FORK_SYSCALLS;
/** Calls that return a new fd that is not a socket. */
// biome-ignore format: a list of names reads better packed
export const FD_OPENS: ReadonlySet<string> = new Set([
  "open", "openat", "openat2", "creat", "eventfd", "eventfd2", "epoll_create", "epoll_create1",
  "timerfd_create", "signalfd", "signalfd4", "memfd_create", "inotify_init", "inotify_init1",
  "fanotify_init", "userfaultfd", "pidfd_open", "perf_event_open", "pidfd_getfd",
]);
/** Byte-stream transports: a write can be partial and a read of 0 bytes is the peer's FIN. */
export const BYTE_STREAMS: ReadonlySet<string> = new Set(["tcp", "unix-stream"]);

const TRANSPORT_NAMES: Record<string, string> = {
  tcp: "TCP",
  udp: "UDP",
  "unix-stream": "unix stream",
  "unix-dgram": "unix datagram",
  "unix-seqpacket": "unix seqpacket",
  netlink: "netlink",
  raw: "raw",
  packet: "packet",
  sctp: "SCTP",
};

/** `TCP`, `unix stream`… */
export function transportName(socket: SocketRef | undefined): string | undefined {
  return socket?.transport ? (TRANSPORT_NAMES[socket.transport] ?? socket.transport) : undefined;
}

/** `fd 4 (TCP)`: the fd and its transport only. */
export function describeFdShort(fd: number | undefined, socket: SocketRef | undefined): string {
  const name = fd === undefined ? "the socket" : `fd ${fd}`;
  const t = transportName(socket);
  return t ? `${name} (${t})` : name;
}

/** `fd 4 (TCP 127.0.0.1:33772 → 127.0.0.1:47008)`, with what is known of the socket. */
export function describeFd(fd: number | undefined, socket: SocketRef | undefined): string {
  const name = fd === undefined ? "the socket" : `fd ${fd}`;
  if (!socket) return name;
  const parts: string[] = [];
  if (socket.transport) parts.push(TRANSPORT_NAMES[socket.transport] ?? socket.transport);
  const local = socket.local?.text;
  const remote = socket.remote?.text;
  if (local && remote && local !== "(unnamed)") parts.push(`${local} → ${remote}`);
  else if (remote && remote !== "(unnamed)") parts.push(`→ ${remote}`);
  else if (local && local !== "(unnamed)") parts.push(local);
  return parts.length > 0 ? `${name} (${parts.join(" ")})` : name;
}

/** `process 8712`; pid 0 is strace's "no pid printed" (a single process, or not known yet). */
export function processName(pid: number): string {
  return pid > 0 ? `process ${pid}` : "the traced process";
}

/** Seconds from `a` to `b`; -tt times are seconds since midnight, so a trace may wrap once. */
export function elapsed(a: number, b: number): number {
  const d = b - a;
  return d < -43_200 ? d + 86_400 : d;
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

function num(v: Value | undefined): number | undefined {
  const x = after(v);
  return x?.kind === "num" ? x.value : undefined;
}

/** The sum of `iov_len` over an iovec array; undefined when strace cut the array short. */
function iovBytes(v: Value | undefined): number | undefined {
  const a = after(v);
  if (a?.kind !== "array" || a.more) return undefined;
  let total = 0;
  for (const item of a.items) {
    const len = item.kind === "struct" ? num(item.fields.iov_len) : undefined;
    if (len === undefined) return undefined;
    total += len;
  }
  return total;
}

/** The bytes a send/write asked to send (count, or the iovec lengths), when the trace shows them. */
export function requestedBytes(e: SyscallEvent): number | undefined {
  switch (e.name) {
    case "write":
    case "send":
    case "sendto":
      return num(e.args[2]);
    case "writev":
    case "pwritev":
    case "pwritev2":
      return iovBytes(e.args[1]);
    case "sendmsg": {
      const m = after(e.args[1]);
      return m?.kind === "struct" ? iovBytes(m.fields.msg_iov) : undefined;
    }
    default:
      return undefined;
  }
}

/** The byte count a read/recv asked for (0 reads return 0 without meaning EOF). */
export function readCapacity(e: SyscallEvent): number | undefined {
  if (e.name === "read" || e.name === "recv" || e.name === "recvfrom") return num(e.args[2]);
  if (e.name === "readv" || e.name === "preadv" || e.name === "preadv2") return iovBytes(e.args[1]);
  if (e.name === "recvmsg") {
    const m = after(e.args[1]);
    return m?.kind === "struct" ? iovBytes(m.fields.msg_iov) : undefined;
  }
  return undefined;
}

/** The flags argument of send/recv-style calls (MSG_NOSIGNAL, MSG_DONTWAIT, MSG_MORE…). */
export function msgFlags(e: SyscallEvent): Value | undefined {
  switch (e.name) {
    case "send":
    case "recv":
    case "sendto":
    case "recvfrom":
    case "sendmmsg":
    case "recvmmsg":
      return e.args[3];
    case "sendmsg":
    case "recvmsg":
      return e.args[2];
    default:
      return undefined;
  }
}

/** The flags value of clone/clone3 (`flags=` argument, or a field of clone3's struct). */
export function cloneFlagsValue(args: Value[]): Value | undefined {
  for (const arg of args) {
    const a = arg.kind === "changed" ? arg.from : arg;
    if (a.kind === "named" && a.name === "flags") return a.value;
    if (a.kind === "struct" && a.fields.flags) return a.fields.flags;
  }
  return undefined;
}

export const CLONE_FILES = 0x400;
export const CLONE_THREAD = 0x10000;

/**
 * Which pids are threads of one process (strace shows thread ids): clone with CLONE_THREAD puts
 * the child in its parent's group. A pid never seen cloned is its own group.
 */
export interface ThreadGroups {
  push(e: ModelEvent): void;
  groupOf(pid: number): number;
}

export function createThreadGroups(): ThreadGroups {
  const leader = new Map<number, number>();
  const groupOf = (pid: number) => leader.get(pid) ?? pid;
  return {
    groupOf,
    push(e) {
      if (e.type === "exit" && e.supersededBy === undefined) leader.delete(e.pid);
      if (e.type !== "syscall" || e.ret === null || e.ret <= 0) return;
      if (e.name !== "clone" && e.name !== "clone3") return;
      if (hasFlag(cloneFlagsValue(e.args), "CLONE_THREAD", CLONE_THREAD)) leader.set(e.ret, groupOf(e.pid));
    },
  };
}
