// partial-write (warning): a write/send on a byte-stream socket (TCP, unix stream) returned fewer
// bytes than it was asked to send — normal when the send buffer is full (kernel-notes §8: the
// return is what fit in sk_sndbuf) — and the program never wrote to that socket again before it
// was closed or the process exited: the rest of the data was silently dropped.
// Any later write on the socket (whatever its result) counts as handling the short count. A trace
// that ends while the socket is still open says nothing about what came next: no report.
import { assertNever } from "../../core/assert-never.js";
import type { ConnectionEvent, DiagnosticEvent, SyscallEvent } from "../../core/events.js";
import { requestedBytes } from "../../core/readers.js";
import { FD_CALLS, SEND_CALLS } from "../../core/syscalls.js";
import { BYTE_STREAMS } from "../../core/vocabulary.js";
import { describeFd, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

interface Short {
  call: SyscallEvent;
  asked: number;
  sent: number;
}

const FIX =
  "Treat a short count as normal: keep sending the rest in a loop (advance the buffer by the bytes " +
  "sent). On a non-blocking socket, when send() returns less or fails with EAGAIN, wait for POLLOUT " +
  "(poll/epoll) and continue; close only after everything was written.";

// Every call on an fd: the report points at the socket's last call (the close that ended it, or
// whatever the program did last before exiting).
const CALLS = FD_CALLS;
const EVENTS = new Set(["connection"] as const);

export const partialWrite: RuleFactory = () => {
  const shorts = new Map<number, Short>();
  /** Socket id → its latest call, while a short write on it is unanswered. */
  const lastCall = new Map<number, SyscallEvent>();

  const ended = (c: ConnectionEvent, last: SyscallEvent | undefined): string => {
    switch (c.release) {
      case "close":
        return last?.name === "close"
          ? `the socket was closed (fd ${last.fd}, ${processName(last.pid)})`
          : "the socket was closed";
      case "exec":
        return "the socket was closed";
      case "exit":
        return `${processName(c.releasedBy ?? c.pid)} exited`;
      case "end-of-trace":
        return "the trace ended";
      default:
        return assertNever(c.release, "release");
    }
  };

  const onConnection = (c: ConnectionEvent): readonly DiagnosticEvent[] => {
    const short = shorts.get(c.id);
    const last = lastCall.get(c.id);
    shorts.delete(c.id);
    lastCall.delete(c.id);
    // A trace that ends with the socket open says nothing about what came next.
    if (!short || c.release === "end-of-trace") return NONE;
    const e = short.call;
    const fmt = (n: number) => n.toLocaleString("en-US");
    return [
      diagnostic({
        code: "partial-write",
        severity: "warning",
        message:
          `${e.name}() on ${describeFd(e.fd, e.socket)} was asked to send ${fmt(short.asked)} bytes but ` +
          `sent only ${fmt(short.sent)}; the remaining ${fmt(short.asked - short.sent)} bytes were never ` +
          `sent: ${ended(c, last)} without another write on it.`,
        fix: FIX,
        pid: e.pid,
        socket: c.id,
        events: last && last.seq !== e.seq ? [e.seq, last.seq] : [e.seq],
      }),
    ];
  };

  return {
    calls: CALLS,
    events: EVENTS,
    push(event) {
      if (event.type === "connection") return onConnection(event);
      if (event.type !== "syscall" || event.socket === undefined) return NONE;
      const id = event.socket.id;
      if (shorts.has(id)) lastCall.set(id, event);
      if (!SEND_CALLS.has(event.name)) return NONE;
      shorts.delete(id);
      lastCall.delete(id);
      const sent = event.transfer?.out ?? 0;
      if (!BYTE_STREAMS.has(event.socket.transport) || sent <= 0 || event.spec === undefined) return NONE;
      const asked = requestedBytes(event.spec, event.args);
      if (asked !== undefined && sent < asked) {
        shorts.set(id, { call: event, asked, sent });
        lastCall.set(id, event);
      }
      return NONE;
    },
    flush() {
      return NONE;
    },
  };
};
