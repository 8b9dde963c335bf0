// epipe-sigpipe: a write/send on a socket failed with EPIPE. The kernel also raises SIGPIPE unless
// the call passed MSG_NOSIGNAL (write() cannot), and SIGPIPE's default action kills the process
// (kernel-notes §8, §17). The verdict waits for what follows the call in the same pid: the
// `--- SIGPIPE` line, then either `+++ killed by SIGPIPE +++` or the next call (it survived).
//   error   : SIGPIPE killed the process;
//   warning : the socket was never connected (Linux says EPIPE, not ENOTCONN), or the program kept
//             writing after an earlier call on the socket already failed (ECONNRESET/EPIPE);
//   info    : SIGPIPE was delivered and the process survived (ignored or handled).
// An EPIPE with no signal on a connected socket and no earlier error (MSG_NOSIGNAL, and the peer
// went away: the program handles it) is not reported.
import type { DiagnosticEvent, SyscallEvent } from "../../core/events.js";
import { hasFlag } from "../../core/readers.js";
import { RECV_CALLS, SEND_CALLS } from "../../core/syscalls.js";
import { BYTE_STREAMS } from "../../core/vocabulary.js";
import { describeFd, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

const MSG_NOSIGNAL = 0x4000;
// Every call: the verdict on a pending EPIPE comes with the next call of its pid (it survived).
const EVENTS = new Set(["connection", "signal", "exit"] as const);
const FATAL_BEFORE = new Set(["ECONNRESET", "EPIPE"]);

interface Pending {
  call: SyscallEvent;
  signal?: number;
  noSignalFlag: boolean;
  neverConnected: boolean;
  /** An earlier failed call on the same socket, and the peer's FIN (a read returned 0). */
  earlierError?: { seq: number; errno: string; name: string };
  eof?: number;
}

interface SocketHistory {
  error?: { seq: number; errno: string; name: string };
  eof?: number;
}

const FIX =
  "Pass MSG_NOSIGNAL to send()/sendto()/sendmsg() (write() cannot take flags) or ignore SIGPIPE " +
  "(signal(SIGPIPE, SIG_IGN)) and handle the EPIPE return; stop writing to a socket once a read " +
  "returned 0 (the peer's FIN) or a call failed with ECONNRESET/EPIPE, and close it.";

const FIX_UNCONNECTED =
  "Send only after connect() succeeded (check its result, or SO_ERROR after a non-blocking connect); " +
  "pass MSG_NOSIGNAL or ignore SIGPIPE so that a send on a dead socket returns EPIPE instead of " +
  "killing the process.";

export const epipeSigpipe: RuleFactory = () => {
  const pending = new Map<number, Pending>();
  const history = new Map<number, SocketHistory>();

  const report = (p: Pending, killed: boolean): readonly DiagnosticEvent[] => {
    const e = p.call;
    const where = describeFd(e.fd, e.socket);
    const events = [p.earlierError?.seq, p.eof, e.seq, p.signal].filter((x): x is number => x !== undefined);
    events.sort((a, b) => a - b);
    const context = p.earlierError
      ? ` after an earlier ${p.earlierError.name}() on it had already failed with ${p.earlierError.errno}`
      : p.eof !== undefined
        ? " after a read on it had returned 0 (the peer's FIN)"
        : "";
    const signal =
      p.signal !== undefined ? "SIGPIPE was raised" : p.noSignalFlag ? "MSG_NOSIGNAL kept SIGPIPE away" : "";
    let severity: "error" | "warning" | "info";
    let what: string;
    let fix = FIX;
    if (killed) {
      severity = "error";
      what = `${e.name}() on ${where} failed with EPIPE${context}, and the SIGPIPE it raised killed ${processName(e.pid)}.`;
    } else if (p.neverConnected) {
      severity = "warning";
      what =
        `${e.name}() on ${where} failed with EPIPE: the socket was never connected (Linux returns EPIPE ` +
        `here, not ENOTCONN)${signal ? `; ${signal}` : ""}.`;
      fix = FIX_UNCONNECTED;
    } else if (p.earlierError) {
      severity = "warning";
      what =
        `${e.name}() on ${where} failed with EPIPE: the program kept writing${context}` +
        `${p.signal !== undefined ? `; SIGPIPE was delivered and ${processName(e.pid)} survived it` : ""}.`;
    } else if (p.signal !== undefined) {
      severity = "info";
      what =
        `${e.name}() on ${where} failed with EPIPE${context || " (the peer closed or reset the connection)"}; ` +
        `SIGPIPE was delivered and ${processName(e.pid)} survived it (ignored or handled).`;
    } else return NONE;
    return [
      diagnostic({
        code: "epipe-sigpipe",
        severity,
        message: what,
        fix,
        pid: e.pid,
        ...(e.socket ? { socket: e.socket.id } : {}),
        events,
      }),
    ];
  };

  const settle = (pid: number, killed: boolean): readonly DiagnosticEvent[] => {
    const p = pending.get(pid);
    if (!p) return NONE;
    pending.delete(pid);
    return report(p, killed);
  };

  const remember = (e: SyscallEvent) => {
    const id = e.socket?.id;
    if (id === undefined) return;
    const h = history.get(id) ?? {};
    if (e.errno && FATAL_BEFORE.has(e.errno) && h.error === undefined)
      h.error = { seq: e.seq, errno: e.errno, name: e.name };
    // A read of 0 bytes on a byte stream: the peer's FIN (recvmmsg returns a message count).
    const stream = e.socket !== undefined && BYTE_STREAMS.has(e.socket.transport);
    if (e.ret === 0 && stream && RECV_CALLS.has(e.name) && e.spec?.bytes === "ret") h.eof ??= e.seq;
    history.set(id, h);
  };

  return {
    calls: "all",
    events: EVENTS,
    push(event) {
      if (event.type === "connection") {
        history.delete(event.id);
        return NONE;
      }
      if (event.type === "signal") {
        const p = pending.get(event.pid);
        if (p && event.signal === "SIGPIPE" && p.signal === undefined) p.signal = event.seq;
        return NONE;
      }
      if (event.type === "exit") return settle(event.pid, event.signal === "SIGPIPE");
      if (event.type !== "syscall") return NONE;
      const out = settle(event.pid, false);
      if (event.errno === "EPIPE" && SEND_CALLS.has(event.name) && event.socket !== undefined) {
        const h = history.get(event.socket.id) ?? {};
        const state = event.socket.state;
        const p: Pending = {
          call: event,
          noSignalFlag:
            event.spec?.flags !== undefined &&
            hasFlag(event.args[event.spec.flags], "MSG_NOSIGNAL", MSG_NOSIGNAL),
          neverConnected: state === "created" || state === "bound",
        };
        if (h.error) p.earlierError = h.error;
        if (h.eof !== undefined) p.eof = h.eof;
        pending.set(event.pid, p);
      }
      remember(event);
      return out;
    },
    flush() {
      return [...pending.keys()].flatMap((pid) => settle(pid, false));
    },
  };
};
