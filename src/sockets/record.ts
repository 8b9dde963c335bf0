// One socket as the model knows it, how it is created from socket()/socketpair()/accept() or from a
// first sighting, and how it is presented: the `socket` view on syscall events and the final
// `connection` event.
import type { ConnectionEvent, SocketRef } from "../events/schema.js";
import { SCHEMA_VERSION } from "../events/version.js";
import { familyOfProtocol } from "../parse/decoration.js";
import type { Address, Value } from "../parse/schema.js";
import { symbolOf } from "../parse/sockaddr.js";
import type { Outcome, Role, SocketState, Transport } from "./schema.js";

/** Transports with a byte stream between two ends (connections, EOF, half-close). */
export const STREAMS: ReadonlySet<string> = new Set(["tcp", "unix-stream", "unix-seqpacket", "sctp"]);

export interface SocketRecord {
  id: number;
  pid: number;
  fd: number;
  family?: string;
  type?: string;
  protocol?: string;
  transport: Transport;
  local?: Address;
  remote?: Address;
  /** Datagram peers seen (sendto destinations, recvfrom senders), by text. */
  peers: Map<string, Address>;
  state: SocketState;
  role: Role;
  failure?: Exclude<Outcome, "closed" | "open-at-exit">;
  /** A receive timed out (SO_RCVTIMEO) and nothing was transferred since. */
  timedOut: boolean;
  nonblocking: boolean;
  options: Record<string, string>;
  errors: Record<string, number>;
  opened?: number;
  closed?: number;
  bytesIn: number;
  bytesOut: number;
  accepted?: number;
  refs: number;
  peer?: number;
  inode?: number;
  peerInode?: number;
  autobound?: boolean;
  /** Set when the kernel will pick the local address on the next connect/sendto/listen. */
  unbound: boolean;
  /** First seen already open (inherited fds, a log that starts mid-life). */
  inherited?: boolean;
  /** How the last reference went. */
  closedBy?: "close" | "exec" | "exit" | "end-of-trace";
}

const FAMILY_NUMBERS: Record<number, string> = {
  1: "AF_UNIX",
  2: "AF_INET",
  10: "AF_INET6",
  16: "AF_NETLINK",
  17: "AF_PACKET",
};
const TYPE_NUMBERS: Record<number, string> = {
  1: "SOCK_STREAM",
  2: "SOCK_DGRAM",
  3: "SOCK_RAW",
  4: "SOCK_RDM",
  5: "SOCK_SEQPACKET",
};
const SOCK_NONBLOCK = 0o4000;

/** The parts of a flags value (`SOCK_STREAM|SOCK_CLOEXEC`, `0x1|0x800`, `0x80001 /* … *\/`). */
export function flagParts(v: Value | undefined): string[] {
  if (v === undefined) return [];
  const named = v.comment && /^[A-Z_][A-Z0-9_|]*$/.test(v.comment.trim()) ? v.comment.trim().split("|") : [];
  if (v.kind === "flags") return [...v.value, ...named];
  if (v.kind === "sym") return [v.value, ...named];
  if (v.kind === "num") return [v.text ?? String(v.value), ...named];
  return named;
}

/** Splits socket()'s type argument into the base type and the SOCK_NONBLOCK/SOCK_CLOEXEC flags. */
export function parseSocketType(v: Value | undefined): {
  type?: string;
  nonblocking: boolean;
  cloexec: boolean;
} {
  let type: string | undefined;
  let nonblocking = false;
  let cloexec = false;
  for (const part of flagParts(v)) {
    if (part === "SOCK_NONBLOCK") nonblocking = true;
    else if (part === "SOCK_CLOEXEC") cloexec = true;
    else if (part.startsWith("SOCK_")) type ??= part;
    else if (/^(0x[0-9a-f]+|\d+)$/i.test(part)) {
      const n = Number(part);
      if (n & SOCK_NONBLOCK) nonblocking = true;
      if (n & 0o2000000) cloexec = true;
      type ??= TYPE_NUMBERS[n & 0xf];
    }
  }
  const out: { type?: string; nonblocking: boolean; cloexec: boolean } = { nonblocking, cloexec };
  if (type !== undefined) out.type = type;
  return out;
}

export function familyOf(v: Value | undefined): string | undefined {
  return symbolOf(v, FAMILY_NUMBERS);
}

