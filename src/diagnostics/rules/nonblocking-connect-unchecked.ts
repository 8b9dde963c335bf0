// nonblocking-connect-unchecked (warning): connect() returned EINPROGRESS, and the program sent or
// received on the socket before it checked the result: no poll/select/epoll wait in that process
// (any of its threads: the wait calls do not say which fds they waited for, so any wait counts),
// no getsockopt(SO_ERROR) or getpeername(), no second connect() (kernel-notes §6a: the result must
// be collected; a send while the handshake is pending returns EAGAIN, and a failed connect shows up
// only as an error of whatever call comes next).
import type { SyscallEvent } from "../../core/events.js";
import { optionName } from "../../core/readers.js";
import { RECV_CALLS, SEND_CALLS, WAIT_CALLS } from "../../core/syscalls.js";
import { describeFdShort } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

/** The connect, the checks (a wait, SO_ERROR, getpeername), and the data calls that may come first. */
const CALLS: ReadonlySet<string> = new Set([
  "connect",
  "getsockopt",
  "getpeername",
  ...WAIT_CALLS,
  ...SEND_CALLS,
  ...RECV_CALLS,
]);
const EVENTS = new Set(["connection", "exit"] as const);

const FIX =
  "After EINPROGRESS, wait until the socket is writable (poll/epoll/select for POLLOUT), then read " +
  "getsockopt(fd, SOL_SOCKET, SO_ERROR) — 0 means connected, anything else is the connect's error — " +
  "and only then send or receive.";

function outcome(e: SyscallEvent): string {
  if (e.errno === "EAGAIN" || e.errno === "EWOULDBLOCK")
    return "it failed with EAGAIN because the handshake had not finished yet";
  if (e.errno !== undefined)
    return `it failed with ${e.errno}: the connect's own failure, reported by the first call that touched the socket`;
  return (
    "it happened to work because the handshake had already finished (on loopback it takes microseconds); " +
    "over a real network the same call returns EAGAIN, and a refused or timed-out connect surfaces as its error"
  );
}

export const nonblockingConnectUnchecked: RuleFactory = () => {
  /** Socket id → the EINPROGRESS connect and the thread group that made it. */
  const pending = new Map<number, { call: SyscallEvent; group: number }>();
  /** Thread group → the seq of its latest poll/select/epoll wait. */
  const lastWait = new Map<number, number>();

  const onSyscall = (e: SyscallEvent) => {
    const group = e.process?.tgid ?? e.pid;
    if (WAIT_CALLS.has(e.name)) {
      lastWait.set(group, e.seq);
      return NONE;
    }
    const id = e.socket?.id;
    if (id === undefined) return NONE;
    if (e.name === "connect") {
      if (e.errno === "EINPROGRESS") pending.set(id, { call: e, group });
      else pending.delete(id);
      return NONE;
    }
    const p = pending.get(id);
    if (!p) return NONE;
    // SO_ERROR, or getpeername() (ENOTCONN until connected), is the program asking.
    if (
      (e.name === "getsockopt" && optionName(e.args[1], e.args[2]) === "SO_ERROR") ||
      e.name === "getpeername"
    ) {
      pending.delete(id);
      return NONE;
    }
    if (!SEND_CALLS.has(e.name) && !RECV_CALLS.has(e.name)) return NONE;
    pending.delete(id);
    const c = p.call;
    // A wait by the connecting process, or by the one making the data call (after a fork), counts.
    const waited = (g: number) => (lastWait.get(g) ?? -1) > c.seq;
    if (waited(p.group) || waited(group)) return NONE;
    const to = c.socket?.remote ? ` to ${c.socket.remote.text}` : "";
    return [
      diagnostic({
        code: "nonblocking-connect-unchecked",
        severity: "warning",
        message:
          `The non-blocking connect of ${describeFdShort(c.fd, c.socket)}${to} returned EINPROGRESS, and ${e.name}() ` +
          `used the socket before the program waited for it (poll/select/epoll) or read SO_ERROR: ${outcome(e)}.`,
        fix: FIX,
        pid: e.pid,
        socket: id,
        events: [c.seq, e.seq],
      }),
    ];
  };

  return {
    calls: CALLS,
    events: EVENTS,
    push(event) {
      if (event.type === "connection") pending.delete(event.id);
      // A pid that exits may come back as a new process: its waits are not the new one's.
      if (event.type === "exit" && event.supersededBy === undefined) lastWait.delete(event.pid);
      return event.type === "syscall" ? onSyscall(event) : NONE;
    },
    flush() {
      return NONE;
    },
  };
};
