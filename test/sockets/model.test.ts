// The socket model on real traces: the connection events must state the right ends, byte counts,
// accept counts and outcomes, and every pair of ends traced in one run must be paired. Each log
// is checked in every flag mix it was recorded with: the answer must not depend on the flags.
import { describe, expect, test } from "vitest";
import type { ConnectionEvent, Event } from "../../src/events/schema.js";
import { eventsFromText } from "../../src/pipeline.js";
import { recordedLogs } from "../helpers/logs.js";

const logs = recordedLogs();

function connections(events: Event[]): ConnectionEvent[] {
  return events.filter((e): e is ConnectionEvent => e.type === "connection");
}

function scenario(name: string) {
  const found = logs.filter((l) => l.name.startsWith(`${name}.`) && l.name.split(".")[0] === name);
  if (found.length === 0) throw new Error(`no recorded logs for ${name}`);
  return found.map((l) => ({ label: l.name, conns: connections(eventsFromText(l.text)) }));
}

const tcp = (cs: ConnectionEvent[]) => cs.filter((c) => c.transport === "tcp");
const byRole = (cs: ConnectionEvent[], role: ConnectionEvent["role"]) => cs.filter((c) => c.role === role);

describe("invariants on every recorded log", () => {
  test.each(logs.map((l) => ({ label: l.name, text: l.text })))("$label", ({ text }) => {
    const events = eventsFromText(text);
    const conns = connections(events);
    // One connection event per socket.
    expect(new Set(conns.map((c) => c.id)).size).toBe(conns.length);
    const byId = new Map(conns.map((c) => [c.id, c]));
    for (const c of conns) {
      if (c.peer === undefined) continue;
      const other = byId.get(c.peer);
      // Pairing is mutual, and a stream's bytes out of one end are the bytes into the other.
      expect(other?.peer).toBe(c.id);
      if (
        other &&
        (c.transport === "tcp" || c.transport === "unix-stream") &&
        c.outcome === "closed" &&
        other.outcome === "closed"
      ) {
        expect(c.bytesOut).toBe(other.bytesIn);
      }
    }
    // Every syscall on a known socket carries its id and state.
    for (const e of events) {
      if (e.type === "syscall" && e.socket?.id !== undefined) expect(e.socket.state).toBeDefined();
    }
  });
});

describe.each(scenario("tcp-echo"))("tcp-echo ($label)", ({ conns }) => {
  test("one listener that accepted one, one client/server pair with 47 bytes each way", () => {
    expect(byRole(conns, "listener").map((c) => [c.local?.text, c.accepted])).toEqual([
      ["127.0.0.1:47001", 1],
    ]);
    const [client] = byRole(conns, "client");
    const [server] = byRole(conns, "server");
    expect(client?.remote?.text).toBe("127.0.0.1:47001");
    expect(server?.local?.text).toBe("127.0.0.1:47001");
    expect(client?.peer).toBe(server?.id);
    expect([client?.bytesOut, client?.bytesIn, server?.bytesOut, server?.bytesIn]).toEqual([47, 47, 47, 47]);
    expect(conns.every((c) => c.outcome === "closed")).toBe(true);
  });
});

describe.each(scenario("forking-server"))("forking-server ($label)", ({ conns }) => {
  test("the accepted sockets are followed into the handler children and counted there", () => {
    const [listener] = byRole(conns, "listener");
    expect(listener?.accepted).toBe(2);
    const servers = byRole(conns, "server");
    expect(servers).toHaveLength(2);
    for (const s of servers) {
      expect(s.peer).toBeDefined();
      expect([s.bytesIn, s.bytesOut]).toEqual([38, 38]);
      expect(s.outcome).toBe("closed");
    }
  });
});

describe.each(scenario("py-threaded-echo"))("py-threaded-echo ($label)", ({ conns }) => {
  test("four TCP ends paired into two connections, 20 bytes each way", () => {
    const ends = tcp(conns).filter((c) => c.role !== "listener");
    expect(ends).toHaveLength(4);
    for (const c of ends) {
      expect(c.peer).toBeDefined();
      expect([c.bytesIn, c.bytesOut]).toEqual([20, 20]);
    }
    expect(byRole(conns, "listener")[0]?.accepted).toBe(2);
  });
});

