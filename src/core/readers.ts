// Readers of decoded strace values: fd numbers, socket addresses, symbolic constants and flag sets
// (by name, or by number under -X raw), SCM_RIGHTS fd lists, per-message lengths of
// sendmmsg/recvmmsg, byte counts asked for, option values, clone flags. Shared by every stage that
// reads arguments, so that each of these is read one way only.
import { formatValue } from "../util/format-value.js";
import {
  FAMILY_NUMBERS,
  FCNTL_COMMANDS,
  SHUTDOWN_HOW,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  SOCKET_LEVELS,
  SOCKET_TYPE_NUMBERS,
  SOL_SOCKET_OPTIONS,
  TCP_OPTIONS,
} from "./constants.js";
import { isFdNumber } from "./fd-number.js";
import type { SyscallSpec } from "./syscalls.js";
import type { Address, Decoration, Value } from "./values.js";
import type { Transport } from "./vocabulary.js";

/** The fd number of an argument printed as `3`, `3<TCP:[…]>`. */
export function fdOf(v: Value | undefined): number | undefined {
  const n = v?.kind === "fd" ? v.fd : v?.kind === "num" ? v.value : undefined;
  return n !== undefined && isFdNumber(n) ? n : undefined;
}

/** The value after the call for a value-result argument, else the value itself. */
export function after(v: Value | undefined): Value | undefined {
  return v?.kind === "changed" ? v.to : v;
}

/** The address of a sockaddr argument, after the call for value-result ones (`{…} => {…}`). */
export function addressOf(v: Value | undefined): Address | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "struct") return v.addr;
  if (v.kind === "changed") return addressOf(v.to) ?? addressOf(v.from);
  return undefined;
}

/** A number, after the call for value-result arguments (`[16 => 8]`). */
export function numberIn(v: Value | undefined): number | undefined {
  const x = after(v);
  return x?.kind === "num" ? x.value : undefined;
}

/** A field of a struct argument (after the call for value-result ones). */
export function field(v: Value | undefined, name: string): Value | undefined {
  const s = after(v);
  return s?.kind === "struct" ? s.fields[name] : undefined;
}

/** A symbolic constant, from a name or from -X verbose's `0x1 /* SOL_SOCKET *\/`. */
export function nameOf(v: Value | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "sym") return v.value;
  if (v.kind === "flags") return v.value.join("|");
  if (v.kind === "num") return v.comment?.trim() || v.text || String(v.value);
  return undefined;
}

/** A symbolic name from a value that is either a constant, or a number with its name in a comment. */
export function symbolOf(
  v: Value | undefined,
  byNumber?: Readonly<Record<number, string>>,
): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "sym") return v.value;
  if (v.kind === "flags") return v.value.join("|");
  if (v.kind === "num") {
    const fromComment = v.comment?.trim();
    if (fromComment && /^[A-Z_][A-Z0-9_|]*$/.test(fromComment)) return fromComment;
    return byNumber?.[v.value] ?? String(v.value);
  }
  return undefined;
}

/** A constant's name, from the name strace printed or from its number under -X raw. */
function named(v: Value | undefined, table: Readonly<Record<number, string>>): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "sym") return v.value;
  if (v.kind === "num") {
    const comment = v.comment?.trim();
    if (comment && /^[A-Z_][A-Z0-9_]*$/.test(comment)) return comment;
    return table[v.value];
  }
  return undefined;
}

/** The parts of a flags value (`SOCK_STREAM|SOCK_CLOEXEC`, `0x1|0x800`, `0x80001 /* … *\/`). */
export function flagParts(v: Value | undefined): string[] {
  if (v === undefined) return [];
  const comment = v.comment?.trim();
  const fromComment = comment && /^[A-Z_][A-Z0-9_|]*$/.test(comment) ? comment.split("|") : [];
  if (v.kind === "flags") return [...v.value, ...fromComment];
  if (v.kind === "sym") return [v.value, ...fromComment];
  if (v.kind === "num") return [v.text ?? String(v.value), ...fromComment];
  return fromComment;
}

const NUMERAL = /^(0x[0-9a-f]+|\d+)$/i;

