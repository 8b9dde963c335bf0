// The socket state machine as a table: which successful operation moves a socket from which state
// to which. An operation the table does not allow (listen() on a connected socket that the kernel
// nevertheless accepted, say, or a log that starts mid-life) is reported, never thrown: the socket
// takes the operation's target state and the event carries a note.
import { SOCKET_STATES, type SocketState } from "../core/vocabulary.js";

export type SocketAction =
  | "bind"
  | "listen"
  | "connect" // completed at once (TCP handshake done, UDP peer set, unix connected)
  | "connect-pending" // EINPROGRESS / EALREADY: the handshake goes on in the kernel
  | "connect-failed" // refused, timed out, unreachable
  | "connect-dissolve" // connect(AF_UNSPEC) on a datagram socket
  | "accepted" // a new socket from accept()
  | "shutdown-write"
  | "shutdown-read"
  | "shutdown-both"
  | "eof" // a read returned 0 on a stream socket: the peer sent FIN
  | "close";

/** Every state but closed: where close() may come from. */
const ANY: readonly SocketState[] = SOCKET_STATES.filter((state) => state !== "closed");

/** For each action: the states it may start from, and where it leads (a function for the shutdowns). */
export const TRANSITIONS: Record<
  SocketAction,
  { from: readonly SocketState[]; to: (s: SocketState) => SocketState }
> = {
  bind: { from: ["created"], to: () => "bound" },
  listen: { from: ["created", "bound", "listening"], to: () => "listening" },
  connect: { from: ["created", "bound", "connecting", "connected", "failed"], to: () => "connected" },
  "connect-pending": { from: ["created", "bound", "connecting"], to: () => "connecting" },
  "connect-failed": { from: ["created", "bound", "connecting", "failed"], to: () => "failed" },
  "connect-dissolve": { from: ["connected", "bound", "created"], to: () => "bound" },
  accepted: { from: ["created"], to: () => "connected" },
  "shutdown-write": {
    from: ["connected", "half-closed-write", "half-closed-read", "half-closed-both"],
    to: (s) =>
      s === "half-closed-read" || s === "half-closed-both" ? "half-closed-both" : "half-closed-write",
  },
  "shutdown-read": {
    from: ["connected", "half-closed-write", "half-closed-read", "half-closed-both"],
    to: (s) =>
      s === "half-closed-write" || s === "half-closed-both" ? "half-closed-both" : "half-closed-read",
  },
  "shutdown-both": {
    from: ["connected", "half-closed-write", "half-closed-read", "half-closed-both"],
    to: () => "half-closed-both",
  },
  eof: {
    from: ["connected", "half-closed-write", "half-closed-read", "half-closed-both"],
    to: (s) =>
      s === "half-closed-write" || s === "half-closed-both" ? "half-closed-both" : "half-closed-read",
  },
  close: { from: ANY, to: () => "closed" },
};

export interface Transition {
  state: SocketState;
  /** Set when the table does not allow the action from this state. */
  illegal?: string;
}

export function nextState(state: SocketState, action: SocketAction): Transition {
  const rule = TRANSITIONS[action];
  const to = rule.to(state);
  if (rule.from.includes(state)) return { state: to };
  return { state: to, illegal: `${action} on a socket in state ${state}` };
}
