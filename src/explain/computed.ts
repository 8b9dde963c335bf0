// Numbers and facts the kernel really used for a call, computed from the call, the socket model and
// the machine: the buffer size SO_SNDBUF/SO_RCVBUF store, the listen backlog after the somaxconn
// clamp, what an EAGAIN was (a timeout or a non-blocking call), why a ping socket was refused.
// The machine's sysctls are facts of the traced machine only when the options say so (a live
// trace, or values the log records); otherwise the notes say the value is unknown in this log.
//
// Checked against Linux 6.1 and 6.12 (net/core/sock.c sk_setsockopt and __sock_set_rcvbuf,
// include/net/sock.h SOCK_MIN_SNDBUF/SOCK_MIN_RCVBUF, net/socket.c __sys_listen, net/ipv4/ping.c
// ping_init_sock), and measured on this machine's 6.18 kernel by fixtures/programs/claims.c.
import { MSG_PEEK } from "../core/constants.js";
import type { SyscallEvent } from "../core/events.js";
import type { MachineFacts } from "../core/kernel.js";
import { familyOf, hasFlag, nameOf, optionName, parseSocketType, transportOf } from "../core/readers.js";
import { RECV_CALLS, SEND_CALLS } from "../core/syscalls.js";
import type { Value } from "../core/values.js";

export type { MachineFacts };

/**
 * TCP_SKB_MIN_TRUESIZE = 2048 + SKB_DATA_ALIGN(sizeof(struct sk_buff)) (include/net/sock.h, the
 * same in 6.1 and 6.12): on x86_64 struct sk_buff is 224 bytes, aligned to the 64-byte cache line
 * 256, so 2304. SOCK_MIN_RCVBUF is that, SOCK_MIN_SNDBUF twice that. Measured on Linux 6.18.44
 * (x86_64): SO_RCVBUF 100 reads back 2304, SO_SNDBUF 324 reads back 4608.
 */
export const SOCK_MIN_RCVBUF = 2304;
export const SOCK_MIN_SNDBUF = 4608;
/** net.core.somaxconn's default since Linux 5.4. */
const DEFAULT_SOMAXCONN = 4096;
const INT_MAX = 2 ** 31 - 1;

function num(v: Value | undefined): number | undefined {
  return v?.kind === "num" ? v.value : undefined;
}

/** The int a setsockopt passed: `[324]` as strace prints it. */
function intArg(v: Value | undefined): number | undefined {
  const inner = v?.kind === "array" ? v.items[0] : v?.kind === "changed" ? v.to : v;
  return num(inner?.kind === "array" ? inner.items[0] : inner);
}

/** The value sk_setsockopt stores for a buffer option (sk_sndbuf or sk_rcvbuf). */
export function storedBuffer(option: string, asked: number, cap: number | undefined): number | undefined {
  const send = option.startsWith("SO_SNDBUF");
  const floor = send ? SOCK_MIN_SNDBUF : SOCK_MIN_RCVBUF;
  let val: number;
  if (option.endsWith("FORCE")) val = Math.max(asked, 0);
  else {
    if (cap === undefined) return undefined;
    // min_t(u32, val, max): a negative value is a huge unsigned one, so it takes the cap.
    val = asked < 0 ? cap : Math.min(asked, cap);
  }
  val = Math.min(val, Math.floor(INT_MAX / 2));
  return Math.max(val * 2, floor);
}

