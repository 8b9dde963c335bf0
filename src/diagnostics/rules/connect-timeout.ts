// connect-timeout: a connection attempt that timed out or was slow (kernel-notes §6a: an
// unanswered SYN is retransmitted after 1 s, 2 s…, and connect finally fails with ETIMEDOUT; a
// full accept queue on the server drops SYNs silently, §4).
//   warning : connect() (or SO_ERROR, or a data call) reported ETIMEDOUT; or a non-blocking connect
//             was still pending when the program closed the socket more than `slowConnectSeconds`
//             later (it gave up waiting);
//   info    : the connect succeeded but took more than `slowConnectSeconds` (the -T duration of a
//             blocking connect, or EINPROGRESS → the call where the program saw the result).
import type { ConnectionEvent, DiagnosticEvent, SyscallEvent } from "../../core/events.js";
import { optionName, soErrorOf } from "../../core/readers.js";
import { DATA_CALLS } from "../../core/syscalls.js";
import { ERRNO_NAMES } from "../../grammar/errno-names.js";
import { describeFd, endOf, formatSeconds, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

/**
 * connect() and the calls that settle a pending one in the model (SO_ERROR, a data call, a
 * shutdown) or report its failure (a data call's ETIMEDOUT).
 */
const CALLS: ReadonlySet<string> = new Set(["connect", "getsockopt", "shutdown", ...DATA_CALLS]);
const EVENTS = new Set(["connection"] as const);

const FIX_TIMEOUT =
  "Check that the host is reachable and that no firewall drops the SYNs to this port; if the server " +
  "is yours, check that its accept queue does not overflow (listen backlog, somaxconn, accept faster: " +
  "`nstat -az TcpExtListenOverflows`). Give connect a deadline that fits the application " +
  "(non-blocking connect + poll timeout, or TCP_USER_TIMEOUT) and retry with a backoff.";
const FIX_SLOW =
  "A connect slower than a second usually means lost SYNs (retransmitted after 1 s, 2 s…): check the " +
  "network path and the server's accept queue (listen backlog, somaxconn, TcpExtListenOverflows).";

function soError(e: SyscallEvent): string | undefined {
  if (e.name !== "getsockopt" || e.ret !== 0 || optionName(e.args[1], e.args[2]) !== "SO_ERROR")
    return undefined;
  return soErrorOf(e.args[3], ERRNO_NAMES);
}

export const connectTimeout: RuleFactory = (options) => {
  const limit = options.slowConnectSeconds;
  /** Non-blocking connects under way: socket id → the EINPROGRESS call. */
  const pending = new Map<number, SyscallEvent>();
  const done = new Set<number>();

  const report = (
    e: SyscallEvent,
    severity: "warning" | "info",
    message: string,
    events: number[],
  ): readonly DiagnosticEvent[] => {
    if (e.socket !== undefined) {
      if (done.has(e.socket.id)) return NONE;
      done.add(e.socket.id);
    }
    return [
      diagnostic({
        code: "connect-timeout",
        severity,
        message,
        fix: severity === "warning" ? FIX_TIMEOUT : FIX_SLOW,
        pid: e.pid,
        ...(e.socket ? { socket: e.socket.id } : {}),
        events,
      }),
    ];
  };

  const onSyscall = (e: SyscallEvent): readonly DiagnosticEvent[] => {
    const id = e.socket?.id;
    if (id === undefined) return NONE;
    // Described only for a report: this runs for every call on a socket.
    const where = () => describeFd(e.fd, e.socket);
    const to = () => (e.socket?.remote ? ` to ${e.socket.remote.text}` : "");
    if (e.name === "connect" && e.errno === "EINPROGRESS") {
      pending.set(id, e);
      return NONE;
    }
    const start = pending.get(id);
    const result = soError(e) ?? (e.name === "connect" ? (e.errno ?? "0") : e.errno);
    const settled = start !== undefined && e.socket?.state !== "connecting";
    if (result === "ETIMEDOUT" && (e.name === "connect" || start !== undefined || soError(e) !== undefined)) {
      pending.delete(id);
      const took =
        e.name === "connect" && e.duration !== undefined ? ` after ${formatSeconds(e.duration)}` : "";
      return report(
        e,
        "warning",
        `The connect of ${where()}${to()} timed out (ETIMEDOUT${took}): the SYN was never answered.`,
        start ? [start.seq, e.seq] : [e.seq],
      );
    }
    if (
      e.name === "connect" &&
      start === undefined &&
      e.ret === 0 &&
      e.duration !== undefined &&
      e.duration > limit
    ) {
      return report(
        e,
        "info",
        `connect(${where()})${to()} took ${formatSeconds(e.duration)} (more than ${limit} s).`,
        [e.seq],
      );
    }
    if (!start || !settled) return NONE;
    pending.delete(id);
    const t0 = start.time;
    const t1 = endOf(e);
    if (t0 === undefined || t1 === undefined || e.socket?.state !== "connected") return NONE;
    const took = t1 - t0;
    if (took <= limit) return NONE;
    return report(
      e,
      "info",
      `The non-blocking connect of ${where()}${to()} took ${formatSeconds(took)} from EINPROGRESS to the ${e.name}() ` +
        `that saw it connected (more than ${limit} s).`,
      [start.seq, e.seq],
    );
  };

  const onConnection = (c: ConnectionEvent): readonly DiagnosticEvent[] => {
    const start = pending.get(c.id);
    pending.delete(c.id);
    done.delete(c.id);
    if (!start || start.time === undefined || c.closed === undefined) return NONE;
    const waited = c.closed - start.time;
    if (waited <= limit) return NONE;
    return report(
      start,
      "warning",
      `The non-blocking connect of ${describeFd(start.fd, start.socket)} never completed: ` +
        (c.release === "exit"
          ? `${processName(c.releasedBy ?? c.pid)} exited ${formatSeconds(waited)} after EINPROGRESS`
          : `the socket was closed ${formatSeconds(waited)} after EINPROGRESS (the program gave up)`) +
        ", with the handshake still unfinished.",
      [start.seq, c.seq],
    );
  };

  return {
    calls: CALLS,
    events: EVENTS,
    push(event) {
      if (event.type === "connection") return onConnection(event);
      return event.type === "syscall" ? onSyscall(event) : NONE;
    },
    flush() {
      return NONE;
    },
  };
};
