// nagle-small-writes (warning): two or more small writes in a row on one TCP socket (each below
// NAGLE_SMALL_WRITE bytes, no read on the socket between them, each within NAGLE_GAP_SECONDS of
// the previous one), then a read on it, without TCP_NODELAY: the write-write-read pattern. Nagle
// holds the second small segment until the first is ACKed, and the peer delays that ACK while it
// waits for the rest of the request (kernel-notes §14): each exchange can stall 40-200 ms.
// TCP_CORK, MSG_MORE and TCP_NODELAY (set with a non-zero value) are deliberate choices: no report.
import type { ModelEvent, SyscallEvent } from "../../events/schema.js";
import { optionText } from "../../sockets/args.js";
import { hasFlag, optionName } from "../../sockets/constants.js";
import { describeFd, elapsed, endOf, msgFlags, RECV_CALLS, requestedBytes, SEND_CALLS } from "../helpers.js";
import { diagnostic, NONE, type Rule, type RuleOptions } from "../rule.js";

/** A write below this many bytes is "small" (much less than an MSS: Nagle holds it back). */
export const NAGLE_SMALL_WRITE = 512;
/** Writes further apart than this are not one burst (the first one's ACK has come back by then). */
export const NAGLE_GAP_SECONDS = 0.2;
const MSG_MORE = 0x8000;

interface State {
  options: Map<string, boolean>;
  run: SyscallEvent[];
  fired: boolean;
}

const FIX =
  "Send each request or response with one call: build it in one buffer, or pass the pieces to " +
  "writev()/sendmsg() as several iovecs. For interactive request/response traffic, set TCP_NODELAY " +
  "(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one)); to batch on purpose, use TCP_CORK or MSG_MORE.";

export function nagleSmallWrites(_options: RuleOptions): Rule {
  const sockets = new Map<number, State>();

  const onSyscall = (e: SyscallEvent) => {
    const id = e.socket?.id;
    if (id === undefined || e.socket?.transport !== "tcp") return NONE;
    let s = sockets.get(id);
    if (!s) {
      s = { options: new Map(), run: [], fired: false };
      sockets.set(id, s);
    }
    if (s.fired) return NONE;
    if (e.name === "setsockopt" && e.ret === 0) {
      const name = optionName(e.args[1], e.args[2]);
      if (name === "TCP_NODELAY" || name === "TCP_CORK")
        s.options.set(name, Number(optionText(e.args[3])) !== 0);
      return NONE;
    }
    if (SEND_CALLS.has(e.name)) {
      if (e.ret === null || e.ret <= 0) return NONE;
      const deliberate =
        s.options.get("TCP_NODELAY") === true ||
        s.options.get("TCP_CORK") === true ||
        hasFlag(msgFlags(e), "MSG_MORE", MSG_MORE);
      const small =
        e.name !== "sendfile" &&
        e.ret < NAGLE_SMALL_WRITE &&
        (requestedBytes(e) ?? e.ret) < NAGLE_SMALL_WRITE;
      if (deliberate || !small) {
        s.run = [];
        return NONE;
      }
      const prev = s.run[s.run.length - 1];
      const prevEnd = prev ? endOf(prev) : undefined;
      if (prevEnd !== undefined && e.time !== undefined && elapsed(prevEnd, e.time) > NAGLE_GAP_SECONDS)
        s.run = [];
      s.run.push(e);
      return NONE;
    }
    if (!RECV_CALLS.has(e.name)) return NONE;
    const run = s.run;
    s.run = [];
    if (run.length < 2) return NONE;
    s.fired = true;
    const writes = run.map((w) => `${w.name}() of ${w.ret} bytes`).join(", ");
    return [
      diagnostic({
        code: "nagle-small-writes",
        severity: "warning",
        message:
          `${describeFd(e.fd, e.socket)} got ${run.length} small writes in a row (${writes}), then ${e.name}() ` +
          "waited for the answer, and TCP_NODELAY is not set: Nagle's algorithm holds the second segment " +
          "until the first is ACKed, while the peer delays its ACK (40 ms on Linux, up to 200 ms elsewhere) " +
          "waiting for the rest — the write-write-read stall.",
        fix: FIX,
        pid: e.pid,
        socket: id,
        events: [...run.map((w) => w.seq), e.seq],
      }),
    ];
  };

  return {
    push(event: ModelEvent) {
      if (event.type === "connection") sockets.delete(event.id);
      return event.type === "syscall" ? onSyscall(event) : [];
    },
    flush() {
      return NONE;
    },
  };
}
