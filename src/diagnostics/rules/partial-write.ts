// partial-write (warning): a write/send on a byte-stream socket (TCP, unix stream) returned fewer
// bytes than it was asked to send — normal when the send buffer is full (kernel-notes §8: the
// return is what fit in sk_sndbuf) — and the program never wrote to that socket again before it
// was closed or the process exited: the rest of the data was silently dropped.
// Any later write on the socket (whatever its result) counts as handling the short count. A trace
// that ends while the socket is still open says nothing about what came next: no report.
import type { ConnectionEvent, DiagnosticEvent, ModelEvent, SyscallEvent } from "../../events/schema.js";
import { BYTE_STREAMS, describeFd, processName, requestedBytes, SEND_CALLS } from "../helpers.js";
import { diagnostic, NONE, type Rule, type RuleOptions } from "../rule.js";

interface Short {
  call: SyscallEvent;
  asked: number;
  sent: number;
}

const FIX =
  "Treat a short count as normal: keep sending the rest in a loop (advance the buffer by the bytes " +
  "sent). On a non-blocking socket, when send() returns less or fails with EAGAIN, wait for POLLOUT " +
  "(poll/epoll) and continue; close only after everything was written.";

export function partialWrite(_options: RuleOptions): Rule {
  const shorts = new Map<number, Short>();
  const lastCall = new Map<number, SyscallEvent>();

  const onConnection = (c: ConnectionEvent): readonly DiagnosticEvent[] => {
    const short = shorts.get(c.id);
    const last = lastCall.get(c.id);
    shorts.delete(c.id);
    lastCall.delete(c.id);
    if (!short) return NONE;
    if (c.outcome === "open-at-exit" && c.closed === undefined) return NONE;
    const e = short.call;
    const ended =
      c.outcome === "open-at-exit"
        ? `${processName(c.pid)} exited`
        : last && last.name === "close"
          ? `the socket was closed (fd ${last.fd}, ${processName(last.pid)})`
          : "the socket was closed";
    const fmt = (n: number) => n.toLocaleString("en-US");
    return [
      diagnostic({
        code: "partial-write",
        severity: "warning",
        message:
          `${e.name}() on ${describeFd(e.fd, e.socket)} was asked to send ${fmt(short.asked)} bytes but ` +
          `sent only ${fmt(short.sent)}; the remaining ${fmt(short.asked - short.sent)} bytes were never ` +
          `sent: ${ended} without another write on it.`,
        fix: FIX,
        pid: e.pid,
        socket: c.id,
        events: last && last.seq !== e.seq ? [e.seq, last.seq] : [e.seq],
      }),
    ];
  };

  return {
    push(event: ModelEvent) {
      if (event.type === "connection") return onConnection(event);
      if (event.type !== "syscall") return NONE;
      const id = event.socket?.id;
      if (id === undefined) return NONE;
      lastCall.set(id, event);
      if (!SEND_CALLS.has(event.name)) return NONE;
      shorts.delete(id);
      if (!BYTE_STREAMS.has(event.socket?.transport ?? "") || event.ret === null || event.ret <= 0)
        return NONE;
      const asked = requestedBytes(event);
      if (asked !== undefined && event.ret < asked) shorts.set(id, { call: event, asked, sent: event.ret });
      return NONE;
    },
    flush() {
      return NONE;
    },
  };
}