function bufferNote(
  e: SyscallEvent,
  option: string,
  facts: MachineFacts,
  traced: boolean,
): string | undefined {
  const asked = intArg(e.args[3]);
  if (asked === undefined) return undefined;
  const send = option.startsWith("SO_SNDBUF");
  const floorName = send ? "SOCK_MIN_SNDBUF" : "SOCK_MIN_RCVBUF";
  const floor = send ? SOCK_MIN_SNDBUF : SOCK_MIN_RCVBUF;
  const sysctl = send ? "net.core.wmem_max" : "net.core.rmem_max";
  const floorText = `${floorName} = ${floor} on x86_64`;
  const readBack = (n: number) => `${option} ${asked} → the kernel stores ${n}`;
  if (option.endsWith("FORCE")) {
    const stored = storedBuffer(option, asked, undefined) as number;
    return `${readBack(stored)} (twice the value, at least ${floorText}; ${sysctl} does not cap the FORCE variant); getsockopt(${option.replace("FORCE", "")}) reads back ${stored}.`;
  }
  const cap = send ? facts.wmemMax : facts.rmemMax;
  if (traced && cap !== undefined) {
    const stored = storedBuffer(option, asked, cap) as number;
    const capped = asked < 0 || asked > cap;
    const how = capped
      ? `capped at ${sysctl} = ${cap}, then doubled`
      : stored === floor && asked * 2 < floor
        ? `2 × ${asked} = ${asked * 2} is below the floor ${floorText}`
        : "doubled";
    return `${readBack(stored)} (${how}); getsockopt reads back ${stored}.`;
  }
  // The traced machine's cap is unknown: say what holds whatever it is.
  if (asked >= 0 && asked * 2 <= floor)
    return `${readBack(floor)} (2 × ${asked} = ${asked * 2} is below the floor ${floorText}, whatever ${sysctl}); getsockopt reads back ${floor}.`;
  if (asked < 0)
    return `${option} ${asked}: a negative size counts as a huge one, so the kernel stores twice ${sysctl} (unknown in this log).`;
  return `${option} ${asked} → the kernel stores ${asked * 2} (doubled) if ${sysctl} (unknown in this log) is at least ${asked}, else twice ${sysctl}; getsockopt reads back the stored value.`;
}

function backlogNote(e: SyscallEvent, facts: MachineFacts, traced: boolean): string | undefined {
  const backlog = num(e.args[1]);
  if (backlog === undefined) return undefined;
  // __sys_listen compares as unsigned: a negative backlog is above any somaxconn.
  const above = (max: number) => backlog < 0 || backlog > max;
  if (traced && facts.somaxconn !== undefined) {
    const max = facts.somaxconn;
    if (!above(max)) return undefined;
    return `The backlog asked (${backlog}) is above net.core.somaxconn (${max} on the traced machine${backlog < 0 ? "; a negative backlog counts as a huge unsigned one" : ""}): the kernel uses ${max}.`;
  }
  if (!above(DEFAULT_SOMAXCONN)) return undefined;
  return `The kernel caps the backlog (${backlog}${backlog < 0 ? ", a huge unsigned number" : ""}) at net.core.somaxconn, which is unknown in this log (${DEFAULT_SOMAXCONN} by default since Linux 5.4).`;
}

/** socket(AF_INET/AF_INET6, SOCK_DGRAM, IPPROTO_ICMP/ICMPV6) refused: ping_group_range. */
function pingNote(e: SyscallEvent, facts: MachineFacts, traced: boolean): string | undefined {
  if (e.errno !== "EACCES") return undefined;
  const family = familyOf(e.args[0]);
  const { type } = parseSocketType(e.args[1]);
  if (transportOf(family, type, nameOf(e.args[2])) !== "ping") return undefined;
  const range =
    traced && facts.pingGroupRange !== undefined
      ? `is "${facts.pingGroupRange.trim().replace(/\s+/, " ")}" on the traced machine (as sockscope started)`
      : "is unknown in this log";
  return `A ping socket (ICMP over SOCK_DGRAM): ping_init_sock (net/ipv4/ping.c) allows it only when one of the process's groups is inside net.ipv4.ping_group_range, which ${range}; the default "1 0" allows no group, root included. sysctl -w net.ipv4.ping_group_range="0 2147483647" allows every group.`;
}

