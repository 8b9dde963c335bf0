// close-wait-leak: a read on a TCP socket returned 0 (the peer's FIN: kernel-notes §9), so the
// kernel moved the connection to CLOSE_WAIT, where it stays until this side closes (or shuts down
// its sending side). Fires (warning) when the socket then stayed open, idle, for more than
// `closeWaitSeconds` — until its last close, the process exit, or the end of the trace.
// Writes after the FIN restart the clock (a half-close protocol: the program is still answering);
// shutdown(SHUT_WR/SHUT_RDWR) ends CLOSE_WAIT; after our own shutdown() a read of 0 is not the
// start of CLOSE_WAIT (SHUT_RD makes reads return 0; after SHUT_WR the peer's FIN leads to TIME_WAIT).
// Needs timestamps (-t/-tt/-ttt): without them it stays silent.
import { assertNever } from "../../core/assert-never.js";
import type { ConnectionEvent, DiagnosticEvent, SyscallEvent } from "../../core/events.js";
import { requestedBytes, shutdownHow } from "../../core/readers.js";
import { RECV_CALLS, SEND_CALLS } from "../../core/syscalls.js";
import type { Release } from "../../core/vocabulary.js";
import { describeFd, endOf, formatSeconds, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

interface Eof {
  call: SyscallEvent;
  /** When the clock started: the FIN read, or the last write after it. */
  since: number;
  closes: SyscallEvent[];
  /** The latest call on the socket: a close that is the latest one released it. */
  last?: SyscallEvent;
}

const FIX =
  "Close the socket as soon as a read returns 0 (after sending anything still owed to the peer). " +
  "In a forking server, close the parent's copy of each accepted fd right after fork(); with " +
  "poll/epoll, treat POLLRDHUP/POLLHUP/EPOLLRDHUP as the end of the connection.";

// Every call: the idle time of a socket still open when the trace ends runs to the last timestamp
// of the trace, whatever line carries it (signals, exits and notes too).
const EVENTS = new Set(["connection", "exit", "signal", "note"] as const);

function until(release: Release): string {
  switch (release) {
    case "close":
    case "exec":
      return "until it was closed";
    case "exit":
      return "until the process exited (it never closed it)";
    case "end-of-trace":
      return "until the end of the trace";
    default:
      return assertNever(release, "release");
  }
}

export const closeWaitLeak: RuleFactory = (options) => {
  const open = new Map<number, Eof>();
  /** Sockets this side shut down before any FIN: a later read of 0 is not CLOSE_WAIT. */
  const shut = new Set<number>();
  let lastTime: number | undefined;

  const onSyscall = (e: SyscallEvent) => {
    const s = e.socket;
    if (s === undefined || s.transport !== "tcp") return;
    const eof = open.get(s.id);
    if (e.name === "shutdown" && e.ret === 0) {
      // Before the FIN: a later 0 may be our own SHUT_RD, and after our SHUT_WR there is no
      // CLOSE_WAIT. After it: our FIN ends CLOSE_WAIT (LAST_ACK).
      if (!eof) shut.add(s.id);
      else if (shutdownHow(e.args[1]) !== "SHUT_RD") open.delete(s.id);
      return;
    }
    if (eof) {
      eof.last = e;
      const end = endOf(e);
      if (SEND_CALLS.has(e.name) && (e.transfer?.out ?? 0) > 0 && end !== undefined) eof.since = end;
      if (e.name === "close" && e.ret === 0) eof.closes.push(e);
      return;
    }
    // A read of 0 bytes (recvmmsg returns a message count: not one).
    if (!RECV_CALLS.has(e.name) || e.spec?.bytes !== "ret" || e.ret !== 0 || shut.has(s.id)) return;
    // A read that asked for 0 bytes returns 0 without meaning EOF.
    if (e.spec !== undefined && requestedBytes(e.spec, e.args) === 0) return;
    if (s.state !== "half-closed-read" && s.state !== "half-closed-both") return;
    const since = endOf(e);
    if (since === undefined) return;
    open.set(s.id, { call: e, since, closes: [] });
  };

  const onConnection = (c: ConnectionEvent): readonly DiagnosticEvent[] => {
    shut.delete(c.id);
    const eof = open.get(c.id);
    if (!eof) return NONE;
    open.delete(c.id);
    const end = c.closed ?? lastTime;
    if (end === undefined) return NONE;
    const idle = end - eof.since;
    if (idle <= options.closeWaitSeconds) return NONE;
    const e = eof.call;
    // The close that released the socket is its latest call.
    const releasing = c.release === "close" ? eof.last : undefined;
    const early = eof.closes.find((x) => x !== releasing);
    const held = early
      ? ` After the FIN, ${processName(early.pid)} closed fd ${early.fd}, but another descriptor (a dup or a forked copy) still held the socket.`
      : "";
    const idleWhat = eof.since === endOf(e) ? "" : " after its last write";
    return [
      diagnostic({
        code: "close-wait-leak",
        severity: "warning",
        message:
          `${e.name}() on ${describeFd(e.fd, e.socket)} in ${processName(e.pid)} returned 0: the peer closed ` +
          `the connection. The socket stayed open${idleWhat} for ${formatSeconds(idle)} more, ${until(c.release)}, ` +
          `with the connection in CLOSE_WAIT all that time.${held}`,
        fix: FIX,
        pid: e.pid,
        socket: c.id,
        events: [e.seq, ...eof.closes.map((x) => x.seq)],
      }),
    ];
  };

  return {
    calls: "all",
    events: EVENTS,
    push(event) {
      if (event.type === "connection") return onConnection(event);
      if (
        event.type === "syscall" ||
        event.type === "exit" ||
        event.type === "signal" ||
        event.type === "note"
      ) {
        const t = event.type === "syscall" ? (endOf(event) ?? event.time) : event.time;
        if (t !== undefined && (lastTime === undefined || t > lastTime)) lastTime = t;
      }
      if (event.type === "syscall") onSyscall(event);
      return NONE;
    },
    flush() {
      return NONE;
    },
  };
};
