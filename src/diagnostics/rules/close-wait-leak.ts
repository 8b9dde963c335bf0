// close-wait-leak: a read on a TCP socket returned 0 (the peer's FIN: kernel-notes §9), so the
// kernel moved the connection to CLOSE_WAIT, where it stays until this side closes (or shuts down
// its sending side). Fires (warning) when the socket then stayed open, idle, for more than
// `closeWaitSeconds` — until its last close, the process exit, or the end of the trace.
// Writes after the FIN restart the clock (a half-close protocol: the program is still answering);
// shutdown(SHUT_WR/SHUT_RDWR) ends CLOSE_WAIT; after our own shutdown() a read of 0 is not the
// start of CLOSE_WAIT (SHUT_RD makes reads return 0; after SHUT_WR the peer's FIN leads to TIME_WAIT).
// Needs timestamps (-t/-tt/-ttt): without them it stays silent.
import type { ConnectionEvent, DiagnosticEvent, ModelEvent, SyscallEvent } from "../../events/schema.js";
import { shutdownHow } from "../../sockets/constants.js";
import {
  describeFd,
  elapsed,
  endOf,
  formatSeconds,
  processName,
  RECV_CALLS,
  readCapacity,
  SEND_CALLS,
} from "../helpers.js";
import { diagnostic, NONE, type Rule, type RuleOptions } from "../rule.js";

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

export function closeWaitLeak(options: RuleOptions): Rule {
  const open = new Map<number, Eof>();
  const shut = new Set<number>();
  let lastTime: number | undefined;

  const onSyscall = (e: SyscallEvent) => {
    const s = e.socket;
    if (s?.id === undefined || s.transport !== "tcp") return;
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
      if (SEND_CALLS.has(e.name) && e.ret !== null && e.ret > 0 && end !== undefined) eof.since = end;
      if (e.name === "close" && e.ret === 0) eof.closes.push(e);
      return;
    }
    if (!RECV_CALLS.has(e.name) || e.name === "recvmmsg" || e.ret !== 0 || shut.has(s.id)) return;
    if (readCapacity(e) === 0) return;
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
    const idle = elapsed(eof.since, end);
    if (idle <= options.closeWaitSeconds) return NONE;
    const e = eof.call;
    const until =
      c.outcome !== "open-at-exit"
        ? "until it was closed"
        : c.closed !== undefined
          ? "until the process exited (it never closed it)"
          : "until the end of the trace";
    // The close that released the socket is its latest call (unless an exit released it).
    const releasing = c.outcome === "open-at-exit" ? undefined : eof.last;
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
          `the connection. The socket stayed open${idleWhat} for ${formatSeconds(idle)} more, ${until}, ` +
          `with the connection in CLOSE_WAIT all that time.${held}`,
        fix: FIX,
        pid: e.pid,
        socket: c.id,
        events: [e.seq, ...eof.closes.map((x) => x.seq)],
      }),
    ];
  };

  return {
    push(event: ModelEvent) {
      if (event.type === "connection") return onConnection(event);
      if ("time" in event && event.time !== undefined) {
        const t = event.type === "syscall" ? (endOf(event) ?? event.time) : event.time;
        if (lastTime === undefined || elapsed(lastTime, t) > 0) lastTime = t;
      }
      if (event.type === "syscall") onSyscall(event);
      return NONE;
    },
    flush() {
      return NONE;
    },
  };
}
