// The conversations a trace shows, rebuilt as packets: for each TCP connection a SYN, SYN-ACK and
// ACK, segments that carry the bytes the program wrote (as much of them as the trace captured), the
// receiver's ACKs, and a FIN or RST as the model knows the close; UDP datagrams with their
// addresses; unix stream and datagram exchanges as TCP and UDP between made-up IPv6 addresses on an
// interface of their own (see UNIX_PREFIX). Pure: events in, packets out.
//
// Which end's calls make the packets: a traced sender's writes always do. A read makes packets
// only when the bytes came from an end the trace does not show (the model knows no traced peer), so
// a conversation with both ends traced carries each byte once. The same rule goes for EOF (the
// untraced peer's FIN) and ECONNRESET (its RST).
//
// Memory is bounded: a socket's state goes when its connection event comes, and every map is capped
// (the oldest entries go first).
import type { ConnectionEvent, SyscallEvent } from "../../core/events.js";
import { addressIn, payloadIndex, payloadStrings } from "../../core/payload.js";
import { isLoopbackIp, shutdownHow } from "../../core/readers.js";
import type { Address } from "../../core/values.js";
import type { Transport } from "../../core/vocabulary.js";
import { stringBytes } from "../../grammar/strings.js";
import { concatBytes } from "../../util/bytes.js";
import {
  type Endpoint,
  TCP_ACK,
  TCP_FIN,
  TCP_PSH,
  TCP_RST,
  TCP_SYN,
  tcpPacket,
  udpPacket,
} from "./packets.js";

/** A packet to write: its interface (0: inet, 1: unix), time, captured bytes and real length. */
export interface Packet {
  iface: 0 | 1;
  micros: number;
  data: Uint8Array;
  length: number;
  comments?: string[];
}

export interface StreamOptions {
  /** --no-payload: payload bytes are zeros, lengths are true. */
  noPayload: boolean;
  /** The --payload limit, quoted in the comments of cut packets. */
  limit: number;
  /** --stable: the clock is the event's sequence number (a millisecond each). */
  stable: boolean;
}

/**
 * Unix sockets have no IP addresses: each gets one under this unique-local IPv6 prefix, made of its
 * inode (as -yy shows it, so both ends agree), or of 0x4000_0000 + its socket id when the inode is
 * not known. The packets' comments say which call made them.
 */
export const UNIX_PREFIX = "fd73:6f63:6b00::";
const UNTRACED_UNIX = 0x4000_0000;
/** The port every unix endpoint gets (the addresses tell them apart). */
export const UNIX_PORT = 1;
/** Under --stable an ephemeral port is named (eph1…): it becomes this + its number. */
const STABLE_EPHEMERAL_BASE = 49151;

/** Where made-up local ports start (a trace without -yy does not show the kernel-picked ones). */
const MADE_UP_PORT = 40_000;
/** The largest TCP payload put in one segment (an IPv4 packet holds at most 65535 bytes). */
const MAX_SEGMENT = 65_000;
const MSS = 65_483;
/** How many sockets and conversations are remembered at once. */
const MAX_SOCKETS = 65_536;
const MAX_PENDING_DATAGRAMS = 256;

type Kind = "tcp" | "udp";

function kindOf(t: Transport | undefined): { kind: Kind; iface: 0 | 1 } | undefined {
  switch (t) {
    case "tcp":
      return { kind: "tcp", iface: 0 };
    case "udp":
      return { kind: "udp", iface: 0 };
    case "unix-stream":
    case "unix-seqpacket":
      return { kind: "tcp", iface: 1 };
    case "unix-dgram":
      return { kind: "udp", iface: 1 };
    default:
      return undefined;
  }
}

function unixAddress(n: number): string {
  return `${UNIX_PREFIX}${((n >>> 16) & 0xffff).toString(16)}:${(n & 0xffff).toString(16)}`;
}

const isUnspecified = (ip: string) => ip === "0.0.0.0" || ip === "::" || ip === "::ffff:0.0.0.0";

