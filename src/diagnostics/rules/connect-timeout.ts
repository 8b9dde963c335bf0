// connect-timeout: a connection attempt that timed out or was slow (kernel-notes §6a: an
// unanswered SYN is retransmitted after 1 s, 2 s…, and connect finally fails with ETIMEDOUT; a
// full accept queue on the server drops SYNs silently, §4).
//   warning : connect() (or SO_ERROR, or a data call) reported ETIMEDOUT; or a non-blocking connect
//             was still pending when the program closed the socket more than `slowConnectSeconds`
//             later (it gave up waiting);
//   info    : the connect succeeded but took more than `slowConnectSeconds` (the -T duration of a
//             blocking connect, or EINPROGRESS → the call where the program saw the result).
import type { ConnectionEvent, DiagnosticEvent, ModelEvent, SyscallEvent } from "../../events/schema.js";
import { ERRNO_NAMES } from "../../parse/errno-names.js";
import { soErrorOf } from "../../sockets/args.js";
import { optionName } from "../../sockets/constants.js";
import { describeFd, elapsed, endOf, formatSeconds, processName } from "../helpers.js";
import { diagnostic, NONE, type Rule, type RuleOptions } from "../rule.js";

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

export function connectTimeout(options: RuleOptions): Rule {
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
    if (e.socket?.id !== undefined) {
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
        ...(e.socket?.id !== undefined ? { socket: e.socket.id } : {}),
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
    const settled = start !== undefined && e.socket?.state !== "connecting" && e.socket?.state !== undefined;
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
    const took = elapsed(t0, t1);
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
    const waited = elapsed(start.time, c.closed);
    if (waited <= limit) return NONE;
    return report(
      start,
      "warning",
      `The non-blocking connect of ${describeFd(start.fd, start.socket)} never completed: ` +
        (c.outcome === "open-at-exit"
          ? `${processName(c.pid)} exited ${formatSeconds(waited)} after EINPROGRESS`
          : `the socket was closed ${formatSeconds(waited)} after EINPROGRESS (the program gave up)`) +
        ", with the handshake still unfinished.",
      [start.seq, c.seq],
    );
  };

  return {
    push(event: ModelEvent) {
      if (event.type === "connection") return onConnection(event);
      return event.type === "syscall" ? onSyscall(event) : [];
    },
    flush() {
      return NONE;
    },
  };
}
