// The socket state machine, transition by transition: each row is one operation from one state.
import { describe, expect, test } from "vitest";
import { SOCKET_STATES, type SocketState } from "../../src/core/vocabulary.js";
import { nextState, type SocketAction, TRANSITIONS } from "../../src/model/lifecycle.js";

const LEGAL: Array<{ label: string; from: SocketState; action: SocketAction; to: SocketState }> = [
  { label: "bind a new socket", from: "created", action: "bind", to: "bound" },
  { label: "listen on a bound socket", from: "bound", action: "listen", to: "listening" },
  {
    label: "listen on an unbound socket (the kernel binds it)",
    from: "created",
    action: "listen",
    to: "listening",
  },
  { label: "listen again (changes the backlog)", from: "listening", action: "listen", to: "listening" },
  { label: "blocking connect", from: "created", action: "connect", to: "connected" },
  { label: "connect from a bound socket", from: "bound", action: "connect", to: "connected" },
  { label: "non-blocking connect in progress", from: "created", action: "connect-pending", to: "connecting" },
  { label: "the pending connect completes", from: "connecting", action: "connect", to: "connected" },
  { label: "the pending connect is refused", from: "connecting", action: "connect-failed", to: "failed" },
  { label: "connect refused at once", from: "created", action: "connect-failed", to: "failed" },
  { label: "retry after a failed connect", from: "failed", action: "connect", to: "connected" },
  { label: "UDP re-connect to another peer", from: "connected", action: "connect", to: "connected" },
  {
    label: "UDP connect(AF_UNSPEC) dissolves the association",
    from: "connected",
    action: "connect-dissolve",
    to: "bound",
  },
  { label: "accept makes a connected socket", from: "created", action: "accepted", to: "connected" },
  { label: "shutdown(SHUT_WR)", from: "connected", action: "shutdown-write", to: "half-closed-write" },
  { label: "shutdown(SHUT_RD)", from: "connected", action: "shutdown-read", to: "half-closed-read" },
  { label: "shutdown(SHUT_RDWR)", from: "connected", action: "shutdown-both", to: "half-closed-both" },
  { label: "EOF after our SHUT_WR", from: "half-closed-write", action: "eof", to: "half-closed-both" },
  { label: "EOF on a connected socket", from: "connected", action: "eof", to: "half-closed-read" },
  { label: "SHUT_WR after EOF", from: "half-closed-read", action: "shutdown-write", to: "half-closed-both" },
  { label: "EOF again", from: "half-closed-read", action: "eof", to: "half-closed-read" },
  { label: "close a listener", from: "listening", action: "close", to: "closed" },
  { label: "close a failed socket", from: "failed", action: "close", to: "closed" },
  { label: "close a half-closed socket", from: "half-closed-both", action: "close", to: "closed" },
];

const ILLEGAL: Array<{ label: string; from: SocketState; action: SocketAction; to: SocketState }> = [
  { label: "bind twice", from: "bound", action: "bind", to: "bound" },
  { label: "bind a listener", from: "listening", action: "bind", to: "bound" },
  { label: "listen on a connected socket", from: "connected", action: "listen", to: "listening" },
  { label: "connect a listener", from: "listening", action: "connect", to: "connected" },
  {
    label: "shutdown a socket that never connected",
    from: "created",
    action: "shutdown-write",
    to: "half-closed-write",
  },
  { label: "EOF on a listener", from: "listening", action: "eof", to: "half-closed-read" },
  { label: "close a closed socket", from: "closed", action: "close", to: "closed" },
  { label: "accept onto an existing socket", from: "connected", action: "accepted", to: "connected" },
];

describe("legal transitions", () => {
  test.each(LEGAL)("$label: $from --$action--> $to", ({ from, action, to }) => {
    expect(nextState(from, action)).toEqual({ state: to });
  });
});

describe("illegal transitions are reported, not thrown", () => {
  test.each(ILLEGAL)("$label: $from --$action--> $to, with a note", ({ from, action, to }) => {
    const t = nextState(from, action);
    expect(t.state).toBe(to);
    expect(t.illegal).toBe(`${action} on a socket in state ${from}`);
  });
});

test("every action's start states are real states, and every state can be closed but 'closed'", () => {
  for (const rule of Object.values(TRANSITIONS))
    for (const s of rule.from) expect(SOCKET_STATES).toContain(s);
  for (const s of SOCKET_STATES) expect(nextState(s, "close").illegal === undefined).toBe(s !== "closed");
});