/** The calls whose EAGAIN is a receive wait (SO_RCVTIMEO) or a send wait (SO_SNDTIMEO). */
function waitKind(e: SyscallEvent): "rcv" | "snd" | undefined {
  if (RECV_CALLS.has(e.name) || e.name === "accept" || e.name === "accept4") return "rcv";
  if (SEND_CALLS.has(e.name)) return "snd";
  // AF_UNIX connect waits on the listener's backlog with the send timeout (unix_stream_connect).
  if (e.name === "connect" && e.socket?.family === "AF_UNIX") return "snd";
  return undefined;
}

/**
 * What an EAGAIN was: a non-blocking call that would have waited, or a blocking call whose
 * SO_RCVTIMEO/SO_SNDTIMEO ran out (sock_rcvtimeo/sock_sndtimeo give 0 for a non-blocking call,
 * include/net/sock.h), or, when the trace cannot tell the mode, both possibilities.
 */
function eagainNote(e: SyscallEvent): string | undefined {
  if (e.errno !== "EAGAIN" && e.errno !== "EWOULDBLOCK") return undefined;
  const s = e.socket;
  const kind = waitKind(e);
  if (s === undefined || kind === undefined) return undefined;
  const option = kind === "rcv" ? "SO_RCVTIMEO" : "SO_SNDTIMEO";
  const fd = e.fd === undefined ? "the socket" : `fd ${e.fd}`;
  if (e.dontwait === true)
    return `Would block: this call passed MSG_DONTWAIT, so it returned at once instead of waiting (not a ${option} timeout).`;
  if (s.blockingUnknown === true)
    return `Blocking mode unknown: ${fd} was first seen already open (made before this log starts, or by calls the trace does not show), so this EAGAIN is either a non-blocking call that would have waited or a blocking one whose ${option} ran out.`;
  if (s.nonblocking)
    return `Would block: ${fd} is non-blocking (O_NONBLOCK), so the call returned at once instead of waiting (not a ${option} timeout).`;
  const timeout = kind === "rcv" ? s.rcvtimeo : s.sndtimeo;
  if (typeof timeout === "string")
    return `Timed out: ${fd} is blocking and has ${option} ${timeout}; the call waited that long and gave up (a timeout shows as EAGAIN, not ETIMEDOUT).`;
  if (timeout === undefined)
    return `${fd} is blocking, but whether it has ${option} is unknown in this log (it inherited its timeouts from a listener first seen already open): this EAGAIN is its timeout if one was set.`;
  return `${fd} is blocking and the trace shows no ${option} set on it, so this EAGAIN is not a timeout: a call the trace does not show may have made it non-blocking, or the kernel lacked a resource (a free ephemeral port, for instance).`;
}

/** recv(MSG_PEEK): the bytes stay queued. */
function peekNote(e: SyscallEvent): string | undefined {
  if (!RECV_CALLS.has(e.name) || e.errno !== undefined || e.ret === null || e.ret <= 0) return undefined;
  const at = e.spec?.flags;
  if (at === undefined || !hasFlag(e.args[at], "MSG_PEEK", MSG_PEEK)) return undefined;
  return `MSG_PEEK: the ${e.ret} bytes were copied but stay queued; the next read returns them again.`;
}

/** Numbers and facts the kernel really used for this call. `traced`: the facts are the traced machine's. */
export function computedNotes(e: SyscallEvent, facts: MachineFacts, traced: boolean): string[] {
  const notes: string[] = [];
  const add = (note: string | undefined) => {
    if (note !== undefined) notes.push(note);
  };
  if (e.name === "listen" && e.ret === 0) add(backlogNote(e, facts, traced));
  if (e.name === "setsockopt" && e.ret === 0) {
    const option = optionName(e.args[1], e.args[2]);
    if (option !== undefined && /^SO_(SND|RCV)BUF(FORCE)?$/.test(option))
      add(bufferNote(e, option, facts, traced));
  }
  if (e.name === "socket") add(pingNote(e, facts, traced));
  add(eagainNote(e));
  add(peekNote(e));
  return notes;
}