describe.each(scenario("node-http-sendfile"))("node-http-sendfile ($label)", ({ conns }) => {
  test("the response (writev and sendfile) counted on both ends", () => {
    const [server] = byRole(conns, "server");
    const [client] = byRole(conns, "client");
    expect(server?.peer).toBe(client?.id);
    expect(server?.bytesOut).toBeGreaterThan(200_000);
    expect(server?.bytesOut).toBe(client?.bytesIn);
    expect(server?.bytesIn).toBe(client?.bytesOut);
  });
});

describe.each(scenario("sendfile"))("sendfile ($label)", ({ conns }) => {
  test("sendfile's bytes are the server's bytes out", () => {
    const [server] = byRole(conns, "server");
    expect(server?.bytesOut).toBe(204_800);
    expect(byRole(conns, "client")[0]?.bytesIn).toBe(204_800);
  });
});

describe.each([...scenario("curl-refused"), ...scenario("curl-refused-v6")])(
  "curl refused ($label)",
  ({ conns }) => {
    test("the non-blocking connect is reported refused (SO_ERROR)", () => {
      const refused = tcp(conns).filter((c) => c.outcome === "refused");
      expect(refused).toHaveLength(1);
      expect(refused[0]?.remote?.port).toBe(49003);
      expect(refused[0]?.nonblocking).toBe(true);
    });
  },
);

describe.each(scenario("nonblocking-connect"))("nonblocking-connect ($label)", ({ conns }) => {
  test("two refused (SO_ERROR, then a blocking connect), three connected through the listener", () => {
    expect(conns.filter((c) => c.outcome === "refused")).toHaveLength(2);
    expect(byRole(conns, "listener")[0]?.accepted).toBe(3);
    expect(byRole(conns, "client").filter((c) => c.peer !== undefined)).toHaveLength(3);
  });
});

describe.each(scenario("unix"))("unix ($label)", ({ conns }) => {
  test("path listener, its connection paired, the abstract datagram socket and the socketpair", () => {
    const listener = conns.find((c) => c.role === "listener");
    expect(listener?.local?.text).toBe("/tmp/sockscope-unix.sock");
    const server = conns.find((c) => c.role === "server");
    const client = conns.find((c) => c.role === "client");
    expect(server?.peer).toBe(client?.id);
    expect(client?.remote?.text).toBe("/tmp/sockscope-unix.sock");
    expect(conns.some((c) => c.transport === "unix-dgram" && c.local?.text === "@sockscope-abstract")).toBe(
      true,
    );
    const pair = conns.filter((c) => c.transport === "unix-stream" && c.role === "peer");
    expect(pair).toHaveLength(2);
    expect(pair[0]?.peer).toBe(pair[1]?.id);
  });
});

describe.each(scenario("scm-rights-pass"))("scm-rights-pass ($label)", ({ conns }) => {
  test("the TCP socket passed with SCM_RIGHTS is one socket: 7 bytes sent from its new owner", () => {
    const [client] = byRole(conns, "client");
    const [server] = byRole(conns, "server");
    expect(byRole(conns, "client")).toHaveLength(1);
    expect(client?.bytesOut).toBe(7);
    expect(server?.bytesIn).toBe(7);
    expect(client?.peer).toBe(server?.id);
  });
});

describe.each(scenario("inetd-dup2"))("inetd-dup2 ($label)", ({ conns }) => {
  test("the socket dup2'd onto stdin/stdout keeps counting after execve", () => {
    const [server] = byRole(conns, "server");
    const [client] = byRole(conns, "client");
    expect([server?.bytesIn, server?.bytesOut]).toEqual([11, 11]);
    expect([client?.bytesIn, client?.bytesOut]).toEqual([11, 11]);
    expect(server?.peer).toBe(client?.id);
  });
});

describe.each(scenario("udp-senders"))("udp-senders ($label)", ({ conns }) => {
  test("the server saw both senders; bytes add up", () => {
    const server = conns.find((c) => c.local?.port === 49006);
    const clients = conns.filter((c) => c !== server && c.transport === "udp");
    expect(server?.peers?.length).toBe(2);
    expect(clients).toHaveLength(2);
    expect(server?.bytesIn).toBe(clients.reduce((n, c) => n + c.bytesOut, 0));
    expect(server?.bytesOut).toBe(clients.reduce((n, c) => n + c.bytesIn, 0));
    expect(clients.some((c) => c.autobound)).toBe(true);
  });
});

describe.each(scenario("reset"))("reset ($label)", ({ conns }) => {
  test("reset, timed out and refused are told apart", () => {
    const outcomes = byRole(conns, "client").map((c) => c.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(["reset", "timed-out", "refused"]));
  });
});
