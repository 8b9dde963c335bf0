// linger-zero-reset (info): a connected TCP socket with SO_LINGER {l_onoff=1, l_linger=0} lost its
// last reference (close, exit): the kernel aborts the connection with a RST instead of a FIN —
// unsent data is dropped, there is no TIME_WAIT, and the peer's next recv/send fails with
// ECONNRESET (kernel-notes §14 SO_LINGER, §16). Often done on purpose; worth knowing.
import type { ConnectionEvent, ModelEvent, SyscallEvent } from "../../events/schema.js";
import { after } from "../../sockets/args.js";
import { optionName } from "../../sockets/constants.js";
import { describeFd, processName } from "../helpers.js";
import { diagnostic, NONE, type Rule, type RuleOptions } from "../rule.js";

const CONNECTED = new Set(["connected", "half-closed-read", "half-closed-write", "half-closed-both"]);

function lingerZero(v: SyscallEvent["args"][number] | undefined): boolean | undefined {
  const s = after(v);
  if (s?.kind !== "struct") return undefined;
  const on = after(s.fields.l_onoff);
  const secs = after(s.fields.l_linger);
  if (on?.kind !== "num" || secs?.kind !== "num") return undefined;
  return on.value !== 0 && secs.value === 0;
}

export function lingerZeroReset(_options: RuleOptions): Rule {
  /** Socket id → the setsockopt that armed the abort. */
  const armed = new Map<number, SyscallEvent>();
  const last = new Map<number, SyscallEvent>();

  const onConnection = (c: ConnectionEvent) => {
    const set = armed.get(c.id);
    const end = last.get(c.id);
    armed.delete(c.id);
    last.delete(c.id);
    if (!set || c.transport !== "tcp" || !CONNECTED.has(c.state)) return NONE;
    if (c.outcome === "open-at-exit" && c.closed === undefined) return NONE;
    const how =
      end?.name === "close"
        ? `close(fd ${end.fd}) in ${processName(end.pid)}`
        : `the exit of ${processName(c.pid)}`;
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
        events: end?.name === "close" ? [set.seq, end.seq] : [set.seq],
      }),
    ];
  };

  return {
    push(event: ModelEvent) {
      if (event.type === "connection") return onConnection(event);
      if (event.type !== "syscall" || event.socket?.id === undefined) return NONE;
      const id = event.socket.id;
      if (armed.has(id)) last.set(id, event);
      if (
        event.name === "setsockopt" &&
        event.ret === 0 &&
        optionName(event.args[1], event.args[2]) === "SO_LINGER"
      ) {
        const zero = lingerZero(event.args[3]);
        if (zero === true) armed.set(id, event);
        else if (zero === false) armed.delete(id);
      }
      return NONE;
    },
    flush() {
      return NONE;
    },
  };
}
