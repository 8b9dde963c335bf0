// linger-zero-reset (info): a connected TCP socket with SO_LINGER {l_onoff=1, l_linger=0} lost its
// last reference (close, exit): the kernel aborts the connection with a RST instead of a FIN —
// unsent data is dropped, there is no TIME_WAIT, and the peer's next recv/send fails with
// ECONNRESET (kernel-notes §14 SO_LINGER, §16). Often done on purpose; worth knowing.
// The option's value is the model's (the connection's `options`); the rule remembers which
// setsockopt set it, and which close released the socket, to point at them.
import type { ConnectionEvent, DiagnosticEvent, SyscallEvent } from "../../core/events.js";
import { optionName } from "../../core/readers.js";
import type { SocketState } from "../../core/vocabulary.js";
import { describeFd, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

const CONNECTED: ReadonlySet<SocketState> = new Set([
  "connected",
  "half-closed-read",
  "half-closed-write",
  "half-closed-both",
]);
const CALLS: ReadonlySet<string> = new Set(["setsockopt", "close"]);
const EVENTS = new Set(["connection"] as const);

/** Whether an SO_LINGER value as the model keeps it (`{l_onoff=1, l_linger=0}`) aborts on close. */
function lingerZero(text: string | undefined): boolean {
  const m = /l_onoff=([^,}\s]+),\s*l_linger=([^,}\s]+)/.exec(text ?? "");
  return m !== null && Number(m[1]) !== 0 && Number(m[2]) === 0;
}

export const lingerZeroReset: RuleFactory = () => {
  /** Socket id → the latest setsockopt(SO_LINGER) that succeeded on it. */
  const lingerSet = new Map<number, SyscallEvent>();
  /** The latest close: a connection released by a close comes right after it. */
  let lastClose: SyscallEvent | undefined;

  const onConnection = (c: ConnectionEvent): readonly DiagnosticEvent[] => {
    const set = lingerSet.get(c.id);
    lingerSet.delete(c.id);
    if (!set || c.transport !== "tcp" || !CONNECTED.has(c.state) || !lingerZero(c.options.SO_LINGER))
      return NONE;
    if (c.release === "end-of-trace") return NONE;
    const end = c.release === "close" && lastClose?.socket?.id === c.id ? lastClose : undefined;
    const how = end
      ? `close(fd ${end.fd}) in ${processName(end.pid)}`
      : `the exit of ${processName(c.releasedBy ?? c.pid)}`;
    return [
      diagnostic({
        code: "linger-zero-reset",
        severity: "info",
        message:
          `${describeFd(set.fd, set.socket)} had SO_LINGER {l_onoff=1, l_linger=0}, so ${how} aborted the ` +
          "connection with a RST instead of a FIN: unsent data was dropped, no TIME_WAIT, and the peer's next " +
          "recv()/send() fails with ECONNRESET.",
        fix:
          "If the peer should see an orderly end, drop SO_LINGER 0: shutdown(SHUT_WR), read until 0, then close(). " +
          "Keep it only to abort on purpose (and to avoid TIME_WAIT where that is really needed).",
        pid: set.pid,
        socket: c.id,
        events: end ? [set.seq, end.seq] : [set.seq],
      }),
    ];
  };

  return {
    calls: CALLS,
    events: EVENTS,
    push(event) {
      if (event.type === "connection") return onConnection(event);
      if (event.type !== "syscall" || event.socket === undefined || event.ret !== 0) return NONE;
      if (event.name === "close") lastClose = event;
      else if (optionName(event.args[1], event.args[2]) === "SO_LINGER")
        lingerSet.set(event.socket.id, event);
      return NONE;
    },
    flush() {
      return NONE;
    },
  };
};