export function transportOf(
  family: string | undefined,
  type: string | undefined,
  protocol: string | undefined,
): Transport {
  if (family === "AF_INET" || family === "AF_INET6") {
    if (protocol === "IPPROTO_SCTP" || protocol === "SCTP" || protocol === "SCTPv6") return "sctp";
    if (type === "SOCK_STREAM") return "tcp";
    if (type === "SOCK_DGRAM")
      return protocol === "IPPROTO_ICMP" || protocol === "IPPROTO_ICMPV6" ? "other" : "udp";
    if (type === "SOCK_RAW") return "raw";
  }
  if (family === "AF_UNIX") {
    if (type === "SOCK_STREAM") return "unix-stream";
    if (type === "SOCK_DGRAM") return "unix-dgram";
    if (type === "SOCK_SEQPACKET") return "unix-seqpacket";
  }
  if (family === "AF_NETLINK") return "netlink";
  if (family === "AF_PACKET") return "packet";
  return "other";
}

/** What strace's protocol name says about a socket seen for the first time. */
export function fromDecoration(d: { protocol?: string | undefined; family?: string | undefined }): {
  family?: string;
  type?: string;
  transport: Transport;
} {
  const p = d.protocol ?? "";
  const family = d.family ?? familyOfProtocol(p);
  const base = p.replace(/v6$/, "");
  const type =
    base === "TCP" || base === "MPTCP" || p === "UNIX-STREAM"
      ? "SOCK_STREAM"
      : base === "UDP" || base === "UDPLITE" || p === "UNIX-DGRAM" || p === "UNIX"
        ? "SOCK_DGRAM"
        : p === "UNIX-SEQPACKET"
          ? "SOCK_SEQPACKET"
          : base === "RAW"
            ? "SOCK_RAW"
            : undefined;
  const out: { family?: string; type?: string; transport: Transport } = {
    transport: transportOf(family, type, p),
  };
  if (family !== undefined) out.family = family;
  if (type !== undefined) out.type = type;
  return out;
}

export interface NewSocket {
  pid: number;
  fd: number;
  family?: string | undefined;
  type?: string | undefined;
  protocol?: string | undefined;
  transport: Transport;
  role: Role;
  state: SocketState;
  nonblocking: boolean;
  at?: number | undefined;
}

/** Makes socket records with ids 1, 2, 3… in the order the trace shows them. */
export function createRecordFactory() {
  let nextId = 0;
  return (s: NewSocket): SocketRecord => {
    const r: SocketRecord = {
      id: ++nextId,
      pid: s.pid,
      fd: s.fd,
      transport: s.transport,
      peers: new Map(),
      state: s.state,
      role: s.role,
      timedOut: false,
      nonblocking: s.nonblocking,
      options: {},
      errors: {},
      bytesIn: 0,
      bytesOut: 0,
      refs: 0,
      unbound: s.state === "created",
    };
    if (s.family !== undefined) r.family = s.family;
    if (s.type !== undefined) r.type = s.type;
    if (s.protocol !== undefined) r.protocol = s.protocol;
    if (s.at !== undefined) r.opened = s.at;
    return r;
  };
}

export function socketView(r: SocketRecord): SocketRef {
  const view: SocketRef = { id: r.id, transport: r.transport, state: r.state, nonblocking: r.nonblocking };
  if (r.family !== undefined) view.family = r.family;
  if (r.type !== undefined) view.type = r.type;
  if (r.protocol !== undefined) view.protocol = r.protocol;
  if (r.inode !== undefined) view.inode = r.inode;
  if (r.peerInode !== undefined) view.peerInode = r.peerInode;
  if (r.local !== undefined) view.local = r.local;
  if (r.remote !== undefined) view.remote = r.remote;
  return view;
}

export function outcomeOf(r: SocketRecord): Outcome {
  if (r.failure !== undefined) return r.failure;
  if (r.timedOut) return "timed-out";
  if (r.closedBy === "exit" || r.closedBy === "end-of-trace") return "open-at-exit";
  return "closed";
}

const MAX_PEERS = 16;

export function connectionEvent(r: SocketRecord, seq: number): ConnectionEvent {
  const e: ConnectionEvent = {
    type: "connection",
    v: SCHEMA_VERSION,
    seq,
    id: r.id,
    pid: r.pid,
    fd: r.fd,
    transport: r.transport,
    role: r.role,
    bytesIn: r.bytesIn,
    bytesOut: r.bytesOut,
    outcome: outcomeOf(r),
    state: r.state,
    nonblocking: r.nonblocking,
    options: r.options,
    errors: r.errors,
  };
  if (r.family !== undefined) e.family = r.family;
  if (r.local !== undefined) e.local = r.local;
  if (r.remote !== undefined) e.remote = r.remote;
  if (r.peers.size > 0 && r.remote === undefined) e.peers = [...r.peers.values()].slice(0, MAX_PEERS);
  if (r.opened !== undefined) e.opened = r.opened;
  if (r.closed !== undefined) e.closed = r.closed;
  if (r.accepted !== undefined) e.accepted = r.accepted;
  if (r.peer !== undefined) e.peer = r.peer;
  if (r.autobound) e.autobound = true;
  if (r.inherited) e.inherited = true;
  return e;
}
