// Texts fitted to a call's arguments, where the catalogue's case texts speak of every call alike:
// what a setsockopt option does with the value given (SO_LINGER {1, 0} resets on close, a timeout
// of {0, 0} is none), sendmmsg with vlen 0 (nothing sent, nothing bound);
// and, when the call lands on the generic path, why.
import type { CallFacts } from "../catalogue/kernel-paths.js";
import type { OptionEntry, Path, PathSet } from "../catalogue/schema.js";
import type { SyscallEvent } from "../core/events.js";
import { after, optionText } from "../core/readers.js";
import type { Value } from "../core/values.js";
import { timevalOf, timevalText } from "../grammar/timeval.js";

function field(v: Value | undefined, name: string): number | undefined {
  const s = after(v);
  const f = s?.kind === "struct" ? s.fields[name] : undefined;
  return f?.kind === "num" ? f.value : undefined;
}

function intValue(v: Value | undefined): number | undefined {
  const s = after(v);
  const inner = s?.kind === "array" ? s.items[0] : s;
  return inner?.kind === "num" ? inner.value : undefined;
}

/** On/off options: a value of 0 turns them off, anything else on. */
const SWITCHES = new Set([
  "SO_REUSEADDR",
  "SO_REUSEPORT",
  "SO_KEEPALIVE",
  "SO_BROADCAST",
  "SO_OOBINLINE",
  "SO_DONTROUTE",
  "SO_PASSCRED",
  "SO_ZEROCOPY",
  "TCP_NODELAY",
  "TCP_CORK",
  "TCP_QUICKACK",
  "TCP_FASTOPEN_CONNECT",
  "IPV6_V6ONLY",
  "IP_FREEBIND",
  "IP_TRANSPARENT",
  "IP_RECVERR",
  "IPV6_RECVERR",
  "IP_PKTINFO",
  "IPV6_RECVPKTINFO",
  "IP_MULTICAST_LOOP",
]);

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A timeval's effect as sock_set_timeout (net/core/sock.c) reads it. */
function timeoutEffect(option: string, v: Value | undefined): string | undefined {
  const t = timevalOf(v);
  if (t === undefined) return undefined;
  const { sec, usec } = t;
  const what = option === "SO_RCVTIMEO" ? "receive (recv, read, accept)" : "send (and AF_UNIX connect)";
  if (usec < 0 || usec >= 1_000_000) return "tv_usec out of range: the kernel refuses it with EDOM.";
  if (sec < 0)
    return `a negative time is a timeout of 0: every blocking ${what} now fails with EAGAIN at once.`;
  if (sec === 0 && usec === 0)
    return `{0, 0} means no timeout: a blocking ${what} waits as long as it takes.`;
  const ms = sec * 1000 + usec / 1000;
  return `a blocking ${what} that waits longer than ${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`} now fails with EAGAIN (not ETIMEDOUT).`;
}

/** SO_LINGER's effect on the close() to come (__tcp_close, net/ipv4/tcp.c). */
function lingerEffect(v: Value | undefined, tcp: boolean): string | undefined {
  const on = field(v, "l_onoff");
  const time = field(v, "l_linger");
  if (on === undefined || time === undefined) return undefined;
  if (!tcp) return "only TCP uses the linger setting; on this socket it is stored and ignored.";
  if (on === 0)
    return "linger off (the default): close() returns at once and the kernel finishes the close (FIN) in the background.";
  if (time === 0)
    return "close() will abort the connection: it sends RST instead of FIN, drops unsent data and skips TIME_WAIT; the peer's next call fails with ECONNRESET.";
  return `close() will wait up to ${time} s for unsent data and the FIN to be acknowledged (it still returns 0 when the time runs out).`;
}

/** What setting this option to this value does: the summary of a successful setsockopt. */
export function optionSummary(
  e: SyscallEvent,
  option: string,
  entry: OptionEntry | undefined,
): string | undefined {
  const fd = e.fd === undefined ? "the socket" : `fd ${e.fd}`;
  const t = option === "SO_RCVTIMEO" || option === "SO_SNDTIMEO" ? timevalOf(e.args[3]) : undefined;
  const value = t === undefined ? optionText(e.args[3]) : timevalText(t);
  const tcp = e.socket?.transport === "tcp";
  let effect: string | undefined;
  if (option === "SO_LINGER") effect = lingerEffect(e.args[3], tcp);
  else if (option === "SO_RCVTIMEO" || option === "SO_SNDTIMEO") effect = timeoutEffect(option, e.args[3]);
  else if (option === "SO_SNDBUF" || option === "SO_RCVBUF") {
    const field = option === "SO_SNDBUF" ? "sk_sndbuf" : "sk_rcvbuf";
    const sysctl = option === "SO_SNDBUF" ? "net.core.wmem_max" : "net.core.rmem_max";
    effect = `the kernel sets the ${option === "SO_SNDBUF" ? "send" : "receive"} buffer limit (${field}) to twice the value, capped by ${sysctl} and never below a floor, and${tcp ? "" : " for TCP"} stops auto-tuning it.`;
  } else if (SWITCHES.has(option)) {
    const n = intValue(e.args[3]);
    if (n === 0) return `${option} turned off on ${fd}.`;
    if (n !== undefined && entry !== undefined) effect = `turned on: ${lowerFirst(entry.summary)}`;
  }
  if (effect === undefined && entry !== undefined) effect = lowerFirst(entry.summary);
  if (effect === undefined) return undefined;
  return `${option} ${value} on ${fd}: ${effect}`;
}

/** sendmmsg/recvmmsg with vlen 0: the kernel's loop runs no message. */
export function mmsgSummary(e: SyscallEvent): string | undefined {
  if (e.name !== "sendmmsg" && e.name !== "recvmmsg") return undefined;
  const vlen = e.args[2];
  if (vlen?.kind !== "num" || vlen.value !== 0 || e.ret !== 0) return undefined;
  return e.name === "sendmmsg"
    ? `sendmmsg with vlen 0 on ${e.fd === undefined ? "the socket" : `fd ${e.fd}`}: __sys_sendmmsg loops over no message, so nothing was sent and an unbound socket stays unbound.`
    : `recvmmsg with vlen 0 on ${e.fd === undefined ? "the socket" : `fd ${e.fd}`}: no message was asked for, so none was received.`;
}

/** Whether `path` is its set's generic path, the one with an empty `when`. */
function isGeneric(set: PathSet, path: Path): boolean {
  return path === set.paths[set.paths.length - 1] && Object.keys(path.when).length === 0;
}

/**
 * When a call on a socket lands on the generic path although the set has specific ones: why, in
 * terms of what the trace did not show.
 */
export function genericPathNote(
  e: SyscallEvent,
  set: PathSet,
  path: Path,
  facts: CallFacts,
): string | undefined {
  if (set.paths.length < 2 || !isGeneric(set, path)) return undefined;
  const s = e.socket ?? e.newSocket;
  if (s === undefined) return undefined;
  const before = s.blockingUnknown === true ? "the socket was created before this log starts" : undefined;
  const missing: string[] = [];
  if (facts.family === undefined)
    missing.push(`family unknown: ${before ?? "the trace does not show it"} (strace -yy names it)`);
  if (facts.transport === undefined && facts.family !== undefined) missing.push("protocol unknown");
  // socket() and socketpair() make the socket: there is no state before them.
  if (facts.state === undefined && e.name !== "socket" && e.name !== "socketpair")
    missing.push("its state before the call is unknown");
  const reason =
    missing.length > 0
      ? missing.join("; ")
      : `no path of ${e.name} in the catalogue fits a ${facts.transport ?? "socket"} (${facts.family}) in state ${facts.state} with result ${facts.result}`;
  return `Generic path: ${reason}, so only what every socket's ${e.name}() does is told.`;
}
