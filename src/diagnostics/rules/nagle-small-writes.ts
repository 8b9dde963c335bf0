// nagle-small-writes (warning): two or more small writes in a row on one TCP socket (each below
// NAGLE_SMALL_WRITE bytes, no read on the socket between them, each within NAGLE_GAP_SECONDS of
// the previous one), then a read on it, without TCP_NODELAY: the write-write-read pattern. Nagle
// holds the second small segment until the first is ACKed, and the peer delays that ACK while it
// waits for the rest of the request (kernel-notes §14): each exchange can stall 40-200 ms.
// TCP_CORK, MSG_MORE and TCP_NODELAY (set with a non-zero value) are deliberate choices: no report.
import type { SyscallEvent } from "../../core/events.js";
import { hasFlag, requestedBytes } from "../../core/readers.js";
import { RECV_CALLS, SEND_CALLS } from "../../core/syscalls.js";
import { describeFd, endOf } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

/** A write below this many bytes is "small" (much less than an MSS: Nagle holds it back). */
export const NAGLE_SMALL_WRITE = 512;
/** Writes further apart than this are not one burst (the first one's ACK has come back by then). */
export const NAGLE_GAP_SECONDS = 0.2;
const MSG_MORE = 0x8000;

const CALLS: ReadonlySet<string> = new Set([...SEND_CALLS, ...RECV_CALLS]);
const EVENTS = new Set(["connection"] as const);

interface State {
  run: SyscallEvent[];
  fired: boolean;
}

const FIX =
  "Send each request or response with one call: build it in one buffer, or pass the pieces to " +
  "writev()/sendmsg() as several iovecs. For interactive request/response traffic, set TCP_NODELAY " +
  "(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one)); to batch on purpose, use TCP_CORK or MSG_MORE.";

/** Whether a socket option the model keeps as text (`1`, `0`) is set to a non-zero value. */
function on(options: Readonly<Record<string, string>> | undefined, name: string): boolean {
  const v = options?.[name];
  return v !== undefined && Number(v) !== 0;
}

export const nagleSmallWrites: RuleFactory = (_options, view) => {
  const sockets = new Map<number, State>();

  const onSyscall = (e: SyscallEvent) => {
    if (e.socket === undefined || e.socket.transport !== "tcp") return NONE;
    const id = e.socket.id;
    let s = sockets.get(id);
    if (!s) {
      s = { run: [], fired: false };
      sockets.set(id, s);
    }
    if (s.fired) return NONE;
    if (SEND_CALLS.has(e.name)) {
      const sent = e.transfer?.out ?? 0;
      if (sent <= 0 || e.spec === undefined) return NONE;
      const options = view.socket(id)?.options;
      const deliberate =
        on(options, "TCP_NODELAY") ||
        on(options, "TCP_CORK") ||
        (e.spec.flags !== undefined && hasFlag(e.args[e.spec.flags], "MSG_MORE", MSG_MORE));
      // sendfile copies from a file (no payload argument): not a small write of the program's.
      const small =
        e.spec.payload !== undefined &&
        sent < NAGLE_SMALL_WRITE &&
        (requestedBytes(e.spec, e.args) ?? sent) < NAGLE_SMALL_WRITE;
      if (deliberate || !small) {
        s.run = [];
        return NONE;
      }
      const prev = s.run[s.run.length - 1];
      const prevEnd = prev ? endOf(prev) : undefined;
      if (prevEnd !== undefined && e.time !== undefined && e.time - prevEnd > NAGLE_GAP_SECONDS) s.run = [];
      s.run.push(e);
      return NONE;
    }
    if (!RECV_CALLS.has(e.name)) return NONE;
    const run = s.run;
    s.run = [];
    if (run.length < 2) return NONE;
    s.fired = true;
    const writes = run.map((w) => `${w.name}() of ${w.transfer?.out ?? 0} bytes`).join(", ");
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
    calls: CALLS,
    events: EVENTS,
    push(event) {
      if (event.type === "connection") sockets.delete(event.id);
      return event.type === "syscall" ? onSyscall(event) : NONE;
    },
    flush() {
      return NONE;
    },
  };
};
