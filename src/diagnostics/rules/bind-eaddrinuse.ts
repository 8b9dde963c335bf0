// bind-eaddrinuse (warning): bind() failed with EADDRINUSE (or listen() did: two SO_REUSEADDR
// sockets bound to one port cannot both listen). Names who holds the address when the trace shows
// it — another socket listening on or bound to that port, or a connection this side closed first
// (TIME_WAIT, 60 s) — says whether SO_REUSEADDR/SO_REUSEPORT were set, and what to do
// (kernel-notes §3, §4, §14: SO_REUSEADDR allows binding over TIME_WAIT, never two listeners).
import type { ConnectionEvent, ModelEvent, SocketRef, SyscallEvent } from "../../events/schema.js";
import type { Address } from "../../parse/schema.js";
import { addressOf, optionText } from "../../sockets/args.js";
import { optionName } from "../../sockets/constants.js";
import { describeFd, describeFdShort, elapsed, processName } from "../helpers.js";
import { diagnostic, NONE, type Rule, type RuleOptions } from "../rule.js";

interface Known {
  pid: number;
  fd: number;
  socket: SocketRef;
  reuse: Set<string>;
  /** The bind/listen that gave it its address. */
  seq?: number;
}

interface Closed {
  seq: number;
  pid: number;
  fd: number;
  local: Address;
  transport: string;
  at: number | undefined;
  activeClose: boolean;
}

const TIME_WAIT_SECONDS = 60;
const NOT_HOLDING = new Set(["created", "failed", "closed"]);
const WILDCARDS = new Set(["0.0.0.0", "::", "::ffff:0.0.0.0"]);

function sameAddress(a: Address, b: Address): boolean {
  if (a.path !== undefined || b.path !== undefined) return a.text === b.text;
  if (a.port === undefined || a.port !== b.port) return false;
  return a.ip === b.ip || WILDCARDS.has(a.ip ?? "") || WILDCARDS.has(b.ip ?? "");
}

function reuseText(fd: number | undefined, reuse: Set<string>): string {
  const set = ["SO_REUSEADDR", "SO_REUSEPORT"].filter((o) => reuse.has(o));
  return set.length > 0
    ? `${set.join(" and ")} set on fd ${fd}`
    : `neither SO_REUSEADDR nor SO_REUSEPORT set on fd ${fd}`;
}

export function bindEaddrinuse(_options: RuleOptions): Rule {
  const known = new Map<number, Known>();
  const closed: Closed[] = [];

  const track = (e: SyscallEvent) => {
    const s = e.socket;
    if (s?.id === undefined || e.fd === undefined) return;
    const k = known.get(s.id) ?? { pid: e.pid, fd: e.fd, socket: s, reuse: new Set<string>() };
    k.socket = s;
    if ((e.name === "bind" || e.name === "listen") && e.ret === 0) {
      k.pid = e.pid;
      k.fd = e.fd;
      k.seq ??= e.seq;
    }
    if (e.name === "setsockopt" && e.ret === 0) {
      const name = optionName(e.args[1], e.args[2]);
      if (name === "SO_REUSEADDR" || name === "SO_REUSEPORT") {
        if (Number(optionText(e.args[3])) > 0) k.reuse.add(name);
        else k.reuse.delete(name);
      }
    }
    known.set(s.id, k);
  };

  const forget = (c: ConnectionEvent) => {
    const k = known.get(c.id);
    known.delete(c.id);
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
    const self = e.socket?.id === undefined ? undefined : known.get(e.socket.id);
    const reuse = self?.reuse ?? new Set<string>();
    const transport = e.socket?.transport;
    const call =
      e.name === "bind"
        ? `bind() of ${describeFdShort(e.fd, e.socket)} to ${addr.text}`
        : `listen() on ${describeFd(e.fd, e.socket)}`;
    let message = `${call} failed with EADDRINUSE`;
    let fix: string;
    const events = [e.seq];
    const holders = [...known.entries()].filter(
      ([id, k]) =>
        id !== e.socket?.id &&
        k.socket.transport === transport &&
        k.socket.local !== undefined &&
        sameAddress(k.socket.local, addr) &&
        !NOT_HOLDING.has(k.socket.state ?? "created"),
    );
    const holder = holders.find(([, k]) => k.socket.state === "listening") ?? holders[0];
    const timeWait = closed.filter(
      (c) =>
        c.activeClose &&
        c.transport === transport &&
        sameAddress(c.local, addr) &&
        (c.at === undefined || e.time === undefined || elapsed(c.at, e.time) < TIME_WAIT_SECONDS),
    );
    if (addr.path !== undefined || addr.abstract) {
      message += holder
        ? `: fd ${holder[1].fd} of ${processName(holder[1].pid)} is bound to ${addr.text}.`
        : `: the name ${addr.text} is taken — for a path, the socket file exists (bind never removes it; a file left by an earlier run blocks the next one).`;
      fix =
        "unlink() the socket path before bind() (after making sure no live server uses it), or use another path.";
    } else if (addr.port === 0) {
      message += ": no ephemeral port was free (net.ipv4.ip_local_port_range is exhausted).";
      fix =
        "Close sockets you no longer need (TIME_WAIT connections hold ports for 60 s), or widen net.ipv4.ip_local_port_range.";
    } else if (holder) {
      const [, k] = holder;
      const listening = k.socket.state === "listening";
      message +=
        `: fd ${k.fd} of ${processName(k.pid)} is already ${listening ? "listening on" : "bound to"} ${k.socket.local?.text} ` +
        `(${reuseText(k.fd, k.reuse)}; ${reuseText(e.fd, reuse)}).`;
      if (k.seq !== undefined) events.unshift(k.seq);
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
      fix = reuse.has("SO_REUSEADDR")
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
      ...(e.socket?.id !== undefined ? { socket: e.socket.id } : {}),
      events,
    });
  };

  return {
    push(event: ModelEvent) {
      if (event.type === "connection") {
        forget(event);
        return NONE;
      }
      if (event.type !== "syscall") return NONE;
      track(event);
      if (event.errno !== "EADDRINUSE") return NONE;
      const addr =
        event.name === "bind"
          ? addressOf(event.args[1])
          : event.name === "listen"
            ? event.socket?.local
            : undefined;
      return addr ? [onFailure(event, addr)] : [];
    },
    flush() {
      return NONE;
    },
  };
}
