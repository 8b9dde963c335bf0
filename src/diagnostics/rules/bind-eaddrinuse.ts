// bind-eaddrinuse (warning): bind() failed with EADDRINUSE (or listen() did: two SO_REUSEADDR
// sockets bound to one port cannot both listen). Names who holds the address when the trace shows
// it — another socket listening on or bound to that port, or a connection this side closed first
// (TIME_WAIT, 60 s) — says whether SO_REUSEADDR/SO_REUSEPORT were set, and what to do
// (kernel-notes §3, §4, §14: SO_REUSEADDR allows binding over TIME_WAIT, never two listeners).
import type { ConnectionEvent, SyscallEvent } from "../../core/events.js";
import type { ModelView, SocketFacts } from "../../core/model-view.js";
import { addressOf } from "../../core/readers.js";
import type { Address } from "../../core/values.js";
import type { SocketState, Transport } from "../../core/vocabulary.js";
import { describeFd, describeFdShort, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

/** The call that gave a socket its address: who made it, on which fd (the rule's pointer for its report). */
interface Binder {
  pid: number;
  fd: number;
  /** The first bind/listen that succeeded on it. */
  seq: number;
}

interface Closed {
  seq: number;
  pid: number;
  fd: number;
  local: Address;
  transport: Transport;
  at: number | undefined;
  activeClose: boolean;
}

const TIME_WAIT_SECONDS = 60;
const NOT_HOLDING: ReadonlySet<SocketState> = new Set(["created", "failed", "closed"]);
const WILDCARDS = new Set(["0.0.0.0", "::", "::ffff:0.0.0.0"]);

function sameAddress(a: Address, b: Address): boolean {
  if (a.path !== undefined || b.path !== undefined) return a.text === b.text;
  if (a.port === undefined || a.port !== b.port) return false;
  return a.ip === b.ip || WILDCARDS.has(a.ip ?? "") || WILDCARDS.has(b.ip ?? "");
}

const CALLS: ReadonlySet<string> = new Set(["bind", "listen"]);
const EVENTS = new Set(["connection"] as const);

/** Whether a boolean socket option (from the model's options, by name) is on. */
function isSet(options: Readonly<Record<string, string>> | undefined, name: string): boolean {
  const v = options?.[name];
  return v !== undefined && Number(v) > 0;
}

function reuseText(fd: number | undefined, options: Readonly<Record<string, string>> | undefined): string {
  const set = ["SO_REUSEADDR", "SO_REUSEPORT"].filter((o) => isSet(options, o));
  return set.length > 0
    ? `${set.join(" and ")} set on fd ${fd}`
    : `neither SO_REUSEADDR nor SO_REUSEPORT set on fd ${fd}`;
}

/** The sockets open now, in the order the trace first showed them. */
function openSockets(view: ModelView): SocketFacts[] {
  return [...view.sockets()].sort((a, b) => a.id - b.id);
}

export const bindEaddrinuse: RuleFactory = (_options, view) => {
  /** Socket id → the bind/listen that gave it its address (for the report's fd, pid and events). */
  const binders = new Map<number, Binder>();
  /** TCP sockets already gone (the model forgets them): candidates for TIME_WAIT. */
  const closed: Closed[] = [];

  const bound = (e: SyscallEvent) => {
    if (e.socket === undefined || e.fd === undefined) return;
    const before = binders.get(e.socket.id);
    binders.set(e.socket.id, { pid: e.pid, fd: e.fd, seq: before?.seq ?? e.seq });
  };

  const forget = (c: ConnectionEvent) => {
    const k = binders.get(c.id);
    binders.delete(c.id);
    if (c.transport !== "tcp" || !c.local || c.role === "listener") return;
    // The side that closes first (before the peer's FIN) keeps the 4-tuple in TIME_WAIT; an abort
    // (RST received, or SO_LINGER {1, 0}) leaves none.
    const aborted = c.outcome === "reset" || /l_onoff=1, l_linger=0/.test(c.options.SO_LINGER ?? "");
    const activeClose = !aborted && (c.state === "connected" || c.state === "half-closed-write");
    const { seq, local, transport, closed: at } = c;
    closed.push({ seq, pid: k?.pid ?? c.pid, fd: k?.fd ?? c.fd, local, transport, at, activeClose });
    if (closed.length > 256) closed.shift();
  };

  const onFailure = (e: SyscallEvent, addr: Address) => {
    const selfId = e.socket?.id;
    const reuse = selfId === undefined ? undefined : view.socket(selfId)?.options;
    const transport = e.socket?.transport;
    const call =
      e.name === "bind"
        ? `bind() of ${describeFdShort(e.fd, e.socket)} to ${addr.text}`
        : `listen() on ${describeFd(e.fd, e.socket)}`;
    let message = `${call} failed with EADDRINUSE`;
    let fix: string;
    const events = [e.seq];
    const holders = openSockets(view).filter(
      (s) =>
        s.id !== selfId &&
        s.transport === transport &&
        s.local !== undefined &&
        sameAddress(s.local, addr) &&
        !NOT_HOLDING.has(s.state),
    );
    const holding = holders.find((s) => s.state === "listening") ?? holders[0];
    const timeWait = closed.filter(
      (c) =>
        c.activeClose &&
        c.transport === transport &&
        sameAddress(c.local, addr) &&
        (c.at === undefined || e.time === undefined || e.time - c.at < TIME_WAIT_SECONDS),
    );
    if (addr.path !== undefined || addr.abstract) {
      const who = holding && (binders.get(holding.id) ?? holding);
      message += who
        ? `: fd ${who.fd} of ${processName(who.pid)} is bound to ${addr.text}.`
        : `: the name ${addr.text} is taken — for a path, the socket file exists (bind never removes it; a file left by an earlier run blocks the next one).`;
      fix =
        "unlink() the socket path before bind() (after making sure no live server uses it), or use another path.";
    } else if (addr.port === 0) {
      message += ": no ephemeral port was free (net.ipv4.ip_local_port_range is exhausted).";
      fix =
        "Close sockets you no longer need (TIME_WAIT connections hold ports for 60 s), or widen net.ipv4.ip_local_port_range.";
    } else if (holding) {
      const binder = binders.get(holding.id);
      const { pid, fd } = binder ?? holding;
      const listening = holding.state === "listening";
      message +=
        `: fd ${fd} of ${processName(pid)} is already ${listening ? "listening on" : "bound to"} ${holding.local?.text} ` +
        `(${reuseText(fd, holding.options)}; ${reuseText(e.fd, reuse)}).`;
      if (binder !== undefined) events.unshift(binder.seq);
      fix = listening
        ? `A live listener owns port ${addr.port}: use another port (or port 0 and getsockname()), or stop the other server first. ` +
          "SO_REUSEADDR never lets two sockets listen on one port on Linux; if several listeners are intended " +
          "(to spread connections), set SO_REUSEPORT on every one of them before bind()."
        : `Port ${addr.port} is bound by another socket: close it, use another port, or set SO_REUSEADDR on both ` +
          "sockets before bind() (they may share the address as long as neither listens).";
    } else if (timeWait.length > 0) {
      const t = timeWait[timeWait.length - 1] as Closed;
      events.unshift(t.seq);
      message +=
        `: a connection on ${t.local.text} (fd ${t.fd} of ${processName(t.pid)}) was closed by this side before ` +
        `the peer's FIN showed, so it is most likely in TIME_WAIT for 60 s and keeps the port (${reuseText(e.fd, reuse)}).`;
      fix = isSet(reuse, "SO_REUSEADDR")
        ? "SO_REUSEADDR is set, so TIME_WAIT alone does not explain it: another socket (perhaps in another process) holds the port; find it with `ss -tanp`."
        : "Set SO_REUSEADDR on the socket before bind(): it allows binding over connections in TIME_WAIT.";
    } else {
      message +=
        `: no socket in this trace holds ${addr.text}, so another process does, or connections of an earlier run ` +
        `are in TIME_WAIT (${reuseText(e.fd, reuse)}).`;
      fix =
        `Find the owner with \`ss -tanp 'sport = :${addr.port}'\`. TIME_WAIT only: set SO_REUSEADDR before bind(). ` +
        "A live listener: stop it or use another port. Several listeners on purpose: SO_REUSEPORT on all of them.";
    }
    return diagnostic({
      code: "bind-eaddrinuse",
      severity: "warning",
      message,
      fix,
      pid: e.pid,
      ...(e.socket ? { socket: e.socket.id } : {}),
      events,
    });
  };

  return {
    calls: CALLS,
    events: EVENTS,
    push(event) {
      if (event.type === "connection") {
        forget(event);
        return NONE;
      }
      if (event.type !== "syscall") return NONE;
      if (event.ret === 0) bound(event);
      if (event.errno !== "EADDRINUSE") return NONE;
      const addr =
        event.name === "bind"
          ? addressOf(event.args[1])
          : event.name === "listen"
            ? event.socket?.local
            : undefined;
      return addr ? [onFailure(event, addr)] : NONE;
    },
    flush() {
      return NONE;
    },
  };
};