/** Whether a flags argument has `name` set, by name or (under -X raw) by its bit. */
export function hasFlag(v: Value | undefined, name: string, bit: number): boolean {
  if (v === undefined) return false;
  // The common shapes first: `0`, `MSG_NOSIGNAL`, without a comment naming more flags.
  if (v.comment === undefined) {
    if (v.kind === "num" && v.text === undefined) return (v.value & bit) !== 0;
    if (v.kind === "sym") return v.value === name;
  }
  for (const part of flagParts(v)) {
    if (part === name) return true;
    if (NUMERAL.test(part) && (Number(part) & bit) !== 0) return true;
  }
  return v.kind === "num" && (v.value & bit) !== 0;
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
    else if (NUMERAL.test(part)) {
      const n = Number(part);
      if (n & SOCK_NONBLOCK) nonblocking = true;
      if (n & SOCK_CLOEXEC) cloexec = true;
      type ??= SOCKET_TYPE_NUMBERS[n & 0xf];
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
      return protocol === "IPPROTO_ICMP" ||
        protocol === "IPPROTO_ICMPV6" ||
        protocol === "PING" ||
        protocol === "PINGv6"
        ? "ping"
        : "udp";
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

const INET_PROTOCOLS = new Set(["TCP", "UDP", "UDPLITE", "RAW", "PING", "SCTP", "DCCP", "MPTCP", "L2TP/IP"]);

/** The address family a strace protocol name (from a -yy decoration) implies, when it implies one. */
export function familyOfProtocol(protocol: string): string | undefined {
  if (protocol.startsWith("UNIX")) return "AF_UNIX";
  if (protocol === "NETLINK") return "AF_NETLINK";
  if (protocol === "PACKET") return "AF_PACKET";
  if (protocol.endsWith("v6") && INET_PROTOCOLS.has(protocol.slice(0, -2))) return "AF_INET6";
  if (INET_PROTOCOLS.has(protocol)) return "AF_INET";
  return undefined;
}

/** What strace's protocol name says about a socket seen for the first time. */
export function fromDecoration(d: Decoration): { family?: string; type?: string; transport: Transport } {
  const p = d.protocol ?? "";
  const family = d.family ?? familyOfProtocol(p);
  const base = p.endsWith("v6") ? p.slice(0, -2) : p;
  const type =
    base === "TCP" || base === "MPTCP" || p === "UNIX-STREAM"
      ? "SOCK_STREAM"
      : base === "UDP" || base === "UDPLITE" || p === "UNIX-DGRAM" || p === "UNIX"
        ? "SOCK_DGRAM"
        : p === "UNIX-SEQPACKET"
          ? "SOCK_SEQPACKET"
          : base === "RAW"
            ? "SOCK_RAW"
            : base === "PING"
              ? "SOCK_DGRAM"
              : undefined;
  const out: { family?: string; type?: string; transport: Transport } = {
    transport: transportOf(family, type, p),
  };
  if (family !== undefined) out.family = family;
  if (type !== undefined) out.type = type;
  return out;
}

/** setsockopt/getsockopt option name; SO_RCVTIMEO_OLD/_NEW are both SO_RCVTIMEO here. */
export function optionName(level: Value | undefined, option: Value | undefined): string | undefined {
  const levelName = named(level, SOCKET_LEVELS);
  const table =
    levelName === "SOL_SOCKET"
      ? SOL_SOCKET_OPTIONS
      : levelName === "IPPROTO_TCP" || levelName === "SOL_TCP"
        ? TCP_OPTIONS
        : {};
  const name = named(option, table) ?? (option?.kind === "num" ? String(option.value) : undefined);
  return name?.replace(/_(OLD|NEW)$/, "");
}

export function fcntlCommand(v: Value | undefined): string | undefined {
  return named(v, FCNTL_COMMANDS);
}

export function shutdownHow(v: Value | undefined): string | undefined {
  return named(v, SHUTDOWN_HOW);
}

/** A short text for a setsockopt value: `[1]` → `1`, structs as strace shows them. */
export function optionText(v: Value | undefined): string {
  const s = after(v);
  if (s === undefined) return "";
  if (s.kind === "array" && s.items.length === 1 && s.items[0] !== undefined) return formatValue(s.items[0]);
  return formatValue(s);
}

/** An errno name a getsockopt(SO_ERROR) result holds: `[ECONNREFUSED]`, `[111]` (-X raw), `[0]`. */
export function soErrorOf(
  v: Value | undefined,
  errnoNames: Readonly<Record<number, string>>,
): string | undefined {
  const s = after(v);
  const inner = s?.kind === "array" ? s.items[0] : s;
  if (inner === undefined) return undefined;
  if (inner.kind === "sym") return inner.value;
  if (inner.kind === "num")
    return inner.value === 0
      ? "0"
      : (inner.comment?.trim() ?? errnoNames[inner.value] ?? String(inner.value));
  return undefined;
}

/** fds carried by SCM_RIGHTS control messages anywhere in a msghdr (or an mmsghdr array). */
export function scmRightsFds(v: Value | undefined): Array<{ fd: number; decoration?: Decoration }> {
  const out: Array<{ fd: number; decoration?: Decoration }> = [];
  const visit = (x: Value | undefined) => {
    const s = after(x);
    if (s === undefined) return;
    if (s.kind === "array") for (const item of s.items) visit(item);
    else if (s.kind === "struct") {
      const type = nameOf(s.fields.cmsg_type);
      const data = after(s.fields.cmsg_data);
      if (type?.includes("SCM_RIGHTS") && data?.kind === "array") {
        for (const item of data.items) {
          const fd = fdOf(item);
          if (fd === undefined) continue;
          out.push(item.kind === "fd" ? { fd, decoration: item.decoration } : { fd });
        }
        return;
      }
      for (const [name, f] of Object.entries(s.fields)) {
        if (name === "msg_control" || name === "msg_hdr") visit(f);
      }
    }
  };
  visit(v);
  return out;
}

/** The sum of `msg_len` over the first `count` entries of a sendmmsg/recvmmsg vector. */
export function mmsgBytes(v: Value | undefined, count: number): number {
  const s = after(v);
  if (s?.kind !== "array") return 0;
  let total = 0;
  for (const item of s.items.slice(0, count)) {
    const len = field(item, "msg_len");
    if (len?.kind === "num") total += len.value;
  }
  return total;
}

/** The source or destination address inside a msghdr (`msg_name`). */
export function msgNameAddress(v: Value | undefined): Address | undefined {
  return addressOf(field(v, "msg_name"));
}

/** The destination addresses a sending call names: connect's, sendto's, sendmsg's and each of sendmmsg's. */
export function destinations(spec: SyscallSpec, args: readonly Value[]): Address[] {
  const out: Address[] = [];
  const add = (a: Address | undefined) => {
    if (a) out.push(a);
  };
  if (spec.name === "connect" || spec.name === "sendto") add(addressOf(args[spec.addr ?? -1]));
  else if (spec.name === "sendmsg") add(msgNameAddress(args[1]));
  else if (spec.name === "sendmmsg") {
    const vec = after(args[1]);
    for (const item of vec?.kind === "array" ? vec.items : []) add(msgNameAddress(field(item, "msg_hdr")));
  }
  return out;
}

/** The sum of `iov_len` over an iovec array; undefined when strace cut the array short. */
function iovBytes(v: Value | undefined): number | undefined {
  const a = after(v);
  if (a?.kind !== "array" || a.more) return undefined;
  let total = 0;
  for (const item of a.items) {
    const len = item.kind === "struct" ? numberIn(item.fields.iov_len) : undefined;
    if (len === undefined) return undefined;
    total += len;
  }
  return total;
}

/** The bytes a data call asked to move (write's count, recv's length, the iovec lengths), when shown. */
export function requestedBytes(spec: SyscallSpec, args: readonly Value[]): number | undefined {
  if (spec.count !== undefined) return numberIn(args[spec.count]);
  if (spec.payload === undefined) return undefined;
  if (spec.shape === "iov") return iovBytes(args[spec.payload]);
  if (spec.shape === "msg") return iovBytes(field(args[spec.payload], "msg_iov"));
  return undefined;
}

/** The value of clone/clone3's flags (`flags=` argument, or a field of clone3's struct). */
export function cloneFlagsValue(args: readonly Value[]): Value | undefined {
  for (const arg of args) {
    const a = arg.kind === "changed" ? arg.from : arg;
    if (a.kind === "named" && a.name === "flags") return a.value;
    if (a.kind === "struct" && a.fields.flags) return a.fields.flags;
  }
  return undefined;
}

/** The fds a poll or select call waits on, as the values strace printed (poll's `[{fd=3, …}]`, select's sets). */
export function waitedValues(name: string, args: readonly Value[]): Value[] {
  const out: Value[] = [];
  const visit = (v: Value | undefined) => {
    if (v === undefined) return;
    if (v.kind === "changed") visit(v.from);
    else if (v.kind === "array") for (const item of v.items) visit(item);
    else if (v.kind === "struct") visit(v.fields.fd);
    else if (v.kind === "fd" || v.kind === "num") out.push(v);
  };
  if (name === "poll" || name === "ppoll") visit(args[0]);
  else for (const v of args.slice(1, 4)) visit(v);
  return out;
}

/**
 * The fds a readiness wait reported ready, from what strace prints after its result: poll's
 * `([{fd=5, revents=POLLIN}])`, select's `(in [5 6], out [7], left {…})`.
 */
export function readyFds(detail: string | undefined): number[] {
  if (detail === undefined) return [];
  const out: number[] = [];
  for (const m of detail.matchAll(/\bfd=(\d+)/g)) out.push(Number(m[1]));
  for (const m of detail.matchAll(/\b(?:in|out|except) \[([\d ]*)\]/g))
    for (const n of (m[1] ?? "").split(" ")) if (n !== "") out.push(Number(n));
  return out;
}

/** A loopback address (127.0.0.0/8, ::1, or IPv4 loopback mapped into IPv6), by its text. */
export function isLoopbackIp(ip: string): boolean {
  return ip.startsWith("127.") || ip === "::1" || ip.startsWith("::ffff:127.");
}