/** An inet address as a packet endpoint (an ephemeral port renamed by --stable gets a number back). */
function inetEndpoint(a: Address | undefined): Endpoint | undefined {
  if (a?.ip === undefined) return undefined;
  const eph = a.ephemeral === undefined ? undefined : /(\d+)$/.exec(a.ephemeral)?.[1];
  const port = a.port ?? (eph === undefined ? undefined : STABLE_EPHEMERAL_BASE + Number(eph));
  return port === undefined ? undefined : { ip: a.ip, port };
}

/** A bound-to-any address stands for the address the other end used (loopback here, mostly). */
function concrete(e: Endpoint, other: Endpoint): Endpoint {
  if (!isUnspecified(e.ip)) return e;
  const v6 = e.ip.includes(":") && !e.ip.startsWith("::ffff:");
  if (isLoopbackIp(other.ip) || isUnspecified(other.ip)) return { ...e, ip: v6 ? "::1" : "127.0.0.1" };
  return { ...e, ip: other.ip };
}

/** What the trace holds of a call's `n` payload bytes, and how it came to hold less. */
interface Captured {
  bytes: Uint8Array;
  /** The segment's length in the stream: n, or the masked text's own length when a credential was masked in a whole buffer. */
  length: number;
  note?: string;
}

function captured(e: SyscallEvent, n: number, options: StreamOptions): Captured {
  if (options.noPayload)
    return { bytes: new Uint8Array(n), length: n, note: "payload zero-filled: --no-payload" };
  const at = payloadIndex(e);
  if (at === "none" || at === "all") {
    const why =
      e.spec?.payload === undefined
        ? `${e.name} moves bytes the trace does not show`
        : "payload not in the trace";
    return { bytes: new Uint8Array(0), length: n, note: `${why}: ${n} bytes not captured` };
  }
  const strings = payloadStrings(e.args[at]);
  const bytes = concatBytes(strings.map((s) => stringBytes(s)));
  const total = bytes.length;
  const masked = strings.some((s) => s.redacted === "masked");
  const cut = strings.some((s) => s.truncated === true);
  // A masked credential changes the text's length: a whole buffer's masked text is the stream.
  if (masked && !cut) return { bytes, length: total, note: "credentials masked by sockscope" };
  const kept = bytes.subarray(0, Math.min(total, n));
  if (kept.length < n) {
    const why = cut ? `cut at --payload ${options.limit}` : "not all in the trace";
    return {
      bytes: kept,
      length: n,
      note: `${n} bytes, ${kept.length} captured (${why})${masked ? "; credentials masked" : ""}`,
    };
  }
  return masked
    ? { bytes: kept, length: n, note: "credentials masked by sockscope" }
    : { bytes: kept, length: n };
}

/** FNV-1a: a deterministic initial sequence number per conversation and direction. */
function isn(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const key = (e: Endpoint) => `${e.ip}|${e.port}`;

interface Conversation {
  iface: 0 | 1;
  /** The initiator (the connecting end) and the other. */
  a: Endpoint;
  b: Endpoint;
  next: [number, number];
  open: boolean;
  fin: [boolean, boolean];
  rst: boolean;
}

interface PendingConnect {
  micros: number;
  errno: string | undefined;
  pid: number;
  seq: number;
}

interface PendingDatagram {
  micros: number;
  to: Address | undefined;
  data: Captured;
  comment: string;
}

/** A Map that forgets its oldest entry past `max`. */
function capped<K, V>(map: Map<K, V>, k: K, v: V, max: number): void {
  map.delete(k);
  map.set(k, v);
  if (map.size > max) map.delete(map.keys().next().value as K);
}

export interface StreamBuilder {
  syscall(e: SyscallEvent): Packet[];
  connection(e: ConnectionEvent): Packet[];
}

export function createStreamBuilder(options: StreamOptions): StreamBuilder {
  const conversations = new Map<string, Conversation>();
  const connects = new Map<number, PendingConnect>();
  const datagrams = new Map<number, PendingDatagram[]>();
  /** Each stream socket's packet endpoints as last seen on a call (a connection event has no inode). */
  const seen = new Map<number, { local: Endpoint; remote: Endpoint }>();
  let ident = 0;
  let out: Packet[] = [];

  const clock = (e: { seq: number; time?: number }, at: "start" | "end" = "start", end?: number): number => {
    if (options.stable || e.time === undefined) return e.seq * 1000;
    return Math.round(((at === "end" ? (end ?? e.time) : e.time) as number) * 1e6);
  };

  const emitTcp = (
    c: Conversation,
    fromA: boolean,
    flags: number,
    micros: number,
    data: Uint8Array = new Uint8Array(0),
    length = data.length,
    comments?: string[],
  ): void => {
    const [src, dst] = fromA ? [c.a, c.b] : [c.b, c.a];
    const mine = fromA ? 0 : 1;
    const theirs = fromA ? 1 : 0;
    const packet = tcpPacket(
      {
        src,
        dst,
        seq: c.next[mine],
        ack: c.next[theirs],
        flags,
        data,
        ...(flags & TCP_SYN ? { mss: MSS } : {}),
      },
      ident++,
    );
    const p: Packet = {
      iface: c.iface,
      micros,
      data: packet,
      length: packet.length + (length - data.length),
    };
    if (comments !== undefined && comments.length > 0) p.comments = comments;
    out.push(p);
    c.next[mine] = (c.next[mine] + length + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0)) >>> 0;
  };

  const handshake = (c: Conversation, micros: number, comment?: string): void => {
    if (c.open) return;
    c.open = true;
    emitTcp(c, true, TCP_SYN, micros, undefined, undefined, comment === undefined ? undefined : [comment]);
    emitTcp(c, false, TCP_SYN | TCP_ACK, micros + 1);
    emitTcp(c, true, TCP_ACK, micros + 2);
  };

  const fin = (c: Conversation, fromA: boolean, micros: number, comment: string): void => {
    const side = fromA ? 0 : 1;
    if (c.fin[side] || c.rst || !c.open) return;
    c.fin[side] = true;
    emitTcp(c, fromA, TCP_FIN | TCP_ACK, micros, undefined, undefined, [comment]);
    emitTcp(c, !fromA, TCP_ACK, micros + 1);
  };

  const rst = (c: Conversation, fromA: boolean, micros: number, comment: string): void => {
    if (c.rst || !c.open) return;
    c.rst = true;
    emitTcp(c, fromA, TCP_RST | TCP_ACK, micros, undefined, undefined, [comment]);
  };

  /** The packet endpoints of a socket, as far as the model knows them. */
  const ends = (
    s: {
      id: number;
      transport: Transport;
      local?: Address;
      remote?: Address;
      peer?: number;
      inode?: number;
      peerInode?: number;
    },
    iface: 0 | 1,
    madeUp = false,
  ): { local: Endpoint; remote: Endpoint; madeUp?: true } | undefined => {
    if (iface === 1) {
      // By inode when strace showed it (both ends then agree on the pair), else by socket id.
      const local = s.inode !== undefined ? s.inode % UNTRACED_UNIX : UNTRACED_UNIX + s.id;
      // A stream's other end is not known yet (a connect before strace showed the pair): wait.
      const remote =
        s.peerInode !== undefined
          ? s.peerInode % UNTRACED_UNIX
          : s.peer !== undefined
            ? UNTRACED_UNIX + s.peer
            : s.transport === "unix-dgram"
              ? 2 * UNTRACED_UNIX + s.id
              : undefined;
      if (remote === undefined) return undefined;
      return {
        local: { ip: unixAddress(local), port: UNIX_PORT },
        remote: { ip: unixAddress(remote), port: UNIX_PORT },
      };
    }
    const remote = inetEndpoint(s.remote);
    if (remote === undefined) return undefined;
    let local = inetEndpoint(s.local);
    // A trace without -yy: the kernel-picked local port is not in it. The traced other end may know
    // it (an accept's address); else a made-up one, when asked.
    const mirror = s.peer === undefined ? undefined : seen.get(s.peer);
    if (local === undefined && mirror !== undefined) local = mirror.remote;
    if (local === undefined) {
      if (!madeUp) return undefined;
      const v6 = remote.ip.includes(":") && !remote.ip.startsWith("::ffff:");
      const made = { ip: v6 ? "::" : "0.0.0.0", port: MADE_UP_PORT + (s.id % 20_000) };
      return { local: concrete(made, remote), remote: concrete(remote, made), madeUp: true };
    }
    return { local: concrete(local, remote), remote: concrete(remote, local) };
  };

  /** The conversation a stream socket belongs to, and which of its ends the socket is. */
  const conversation = (
    local: Endpoint,
    remote: Endpoint,
    iface: 0 | 1,
    initiator: boolean,
  ): { c: Conversation; fromA: boolean } => {
    const k = `${iface}/${[key(local), key(remote)].sort().join("/")}`;
    let c = conversations.get(k);
    if (c === undefined) {
      const [a, b] = initiator ? [local, remote] : [remote, local];
      c = {
        iface,
        a,
        b,
        next: [isn(`${k}>${key(a)}`), isn(`${k}>${key(b)}`)],
        open: false,
        fin: [false, false],
        rst: false,
      };
      capped(conversations, k, c, MAX_SOCKETS);
    }
    return { c, fromA: key(c.a) === key(local) };
  };

  /** A connect the trace showed before the socket's local address was known: its packets now. */
  const settleConnect = (
    id: number,
    local: Endpoint,
    remote: Endpoint,
    iface: 0 | 1,
    refusedAtEnd?: boolean,
    madeUpPort?: boolean,
  ): void => {
    const p = connects.get(id);
    if (p === undefined) return;
    connects.delete(id);
    const { c } = conversation(local, remote, iface, true);
    const errno = refusedAtEnd ? "ECONNREFUSED" : p.errno;
    const who = `pid ${p.pid} connect, event #${p.seq}${madeUpPort ? "; the local port is not in the trace (made up)" : ""}`;
    if (errno === "ECONNREFUSED") {
      if (c.open) return;
      emitTcp(c, true, TCP_SYN, p.micros, undefined, undefined, [`${who}: refused`]);
      c.open = true;
      emitTcp(c, false, TCP_RST | TCP_ACK, p.micros + 1);
      c.rst = true;
    } else if (errno === "ETIMEDOUT") {
      if (!c.open) emitTcp(c, true, TCP_SYN, p.micros, undefined, undefined, [`${who}: never answered`]);
    } else handshake(c, p.micros, who);
  };

  const flushDatagrams = (id: number, local: Endpoint | undefined, iface: 0 | 1): void => {
    const queue = datagrams.get(id);
    if (queue === undefined) return;
    datagrams.delete(id);
    for (const d of queue) sendDatagram(local, d.to, iface, d.micros, d.data, d.comment);
  };

  const sendDatagram = (
    src: Endpoint | undefined,
    to: Address | Endpoint | undefined,
    iface: 0 | 1,
    micros: number,
    data: Captured,
    comment: string,
  ): void => {
    const dst0 = to === undefined ? undefined : "text" in to ? inetEndpoint(to) : to;
    const dst = dst0 ?? { ip: src?.ip.includes(":") ? "::1" : "127.0.0.1", port: 0 };
    const from = src ?? {
      ip: dst.ip.includes(":") && !dst.ip.startsWith("::ffff:") ? "::" : "0.0.0.0",
      port: 0,
    };
    const a = concrete(from, dst);
    const b = concrete(dst, a);
    const packet = udpPacket(a, b, data.bytes, ident++);
    const comments = [comment];
    if (data.note !== undefined) comments.push(data.note);
    if (src === undefined) comments.push("the sender's address is not in the trace");
    out.push({
      iface,
      micros,
      data: packet,
      length: packet.length + (data.length - data.bytes.length),
      comments,
    });
  };

  const dataCall = (
    e: SyscallEvent,
    s: NonNullable<SyscallEvent["socket"]>,
    iface: 0 | 1,
    kind: Kind,
  ): void => {
    const t = e.transfer;
    if (t === undefined) return;
    const dir: "in" | "out" | undefined = e.dataDir ?? (t.out > 0 ? "out" : t.in > 0 ? "in" : e.spec?.dir);
    const n = dir === "out" ? t.out : t.in;
    const comment = `pid ${e.pid} ${e.name}(${e.fd ?? "?"}), event #${e.seq}`;
    const micros = dir === "out" ? clock(e) : clock(e, "end", e.end);
    if (kind === "udp") {
      if (n <= 0 && e.ret !== 0) return;
      if (dir === "in" && t.peer !== undefined) return;
      const data = captured(e, Math.max(0, n), options);
      const named = e.spec?.addr !== undefined ? addressIn(e.args[e.spec.addr]) : undefined;
      const there =
        named ?? (e.spec?.payload !== undefined ? addressIn(e.args[e.spec.payload]) : undefined) ?? s.remote;
      if (iface === 1) {
        const both = ends(s, 1);
        if (both === undefined) return;
        if (dir === "out") sendDatagram(both.local, both.remote, 1, micros, data, comment);
        else sendDatagram(both.remote, both.local, 1, micros, data, comment);
        return;
      }
      const local = inetEndpoint(s.local);
      if (dir === "out") {
        if (local === undefined) {
          const queue = datagrams.get(s.id) ?? [];
          if (queue.length < MAX_PENDING_DATAGRAMS) queue.push({ micros, to: there, data, comment });
          capped(datagrams, s.id, queue, MAX_SOCKETS);
        } else sendDatagram(local, there, 0, micros, data, comment);
      } else {
        const from = inetEndpoint(there);
        sendDatagram(
          from,
          local ?? (s.local === undefined ? undefined : inetEndpoint(s.local)),
          0,
          micros,
          data,
          comment,
        );
      }
      return;
    }
    const both = ends(s, iface, true);
    if (both === undefined) return;
    settleConnect(s.id, both.local, both.remote, iface, false, both.madeUp);
    const { c, fromA } = conversation(both.local, both.remote, iface, false);
    handshake(
      c,
      micros - 3,
      iface === 1
        ? "a unix stream: no handshake; these three packets stand for the connection"
        : both.madeUp
          ? "the handshake is not in the trace (made up); the local port is not in the trace (made up)"
          : "the handshake is not in the trace (made up)",
    );
    const traced = t.peer !== undefined || s.peer !== undefined;
    if (n === 0 && dir === "in" && e.ret === 0 && !traced) {
      fin(c, !fromA, micros, `${comment}: end of stream, the other end's FIN`);
      return;
    }
    if (n <= 0) return;
    if (dir === "in" && traced) return;
    const data = captured(e, n, options);
    const from = dir === "out" ? fromA : !fromA;
    let first = true;
    for (let at = 0; at < data.length; at += MAX_SEGMENT) {
      const len = Math.min(MAX_SEGMENT, data.length - at);
      const bytes = data.bytes.subarray(
        Math.min(at, data.bytes.length),
        Math.min(at + len, data.bytes.length),
      );
      const comments = first ? [comment, ...(data.note === undefined ? [] : [data.note])] : undefined;
      emitTcp(c, from, TCP_PSH | TCP_ACK, micros, bytes, len, comments);
      emitTcp(c, !from, TCP_ACK, micros + 1);
      first = false;
    }
  };

  return {
    syscall(e) {
      out = [];
      const s = e.name.startsWith("accept") ? e.newSocket : e.socket;
      const k = kindOf(s?.transport);
      if (s === undefined || k === undefined) return out;
      const both = ends(s, k.iface);
      if (both !== undefined && k.kind === "tcp") capped(seen, s.id, both, MAX_SOCKETS);
      // The local address became known: what waited for it goes out now.
      if (both !== undefined && k.kind === "tcp") settleConnect(s.id, both.local, both.remote, k.iface);
      if (k.kind === "udp" && k.iface === 0 && s.local !== undefined)
        flushDatagrams(s.id, inetEndpoint(s.local), 0);
      if (e.injected === true) return out;
      if (e.name === "connect" && k.kind === "tcp") {
        if (e.errno !== undefined && !["EINPROGRESS", "EINTR", "ECONNREFUSED", "ETIMEDOUT"].includes(e.errno))
          return out;
        if (e.stateBefore === "connecting" && e.errno !== "ECONNREFUSED") return out;
        capped(connects, s.id, { micros: clock(e), errno: e.errno, pid: e.pid, seq: e.seq }, MAX_SOCKETS);
        if (both !== undefined && e.errno === undefined)
          settleConnect(s.id, both.local, both.remote, k.iface);
        return out;
      }
      if (e.name.startsWith("accept") && k.kind === "tcp" && both !== undefined) {
        const { c } = conversation(both.local, both.remote, k.iface, false);
        const theirs = s.peer === undefined ? undefined : connects.get(s.peer);
        if (theirs !== undefined && s.peer !== undefined) connects.delete(s.peer);
        handshake(
          c,
          theirs?.micros ?? clock(e) - 3,
          `pid ${theirs?.pid ?? e.pid} ${theirs ? "connect" : e.name}, event #${theirs?.seq ?? e.seq}`,
        );
        return out;
      }
      if (e.name === "shutdown" && k.kind === "tcp" && e.ret === 0 && both !== undefined) {
        const text = shutdownHow(e.args[1]) ?? "";
        if (text === "SHUT_WR" || text === "SHUT_RDWR") {
          const { c, fromA } = conversation(both.local, both.remote, k.iface, false);
          fin(c, fromA, clock(e), `pid ${e.pid} shutdown(${e.fd ?? "?"}, ${text}), event #${e.seq}`);
        }
        return out;
      }
      if (e.errno === "ECONNRESET" && k.kind === "tcp" && both !== undefined && s.peer === undefined) {
        const { c, fromA } = conversation(both.local, both.remote, k.iface, false);
        rst(c, !fromA, clock(e), `${e.name} by pid ${e.pid} got ECONNRESET: the other end's RST`);
        return out;
      }
      if (e.transfer !== undefined) dataCall(e, s, k.iface, k.kind);
      return out;
    },

    connection(e) {
      out = [];
      const k = kindOf(e.transport);
      if (k === undefined) return out;
      const s = {
        id: e.id,
        transport: e.transport,
        ...(e.local ? { local: e.local } : {}),
        ...(e.remote ? { remote: e.remote } : {}),
        ...(e.peer !== undefined ? { peer: e.peer } : {}),
      };
      const micros = options.stable || e.closed === undefined ? e.seq * 1000 : Math.round(e.closed * 1e6);
      if (k.kind === "udp") {
        flushDatagrams(e.id, k.iface === 0 ? inetEndpoint(e.local) : undefined, k.iface);
        return out;
      }
      let both = seen.get(e.id) ?? ends(s, k.iface, true);
      seen.delete(e.id);
      const pending = connects.get(e.id);
      if (both === undefined && pending !== undefined && e.remote !== undefined) {
        // A connect that failed before the kernel gave the socket a port: the port is unknown.
        const remote = inetEndpoint(e.remote);
        if (remote !== undefined) {
          const v6 = remote.ip.includes(":") && !remote.ip.startsWith("::ffff:");
          both = { local: concrete({ ip: v6 ? "::" : "0.0.0.0", port: 0 }, remote), remote };
        }
      }
      if (both === undefined) {
        connects.delete(e.id);
        return out;
      }
      settleConnect(
        e.id,
        both.local,
        both.remote,
        k.iface,
        e.outcome === "refused",
        k.iface === 0 && e.local === undefined,
      );
      if (e.role === "listener" || e.outcome === "refused") return out;
      const { c, fromA } = conversation(both.local, both.remote, k.iface, e.role === "client");
      const who = `pid ${e.releasedBy ?? e.pid} closed conn#${e.id}`;
      const victim = (e.errors.ECONNRESET ?? 0) > 0 || (e.errors.EPIPE ?? 0) > 0;
      // SO_LINGER with a zero timeout makes close() abort the connection (tcp_disconnect()).
      const abort = /l_onoff=1\b.*l_linger=0\b/.test(e.options.SO_LINGER ?? "");
      if (abort) rst(c, fromA, micros, `${who} with SO_LINGER 0: RST`);
      else if (e.outcome === "reset" && !victim) rst(c, fromA, micros, `${who} with unread data: RST`);
      else fin(c, fromA, micros, `${who}: FIN`);
      return out;
    },
  };
}
