// The socket model on real traces: the connection events must state the right ends, byte counts,
// accept counts and outcomes, and every pair of ends traced in one run must be paired. Each log
// is checked in every flag mix it was recorded with: the answer must not depend on the flags.
// Then the model's promises one at a time (close_range, exec, fork, logs without clone lines, attach,
// MSG_PEEK, mmsg, FIONBIO, datagram pairing, transfers, processes, inherited fds), on lines recorded
// with strace 6.1 (`strace -f -yy -tt -T -o …`, the fixtures' own flag mix) for these tests: the
// socket lines of each recording are copied verbatim, the rest (loader, libc) left out.
import { describe, expect, test } from "vitest";
import type { ConnectionEvent, StitchedCall, TraceEvent } from "../../src/core/events.js";
import { SOCKET_STATES, type SocketState } from "../../src/core/vocabulary.js";
import { eventsFromText } from "../../src/pipeline.js";
import { logLines, readLog } from "../helpers/fixtures.js";
import { recordedLogs } from "../helpers/logs.js";
import { type Modelled, modelLines, modelText } from "../helpers/model.js";

const logs = recordedLogs();

function connections(events: readonly TraceEvent[]): ConnectionEvent[] {
  return events.filter((e): e is ConnectionEvent => e.type === "connection");
}

function syscalls(events: readonly { type: string }[]): StitchedCall[] {
  return events.filter((e): e is StitchedCall => e.type === "syscall");
}

function scenario(name: string) {
  const found = logs.filter((l) => l.name.startsWith(`${name}.`) && l.name.split(".")[0] === name);
  if (found.length === 0) throw new Error(`no recorded logs for ${name}`);
  return found.map((l) => {
    const events = eventsFromText(l.text);
    return { label: l.name, events, conns: connections(events) };
  });
}

const tcp = (cs: ConnectionEvent[]) => cs.filter((c) => c.transport === "tcp");
const byRole = (cs: ConnectionEvent[], role: ConnectionEvent["role"]) => cs.filter((c) => c.role === role);

/** The first payload a socket sent (`out`) or received (`in`), as the trace printed it. */
function firstPayload(events: readonly TraceEvent[], socket: number, dir: "in" | "out"): string | undefined {
  for (const e of syscalls(events)) {
    if (e.socket?.id !== socket || e.ret === null || e.ret <= 0 || e.spec?.dir !== dir) continue;
    const payload = e.spec.payload === undefined ? undefined : e.args[e.spec.payload];
    if (payload?.kind === "str") return payload.value;
  }
  return undefined;
}

/**
 * The other end of a stream server socket, found from the data alone: the client socket whose first
 * message is the first one the server received.
 */
function senderOf(events: readonly TraceEvent[], server: ConnectionEvent, clients: ConnectionEvent[]) {
  const received = firstPayload(events, server.id, "in");
  expect(received).toBeDefined();
  const senders = clients.filter((c) => firstPayload(events, c.id, "out") === received);
  expect(senders).toHaveLength(1);
  return senders[0] as ConnectionEvent;
}

/** The states a successful call can leave its socket in, for the calls that decide it. */
function statesAfter(e: StitchedCall): readonly SocketState[] | undefined {
  if (e.ret === null || (e.ret < 0 && e.errno !== "EINPROGRESS")) return undefined;
  switch (e.name) {
    case "socket":
      return ["created"];
    case "bind":
      return ["bound"];
    case "listen":
    case "accept":
    case "accept4":
      return ["listening"];
    case "connect":
      if (e.errno === "EINPROGRESS") return ["connecting"];
      return e.socket?.transport === "tcp" || e.socket?.transport === "unix-stream"
        ? ["connected"]
        : undefined;
    case "shutdown":
      return ["half-closed-write", "half-closed-read", "half-closed-both"];
    default:
      return undefined;
  }
}

describe("invariants on every recorded log", () => {
  test.each(logs.map((l) => ({ label: l.name, text: l.text })))("$label", ({ text }) => {
    const events = eventsFromText(text);
    // The pipeline numbers every event once, in order.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const conns = connections(events);
    // One connection event per socket.
    expect(new Set(conns.map((c) => c.id)).size).toBe(conns.length);
    const byId = new Map(conns.map((c) => [c.id, c]));
    for (const c of conns) {
      if (c.peer === undefined) continue;
      const other = byId.get(c.peer);
      // A stream's pairing is mutual, and its bytes out of one end are the bytes into the other.
      if (c.transport === "tcp" || c.transport === "unix-stream") expect(other?.peer).toBe(c.id);
      if (
        other &&
        (c.transport === "tcp" || c.transport === "unix-stream") &&
        c.outcome === "closed" &&
        other.outcome === "closed"
      ) {
        expect(c.bytesOut).toBe(other.bytesIn);
      }
    }
    const totals = new Map<number, { in: number; out: number }>();
    for (const e of syscalls(events)) {
      if (e.socket === undefined) continue;
      // Every syscall on a known socket carries the state the call left it in, and its socket's
      // connection event comes later.
      expect(SOCKET_STATES).toContain(e.socket.state);
      const expected = statesAfter(e);
      if (expected !== undefined)
        expect([e.name, e.lineNo, e.socket.state]).toEqual([
          e.name,
          e.lineNo,
          expect.toBeOneOf([...expected]),
        ]);
      const connection = byId.get(e.socket.id);
      expect(connection?.seq).toBeGreaterThan(e.seq);
      if (e.newSocket !== undefined) expect(byId.get(e.newSocket.id)?.seq).toBeGreaterThan(e.seq);
      // Transfers are running totals per socket: each adds its bytes to the last one's.
      if (e.transfer !== undefined) {
        const before = totals.get(e.socket.id) ?? { in: 0, out: 0 };
        expect(e.transfer.totalIn).toBe(before.in + e.transfer.in);
        expect(e.transfer.totalOut).toBe(before.out + e.transfer.out);
        totals.set(e.socket.id, { in: e.transfer.totalIn, out: e.transfer.totalOut });
      }
    }
    // …and the last total is the connection's byte count.
    for (const [id, t] of totals)
      expect([id, byId.get(id)?.bytesIn, byId.get(id)?.bytesOut]).toEqual([id, t.in, t.out]);
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

describe.each(scenario("forking-server"))("forking-server ($label)", ({ label, events, conns }) => {
  test("the accepted sockets are followed into the handler children and counted there", () => {
    const [listener] = byRole(conns, "listener");
    expect(listener?.accepted).toBe(2);
    const servers = byRole(conns, "server");
    const clients = byRole(conns, "client");
    expect(servers).toHaveLength(2);
    expect(clients).toHaveLength(2);
    for (const s of servers) {
      // The peer is the client that sent what this server received, and it names the server back.
      const client = senderOf(events, s, clients);
      expect(s.peer).toBe(client.id);
      expect(client.peer).toBe(s.id);
      expect(s.remote?.text).toBe(client.local?.text);
      expect([s.bytesIn, s.bytesOut]).toEqual([38, 38]);
      // `-e trace=network` shows no close(): the kernel closed them when their holders exited.
      expect(s.outcome).toBe(label.includes("o-net") ? "open-at-exit" : "closed");
    }
  });
});

describe.each(scenario("py-threaded-echo"))("py-threaded-echo ($label)", ({ events, conns }) => {
  test("four TCP ends paired into two connections, 20 bytes each way", () => {
    const ends = tcp(conns).filter((c) => c.role !== "listener");
    expect(ends).toHaveLength(4);
    const clients = byRole(conns, "client");
    for (const s of byRole(conns, "server")) {
      const client = senderOf(events, s, clients);
      expect([s.peer, client.peer]).toEqual([client.id, s.id]);
    }
    for (const c of ends) expect([c.bytesIn, c.bytesOut]).toEqual([20, 20]);
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

/** The one call of `name` (at `lineNo`, when given). */
function only(m: Modelled, name: string, lineNo?: number): StitchedCall {
  const found = m.calls.filter((e) => e.name === name && (lineNo === undefined || e.lineNo === lineNo));
  expect(found).toHaveLength(1);
  return found[0] as StitchedCall;
}

/** The connection event of the socket a call worked on. */
function connectionOf(
  m: Modelled,
  call: StitchedCall,
  which: "socket" | "newSocket" = "socket",
): ConnectionEvent {
  const id = call[which]?.id;
  const found = m.connections.filter((c) => c.id === id);
  expect(found).toHaveLength(1);
  return found[0] as ConnectionEvent;
}

describe("close_range", () => {
  // closerange.py: a listener, a client and the accepted socket, then os.closerange-style
  // syscall(SYS_close_range, 3, ~0U, 0) and _exit without closing anything else.
  const CLOSE_RANGE = [
    "4791  07:45:57.610528 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<TCP:[726520]> <0.000105>",
    '4791  07:45:57.626218 bind(3<TCP:[726520]>, {sa_family=AF_INET, sin_port=htons(20001), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.008897>',
    "4791  07:45:57.638311 listen(3<TCP:[127.0.0.1:20001]>, 128) = 0 <0.000030>",
    "4791  07:45:57.658110 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 4<TCP:[726525]> <0.000120>",
    '4791  07:45:57.667075 connect(4<TCP:[726525]>, {sa_family=AF_INET, sin_port=htons(20001), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000136>',
    '4791  07:45:57.674887 accept4(3<TCP:[127.0.0.1:20001]>, {sa_family=AF_INET, sin_port=htons(49902), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC) = 5<TCP:[127.0.0.1:20001->127.0.0.1:49902]> <0.000030>',
    '4791  07:45:57.678333 sendto(4<TCP:[127.0.0.1:49902->127.0.0.1:20001]>, "ping", 4, 0, NULL, 0) = 4 <0.001908>',
    '4791  07:45:57.682169 recvfrom(5<TCP:[127.0.0.1:20001->127.0.0.1:49902]>, "ping", 16, 0, NULL, NULL) = 4 <0.000031>',
    "4791  07:45:57.682368 close_range(3, 4294967295, 0) = 0 <0.000100>",
    "4791  07:45:57.682510 exit_group(0)     = ?",
    "4791  07:45:57.686982 +++ exited with 0 +++",
  ];

  test("close_range(3, ~0U, 0) closes every socket: outcome closed, not open-at-exit", () => {
    const m = modelLines(CLOSE_RANGE);
    const closeRange = only(m, "close_range");
    expect(m.connections.map((c) => [c.role, c.outcome, c.release, c.releasedBy, c.closed])).toEqual([
      ["listener", "closed", "close", 4791, closeRange.time],
      ["client", "closed", "close", 4791, closeRange.time],
      ["server", "closed", "close", 4791, closeRange.time],
    ]);
    // They go at the close_range, before the exit.
    const at = m.events.indexOf(closeRange);
    expect(m.events.slice(at + 1, at + 4).map((e) => e.type)).toEqual([
      "connection",
      "connection",
      "connection",
    ]);
    expect(m.model.view.fds(4791)).toEqual([]);
  });

  test("a range that leaves fds out leaves their sockets open", () => {
    // Built: the same program closing only fds 4..4 (close_range(4, 4, 0)).
    const lines = CLOSE_RANGE.map((l) => l.replace("close_range(3, 4294967295, 0)", "close_range(4, 4, 0)"));
    const m = modelLines(lines);
    expect(m.connections.map((c) => [c.role, c.release, c.outcome])).toEqual([
      ["client", "close", "closed"],
      ["listener", "exit", "open-at-exit"],
      ["server", "exit", "open-at-exit"],
    ]);
  });

  // cloexec.c: a listener (fd 3) and a client (fd 4), both without SOCK_CLOEXEC, then
  // close_range(4, ~0U, CLOSE_RANGE_CLOEXEC) and execv("/bin/true").
  const CLOEXEC = [
    '9092  07:46:22.238063 execve("./cloexec", ["./cloexec"], 0x7ffd4ce746f0 /* 39 vars */) = 0 <0.001682>',
    "9092  07:46:22.245567 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[753868]> <0.000103>",
    '9092  07:46:22.248315 bind(3<TCP:[753868]>, {sa_family=AF_INET, sin_port=htons(20012), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000059>',
    "9092  07:46:22.251106 listen(3<TCP:[127.0.0.1:20012]>, 8) = 0 <0.000024>",
    "9092  07:46:22.251739 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 4<TCP:[753872]> <0.000019>",
    '9092  07:46:22.253618 connect(4<TCP:[753872]>, {sa_family=AF_INET, sin_port=htons(20012), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000090>',
    "9092  07:46:22.255490 close_range(4, 4294967295, CLOSE_RANGE_CLOEXEC) = 0 <0.000013>",
    '9092  07:46:22.255579 execve("/bin/true", ["true"], 0x7ffd8352f2f8 /* 39 vars */) = 0 <0.001547>',
    "9092  07:46:22.258834 close(4</etc/ld.so.cache>) = 0 <0.000012>",
    "9092  07:46:22.261523 exit_group(0)     = ?",
    "9092  07:46:22.262341 +++ exited with 0 +++",
  ];

  test("close_range(…, CLOSE_RANGE_CLOEXEC) closes nothing; the execve after it drops the range", () => {
    const m = modelLines(CLOEXEC);
    const closeRange = only(m, "close_range");
    const execve = only(m, "execve", 8);
    // Nothing went at the close_range itself.
    expect(m.events[m.events.indexOf(closeRange) + 1]).toBe(m.calls[m.calls.indexOf(closeRange) + 1]);
    const client = connectionOf(m, only(m, "connect"));
    expect(client).toMatchObject({ role: "client", release: "exec", releasedBy: 9092, closed: execve.time });
    expect(client.outcome).toBe("closed");
    // The listener below the range was passed on to /bin/true, made by the socket() at line 2.
    const listener = connectionOf(m, only(m, "listen"));
    expect(execve.inheritedFds?.map((f) => [f.fd, f.socket.id, f.socket.state, f.madeBy])).toEqual([
      [3, listener.id, "listening", only(m, "socket", 2)],
    ]);
    expect(listener).toMatchObject({ release: "exit", releasedBy: 9092, outcome: "open-at-exit" });
  });

  test("ioctl(fd, FIONCLEX) clears close-on-exec: the socket survives execve", () => {
    // fionclex.py: Python's os.set_inheritable() on a SOCK_CLOEXEC socket, then os.execv.
    const m = modelLines([
      "9794  07:46:27.074848 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<TCP:[726848]> <0.000118>",
      '9794  07:46:27.078904 bind(3<TCP:[726848]>, {sa_family=AF_INET, sin_port=htons(20013), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000216>',
      "9794  07:46:27.083283 listen(3<TCP:[127.0.0.1:20013]>, 128) = 0 <0.000045>",
      "9794  07:46:27.084407 ioctl(3<TCP:[127.0.0.1:20013]>, FIONCLEX) = 0 <0.000018>",
      '9794  07:46:27.084511 execve("/bin/true", ["true"], 0x7ffec2f67630 /* 39 vars */) = 0 <0.004825>',
      "9794  07:46:27.110213 exit_group(0)     = ?",
      "9794  07:46:27.111203 +++ exited with 0 +++",
    ]);
    expect(only(m, "execve").inheritedFds?.map((f) => f.fd)).toEqual([3]);
    expect(m.connections.map((c) => [c.role, c.release])).toEqual([["listener", "exit"]]);
  });
});

describe("fork and exit", () => {
  test("a forked child that keeps an inherited socket until it exits is the one that released it", () => {
    // forkkeep.py: the server forks after accept, the parent closes its copy, the child answers
    // and exits without closing.
    const m = modelLines([
      "4832  07:45:58.711205 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<TCP:[726547]> <0.000117>",
      '4832  07:45:58.722532 bind(3<TCP:[726547]>, {sa_family=AF_INET, sin_port=htons(20003), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.004731>',
      "4832  07:45:58.730415 listen(3<TCP:[127.0.0.1:20003]>, 128) = 0 <0.000314>",
      "4832  07:45:58.760312 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 4<TCP:[726552]> <0.000175>",
      '4832  07:45:58.770782 connect(4<TCP:[726552]>, {sa_family=AF_INET, sin_port=htons(20003), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000235>',
      '4832  07:45:58.783099 accept4(3<TCP:[127.0.0.1:20003]>, {sa_family=AF_INET, sin_port=htons(53590), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC) = 5<TCP:[127.0.0.1:20003->127.0.0.1:53590]> <0.000039>',
      "4832  07:45:58.788542 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0846277e50) = 4988 <0.005984>",
      "4832  07:45:58.799554 close(5<TCP:[127.0.0.1:20003->127.0.0.1:53590]> <unfinished ...>",
      "4832  07:45:58.806100 <... close resumed>) = 0 <0.006456>",
      "4988  07:45:58.806208 <... gettid resumed>) = 4988 <0.004103>",
      "4832  07:45:58.814038 recvfrom(4<TCP:[127.0.0.1:53590->127.0.0.1:20003]>,  <unfinished ...>",
      '4988  07:45:58.894184 sendto(5<TCP:[127.0.0.1:20003->127.0.0.1:53590]>, "from child", 10, 0, NULL, 0 <unfinished ...>',
      '4832  07:45:58.894557 <... recvfrom resumed>"from child", 64, 0, NULL, NULL) = 10 <0.076946>',
      "4988  07:45:58.895564 <... sendto resumed>) = 10 <0.001244>",
      "4832  07:45:58.901794 wait4(4988,  <unfinished ...>",
      "4988  07:45:58.906337 exit_group(0)     = ?",
      "4988  07:45:58.918490 +++ exited with 0 +++",
      "4832  07:45:58.918633 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 4988 <0.016809>",
      "4832  07:45:58.919682 close(4<TCP:[127.0.0.1:53590->127.0.0.1:20003]>) = 0 <0.000220>",
      "4832  07:45:58.920140 close(3<TCP:[127.0.0.1:20003]>) = 0 <0.000031>",
      "4832  07:45:59.050566 exit_group(0)     = ?",
      "4832  07:45:59.055934 +++ exited with 0 +++",
    ]);
    const server = connectionOf(m, only(m, "accept4"), "newSocket");
    expect(server).toMatchObject({
      role: "server",
      pid: 4832,
      bytesOut: 10,
      release: "exit",
      releasedBy: 4988,
      outcome: "open-at-exit",
    });
    // The parent's close did not end it; the child's exit did.
    const exit = m.events.findIndex((e) => e.type === "exit" && e.pid === 4988);
    expect(m.events.indexOf(server)).toBe(exit + 1);
    const client = connectionOf(m, only(m, "connect"));
    expect(client).toMatchObject({ bytesIn: 10, release: "close", releasedBy: 4832, peer: server.id });
  });

  test("the child's sendto is on the parent's socket (the fd table was copied at fork)", () => {
    const m = modelText(readLog("forking-server.o-yy-tt-T.strace"));
    const accepts = m.calls.filter((e) => e.name === "accept" && e.ret !== null && e.ret > 0);
    const handled = m.calls.filter((e) => e.pid === 8248 && e.name === "sendto");
    expect(handled.length).toBeGreaterThan(0);
    for (const e of handled) expect(e.socket?.id).toBe(accepts[0]?.newSocket?.id);
  });
});

describe("logs without clone lines (strace -f -e trace=%network,close)", () => {
  // nettrace.py under `strace -f -yy -tt -T -e trace=%network,close`: a listener (20117), a client
  // child (20122) and a handler child (20123); no clone line shows who made whom. Built from the
  // recording by one move: the parent's close(4) comes after the handler's calls (in the recording
  // the parent closed its copy first).
  const TCP_NO_CLONE = [
    "20117 07:47:21.185838 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<TCP:[822868]> <0.000184>",
    '20117 07:47:21.189046 bind(3<TCP:[822868]>, {sa_family=AF_INET, sin_port=htons(20000), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000125>',
    "20117 07:47:21.190592 listen(3<TCP:[127.0.0.1:20000]>, 128) = 0 <0.000019>",
    "20117 07:47:21.196002 accept4(3<TCP:[127.0.0.1:20000]>,  <unfinished ...>",
    "20122 07:47:21.206869 close(3<TCP:[127.0.0.1:20000]>) = 0 <0.000018>",
    "20122 07:47:21.207490 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<TCP:[822877]> <0.000026>",
    '20122 07:47:21.209279 connect(3<TCP:[822877]>, {sa_family=AF_INET, sin_port=htons(20000), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000087>',
    '20117 07:47:21.210749 <... accept4 resumed>{sa_family=AF_INET, sin_port=htons(36000), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC) = 4<TCP:[127.0.0.1:20000->127.0.0.1:36000]> <0.014702>',
    '20122 07:47:21.212127 sendto(3<TCP:[127.0.0.1:36000->127.0.0.1:20000]>, "hello server", 12, 0, NULL, 0 <unfinished ...>',
    "20122 07:47:21.215457 <... sendto resumed>) = 12 <0.002053>",
    "20122 07:47:21.215619 recvfrom(3<TCP:[127.0.0.1:36000->127.0.0.1:20000]>,  <unfinished ...>",
    "20123 07:47:21.230225 close(3<TCP:[127.0.0.1:20000]>) = 0 <0.000018>",
    '20123 07:47:21.230626 recvfrom(4<TCP:[127.0.0.1:20000->127.0.0.1:36000]>, "hello server", 64, 0, NULL, NULL) = 12 <0.000067>',
    '20123 07:47:21.230873 sendto(4<TCP:[127.0.0.1:20000->127.0.0.1:36000]>, "reply: hello server", 19, 0, NULL, 0) = 19 <0.000066>',
    "20117 07:47:21.220298 close(4<TCP:[127.0.0.1:20000->127.0.0.1:36000]>) = 0 <0.000129>",
    '20122 07:47:21.230998 <... recvfrom resumed>"reply: hello server", 64, 0, NULL, NULL) = 19 <0.015366>',
    "20123 07:47:21.231913 close(4<TCP:[127.0.0.1:20000->127.0.0.1:36000]> <unfinished ...>",
    "20122 07:47:21.231974 close(3<TCP:[127.0.0.1:36000->127.0.0.1:20000]> <unfinished ...>",
    "20123 07:47:21.232023 <... close resumed>) = 0 <0.000094>",
    "20122 07:47:21.232065 <... close resumed>) = 0 <0.000079>",
    "20123 07:47:21.234189 +++ exited with 0 +++",
    "20122 07:47:21.235634 +++ exited with 0 +++",
    "20117 07:47:21.235721 close(3<TCP:[127.0.0.1:20000]>) = 0 <0.000020>",
    "20117 07:47:21.327514 +++ exited with 0 +++",
  ];

  test("an accepted socket used by another pid with the same decoration is one connection with all the bytes", () => {
    const m = modelLines(TCP_NO_CLONE);
    const accept = only(m, "accept4");
    const servers = m.connections.filter((c) => c.role === "server");
    expect(servers).toHaveLength(1);
    const server = servers[0] as ConnectionEvent;
    expect(server).toMatchObject({
      id: accept.newSocket?.id,
      pid: 20117,
      fd: 4,
      local: { text: "127.0.0.1:20000" },
      remote: { text: "127.0.0.1:36000" },
      bytesIn: 12,
      bytesOut: 19,
      outcome: "closed",
      release: "close",
      releasedBy: 20123,
    });
    // The handler's calls are on that socket.
    for (const e of m.calls.filter((c) => c.pid === 20123 && c.name !== "close")) {
      if (e.leadingFd()?.fd === 4) expect(e.socket?.id).toBe(server.id);
    }
    const client = connectionOf(m, only(m, "connect"));
    expect([client.peer, server.peer]).toEqual([server.id, client.id]);
    expect([client.bytesOut, client.bytesIn]).toEqual([12, 19]);
    // The handler's close(3) of the listener it inherited (unseen) is not a second listener.
    expect(m.connections.filter((c) => c.role === "listener")).toHaveLength(1);
  });

  test("a unix socket is matched by its inode the same way", () => {
    // nettrace.py unix, the same recording setup and the same one move of the parent's close(4).
    const m = modelLines([
      "20145 07:47:21.735238 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3<UNIX-STREAM:[823078]> <0.000117>",
      '20145 07:47:21.735707 bind(3<UNIX-STREAM:[823078]>, {sa_family=AF_UNIX, sun_path="/tmp/sockscope-test-unix.sock"}, 32) = 0 <0.000094>',
      '20145 07:47:21.735911 listen(3<UNIX-STREAM:[823078,"/tmp/sockscope-test-unix.sock"]>, 128) = 0 <0.000014>',
      '20145 07:47:21.759824 accept4(3<UNIX-STREAM:[823078,"/tmp/sockscope-test-unix.sock"]>,  <unfinished ...>',
      '20173 07:47:21.775082 close(3<UNIX-STREAM:[823078,"/tmp/sockscope-test-unix.sock"]>) = 0 <0.000247>',
      "20173 07:47:21.777299 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3<UNIX-STREAM:[823110]> <0.000156>",
      '20173 07:47:21.778863 connect(3<UNIX-STREAM:[823110]>, {sa_family=AF_UNIX, sun_path="/tmp/sockscope-test-unix.sock"}, 32) = 0 <0.000160>',
      '20145 07:47:21.779595 <... accept4 resumed>{sa_family=AF_UNIX}, [110 => 2], SOCK_CLOEXEC) = 4<UNIX-STREAM:[823096->823110,"/tmp/sockscope-test-unix.sock"]> <0.019708>',
      '20173 07:47:21.784676 sendto(3<UNIX-STREAM:[823110->823096]>, "hello server", 12, 0, NULL, 0) = 12 <0.000025>',
      "20173 07:47:21.784956 recvfrom(3<UNIX-STREAM:[823110->823096]>,  <unfinished ...>",
      '20180 07:47:21.834050 close(3<UNIX-STREAM:[823078,"/tmp/sockscope-test-unix.sock"]>) = 0 <0.000060>',
      '20180 07:47:21.834586 recvfrom(4<UNIX-STREAM:[823096->823110,"/tmp/sockscope-test-unix.sock"]>, "hello server", 64, 0, NULL, NULL) = 12 <0.000074>',
      '20180 07:47:21.835015 sendto(4<UNIX-STREAM:[823096->823110,"/tmp/sockscope-test-unix.sock"]>, "reply: hello server", 19, 0, NULL, 0) = 19 <0.000063>',
      '20145 07:47:21.804005 close(4<UNIX-STREAM:[823096->823110,"/tmp/sockscope-test-unix.sock"]>) = 0 <0.004396>',
      '20173 07:47:21.835128 <... recvfrom resumed>"reply: hello server", 64, 0, NULL, NULL) = 19 <0.050159>',
      '20180 07:47:21.837924 close(4<UNIX-STREAM:[823096->823110,"/tmp/sockscope-test-unix.sock"]>) = 0 <0.003355>',
      "20173 07:47:21.838273 close(3<UNIX-STREAM:[823110->823096]>) = 0 <0.003418>",
      "20180 07:47:21.849581 +++ exited with 0 +++",
      "20173 07:47:21.847396 +++ exited with 0 +++",
      '20145 07:47:21.854309 close(3<UNIX-STREAM:[823078,"/tmp/sockscope-test-unix.sock"]>) = 0 <0.000040>',
      "20145 07:47:21.996693 +++ exited with 0 +++",
    ]);
    const accept = only(m, "accept4");
    expect(accept.newSocket).toMatchObject({ inode: 823096, peerInode: 823110 });
    const servers = m.connections.filter((c) => c.role === "server");
    expect(servers.map((c) => [c.id, c.bytesIn, c.bytesOut, c.releasedBy])).toEqual([
      [accept.newSocket?.id, 12, 19, 20180],
    ]);
    const client = connectionOf(m, only(m, "connect"));
    expect([client.peer, client.bytesOut, client.bytesIn]).toEqual([accept.newSocket?.id, 12, 19]);
  });

  test("unix ends pair by inode whichever end shows the other's inode first", () => {
    // Built from the lines above (one pid, -yy): the client end shows only its own inode, the
    // server end both; in either order of appearance the two are one connection.
    const client = '100 sendto(3<UNIX-STREAM:[823110]>, "ping", 4, 0, NULL, 0) = 4';
    const server =
      '100 recvfrom(4<UNIX-STREAM:[823096->823110,"/tmp/s.sock"]>, "ping", 64, 0, NULL, NULL) = 4';
    for (const order of [
      [client, server],
      [server, client],
    ]) {
      const m = modelLines(order);
      const [a, b] = m.connections;
      expect([a?.peer, b?.peer]).toEqual([b?.id, a?.id]);
    }
  });
});

describe("first sight of a socket", () => {
  test("after an attach, the fd accept() works on is a listener, listening", () => {
    // attach.c (accept on 0.0.0.0:20014) under `strace -p PID -f -yy -tt -T`, attached before accept.
    const m = modelLines([
      "22623 07:47:38.818647 restart_syscall(<... resuming interrupted read ...>) = 0 <0.482357>",
      '22623 07:47:39.301311 accept(3<TCP:[0.0.0.0:20014]>, {sa_family=AF_INET, sin_port=htons(40876), sin_addr=inet_addr("127.0.0.1")}, [16]) = 4<TCP:[127.0.0.1:20014->127.0.0.1:40876]> <0.875938>',
      '22623 07:47:40.188241 recvfrom(4<TCP:[127.0.0.1:20014->127.0.0.1:40876]>, "hello attach", 64, 0, NULL, NULL) = 12 <0.000037>',
      '22623 07:47:40.188457 sendto(4<TCP:[127.0.0.1:20014->127.0.0.1:40876]>, "hello attach", 12, 0, NULL, 0) = 12 <0.003137>',
      "22623 07:47:40.191775 close(4<TCP:[127.0.0.1:20014->127.0.0.1:40876]>) = 0 <0.000379>",
      "22623 07:47:40.192334 close(3<TCP:[0.0.0.0:20014]>) = 0 <0.000070>",
      "22623 07:47:40.192539 exit_group(0)     = ?",
      "22623 07:47:40.200361 +++ exited with 0 +++",
    ]);
    const accept = only(m, "accept");
    expect(accept.socket).toMatchObject({
      state: "listening",
      transport: "tcp",
      local: { text: "0.0.0.0:20014" },
    });
    expect(accept.newSocket).toMatchObject({ state: "connected", remote: { text: "127.0.0.1:40876" } });
    const listener = connectionOf(m, accept);
    expect(listener).toMatchObject({
      role: "listener",
      state: "listening",
      inherited: true,
      accepted: 1,
      outcome: "closed",
    });
    expect(connectionOf(m, accept, "newSocket")).toMatchObject({ role: "server", bytesIn: 12, bytesOut: 12 });
  });
});

describe("bytes", () => {
  // misc.py: a client made non-blocking with ioctl(FIONBIO), 14 bytes peeked at, then read.
  const MISC = [
    "2797  07:45:35.197616 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<TCP:[713341]> <0.000111>",
    '2797  07:45:35.206937 bind(3<TCP:[713341]>, {sa_family=AF_INET, sin_port=htons(20004), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000164>',
    "2797  07:45:35.211637 listen(3<TCP:[127.0.0.1:20004]>, 128) = 0 <0.000036>",
    "2797  07:45:35.222098 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 4<TCP:[713346]> <0.000113>",
    '2797  07:45:35.226387 connect(4<TCP:[713346]>, {sa_family=AF_INET, sin_port=htons(20004), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000256>',
    '2797  07:45:35.230973 accept4(3<TCP:[127.0.0.1:20004]>, {sa_family=AF_INET, sin_port=htons(39194), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC) = 5<TCP:[127.0.0.1:20004->127.0.0.1:39194]> <0.000065>',
    "2797  07:45:35.234824 ioctl(4<TCP:[127.0.0.1:39194->127.0.0.1:20004]>, FIONBIO, [1]) = 0 <0.000029>",
    '2797  07:45:35.235773 sendto(4<TCP:[127.0.0.1:39194->127.0.0.1:20004]>, "peek at this!\\n", 14, 0, NULL, 0) = 14 <0.000123>',
    '2797  07:45:35.235970 recvfrom(5<TCP:[127.0.0.1:20004->127.0.0.1:39194]>, "peek at this!\\n", 64, MSG_PEEK, NULL, NULL) = 14 <0.000035>',
    '2797  07:45:35.236068 recvfrom(5<TCP:[127.0.0.1:20004->127.0.0.1:39194]>, "peek at this!\\n", 64, 0, NULL, NULL) = 14 <0.000018>',
    "2797  07:45:35.236146 close(5<TCP:[127.0.0.1:20004->127.0.0.1:39194]>) = 0 <0.000037>",
    "2797  07:45:35.236226 close(4<TCP:[127.0.0.1:39194->127.0.0.1:20004]>) = 0 <0.000050>",
    "2797  07:45:35.236318 close(3<TCP:[127.0.0.1:20004]>) = 0 <0.000019>",
    "2797  07:45:35.249755 exit_group(0)     = ?",
    "2797  07:45:35.255732 +++ exited with 0 +++",
  ];

  test("recvfrom(…, MSG_PEEK, …) = 14 counts no bytes; the recvfrom after it counts them", () => {
    const m = modelLines(MISC);
    const [peek, read] = m.calls.filter((e) => e.name === "recvfrom");
    expect(peek?.ret).toBe(14);
    expect(peek?.transfer).toBeUndefined();
    const server = connectionOf(m, read as StitchedCall);
    // `peer`: the traced socket the bytes came from, the client.
    expect(read?.transfer).toEqual({ in: 14, out: 0, totalIn: 14, totalOut: 0, peer: server.peer });
    expect(server).toMatchObject({ role: "server", bytesIn: 14, bytesOut: 0 });
    expect(server.peer).toBe(connectionOf(m, only(m, "sendto")).id);
  });

  test("transfer: each call's bytes and its socket's running totals", () => {
    const m = modelLines(MISC);
    const client = connectionOf(m, only(m, "sendto"));
    expect(only(m, "sendto").transfer).toEqual({
      in: 0,
      out: 14,
      totalIn: 0,
      totalOut: 14,
      peer: client.peer,
    });
    expect(client).toMatchObject({ role: "client", bytesIn: 0, bytesOut: 14 });
    // Calls that move nothing carry no transfer.
    for (const e of m.calls.filter((c) => c.name !== "sendto" && c.name !== "recvfrom"))
      expect([e.name, e.transfer]).toEqual([e.name, undefined]);
  });

  test("ioctl(fd, FIONBIO, [1]) makes the socket non-blocking", () => {
    const m = modelLines(MISC);
    expect(only(m, "connect").socket?.nonblocking).toBe(false);
    expect(only(m, "ioctl").socket?.nonblocking).toBe(true);
    expect(only(m, "sendto").socket?.nonblocking).toBe(true);
    expect(connectionOf(m, only(m, "ioctl"))).toMatchObject({ role: "client", nonblocking: true });
    // Only that socket.
    expect(connectionOf(m, only(m, "accept4"), "newSocket").nonblocking).toBe(false);
  });

  test("sendmmsg/recvmmsg count the bytes of each message (msg_len), not the message count", () => {
    // mmsg.c: two connected UDP sockets; three messages of 5, 7 and 1 bytes each way.
    const m = modelLines([
      "7934  07:46:14.743608 socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 3<UDP:[744445]> <0.000062>",
      "7934  07:46:14.743926 socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 4<UDP:[744447]> <0.000015>",
      '7934  07:46:14.744018 bind(3<UDP:[744445]>, {sa_family=AF_INET, sin_port=htons(20010), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000078>',
      '7934  07:46:14.744190 bind(4<UDP:[744447]>, {sa_family=AF_INET, sin_port=htons(20011), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000014>',
      '7934  07:46:14.744275 connect(4<UDP:[127.0.0.1:20011]>, {sa_family=AF_INET, sin_port=htons(20010), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000023>',
      '7934  07:46:14.744354 connect(3<UDP:[127.0.0.1:20010]>, {sa_family=AF_INET, sin_port=htons(20011), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000016>',
      '7934  07:46:14.744458 sendmmsg(4<UDP:[127.0.0.1:20011]>, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="first", iov_len=5}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=5}, {msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="second!", iov_len=7}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=7}, {msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="3", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=1}], 3, 0) = 3 <0.000081>',
      '7934  07:46:14.746141 recvmmsg(3<UDP:[127.0.0.1:20010]>, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="first", iov_len=64}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=5}, {msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="second!", iov_len=64}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=7}, {msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="3", iov_len=64}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=1}], 3, MSG_DONTWAIT, NULL) = 3 <0.000017>',
      "7934  07:46:14.746245 close(3<UDP:[127.0.0.1:20010]>) = 0 <0.000072>",
      "7934  07:46:14.746355 close(4<UDP:[127.0.0.1:20011]>) = 0 <0.000014>",
      "7934  07:46:14.746422 exit_group(0)     = ?",
      "7934  07:46:14.747126 +++ exited with 0 +++",
    ]);
    const sender = connectionOf(m, only(m, "sendmmsg"));
    const receiver = connectionOf(m, only(m, "recvmmsg"));
    expect(only(m, "sendmmsg").transfer).toEqual({
      in: 0,
      out: 13,
      totalIn: 0,
      totalOut: 13,
      peer: receiver.id,
    });
    expect(only(m, "recvmmsg").transfer).toEqual({
      in: 13,
      out: 0,
      totalIn: 13,
      totalOut: 0,
      peer: sender.id,
    });
    expect([sender.bytesOut, sender.bytesIn, receiver.bytesIn, receiver.bytesOut]).toEqual([13, 0, 13, 0]);
    // Each connected to the other's address: paired both ways.
    expect([sender.peer, receiver.peer]).toEqual([receiver.id, sender.id]);
  });
});

describe("datagram pairing", () => {
  test("a socket bound 0.0.0.0:P receiving from 127.0.0.1:E and the one bound 127.0.0.1:E sending to P are paired", () => {
    // udp.py: a on 0.0.0.0:20005, b on 127.0.0.1:20006; ping and pong.
    const m = modelLines([
      "5140  07:46:00.354108 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<UDP:[726600]> <0.000172>",
      '5140  07:46:00.355245 bind(3<UDP:[726600]>, {sa_family=AF_INET, sin_port=htons(20005), sin_addr=inet_addr("0.0.0.0")}, 16) = 0 <0.000163>',
      "5140  07:46:00.355614 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 4<UDP:[726603]> <0.000021>",
      '5140  07:46:00.358409 bind(4<UDP:[726603]>, {sa_family=AF_INET, sin_port=htons(20006), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000047>',
      '5140  07:46:00.358844 sendto(4<UDP:[127.0.0.1:20006]>, "ping", 4, 0, {sa_family=AF_INET, sin_port=htons(20005), sin_addr=inet_addr("127.0.0.1")}, 16) = 4 <0.000094>',
      '5140  07:46:00.359176 recvfrom(3<UDP:[0.0.0.0:20005]>, "ping", 64, 0, {sa_family=AF_INET, sin_port=htons(20006), sin_addr=inet_addr("127.0.0.1")}, [16]) = 4 <0.000087>',
      '5140  07:46:00.359531 sendto(3<UDP:[0.0.0.0:20005]>, "pong", 4, 0, {sa_family=AF_INET, sin_port=htons(20006), sin_addr=inet_addr("127.0.0.1")}, 16) = 4 <0.000046>',
      '5140  07:46:00.359650 recvfrom(4<UDP:[127.0.0.1:20006]>, "pong", 64, 0, {sa_family=AF_INET, sin_port=htons(20005), sin_addr=inet_addr("127.0.0.1")}, [16]) = 4 <0.000093>',
      "5140  07:46:00.359893 close(3<UDP:[0.0.0.0:20005]>) = 0 <0.000024>",
      "5140  07:46:00.359965 close(4<UDP:[127.0.0.1:20006]>) = 0 <0.000018>",
      "5140  07:46:00.398455 exit_group(0)     = ?",
      "5140  07:46:00.413661 +++ exited with 0 +++",
    ]);
    const [a, b] = m.connections;
    expect(a?.local?.text).toBe("0.0.0.0:20005");
    expect(b?.local?.text).toBe("127.0.0.1:20006");
    expect([a?.peer, b?.peer]).toEqual([b?.id, a?.id]);
    expect([a?.bytesIn, a?.bytesOut, b?.bytesIn, b?.bytesOut]).toEqual([4, 4, 4, 4]);
    expect(a?.peers?.map((p) => p.text)).toEqual(["127.0.0.1:20006"]);
  });

  test("a UDP server with two clients keeps no single peer, while each client names the server", () => {
    // udp2.py: a server on 0.0.0.0:20007, clients on 127.0.0.1:20008 and :20009.
    const m = modelLines([
      "5267  07:46:01.103136 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<UDP:[726618]> <0.000125>",
      '5267  07:46:01.103743 bind(3<UDP:[726618]>, {sa_family=AF_INET, sin_port=htons(20007), sin_addr=inet_addr("0.0.0.0")}, 16) = 0 <0.000139>',
      "5267  07:46:01.104076 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 4<UDP:[726621]> <0.000022>",
      '5267  07:46:01.104200 bind(4<UDP:[726621]>, {sa_family=AF_INET, sin_port=htons(20008), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000026>',
      "5267  07:46:01.104316 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 5<UDP:[726624]> <0.000019>",
      '5267  07:46:01.104436 bind(5<UDP:[726624]>, {sa_family=AF_INET, sin_port=htons(20009), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000021>',
      '5267  07:46:01.104610 sendto(4<UDP:[127.0.0.1:20008]>, "one", 3, 0, {sa_family=AF_INET, sin_port=htons(20007), sin_addr=inet_addr("127.0.0.1")}, 16) = 3 <0.000055>',
      '5267  07:46:01.104769 recvfrom(3<UDP:[0.0.0.0:20007]>, "one", 64, 0, {sa_family=AF_INET, sin_port=htons(20008), sin_addr=inet_addr("127.0.0.1")}, [16]) = 3 <0.000019>',
      '5267  07:46:01.104922 sendto(3<UDP:[0.0.0.0:20007]>, "ONE", 3, 0, {sa_family=AF_INET, sin_port=htons(20008), sin_addr=inet_addr("127.0.0.1")}, 16) = 3 <0.000024>',
      '5267  07:46:01.105005 recvfrom(4<UDP:[127.0.0.1:20008]>, "ONE", 64, 0, {sa_family=AF_INET, sin_port=htons(20007), sin_addr=inet_addr("127.0.0.1")}, [16]) = 3 <0.000017>',
      '5267  07:46:01.105083 sendto(5<UDP:[127.0.0.1:20009]>, "two!", 4, 0, {sa_family=AF_INET, sin_port=htons(20007), sin_addr=inet_addr("127.0.0.1")}, 16) = 4 <0.000026>',
      '5267  07:46:01.105210 recvfrom(3<UDP:[0.0.0.0:20007]>, "two!", 64, 0, {sa_family=AF_INET, sin_port=htons(20009), sin_addr=inet_addr("127.0.0.1")}, [16]) = 4 <0.000017>',
      '5267  07:46:01.105292 sendto(3<UDP:[0.0.0.0:20007]>, "TWO!", 4, 0, {sa_family=AF_INET, sin_port=htons(20009), sin_addr=inet_addr("127.0.0.1")}, 16) = 4 <0.000021>',
      '5267  07:46:01.105368 recvfrom(5<UDP:[127.0.0.1:20009]>, "TWO!", 64, 0, {sa_family=AF_INET, sin_port=htons(20007), sin_addr=inet_addr("127.0.0.1")}, [16]) = 4 <0.000018>',
      "5267  07:46:01.105456 close(3<UDP:[0.0.0.0:20007]>) = 0 <0.000074>",
      "5267  07:46:01.105576 close(4<UDP:[127.0.0.1:20008]>) = 0 <0.000019>",
      "5267  07:46:01.105637 close(5<UDP:[127.0.0.1:20009]>) = 0 <0.000018>",
      "5267  07:46:01.133699 exit_group(0)     = ?",
      "5267  07:46:01.146916 +++ exited with 0 +++",
    ]);
    const [server, one, two] = m.connections;
    expect([server?.local?.text, one?.local?.text, two?.local?.text]).toEqual([
      "0.0.0.0:20007",
      "127.0.0.1:20008",
      "127.0.0.1:20009",
    ]);
    expect(server?.peer).toBeUndefined();
    expect(server?.peers?.map((p) => p.text)).toEqual(["127.0.0.1:20008", "127.0.0.1:20009"]);
    expect([one?.peer, two?.peer]).toEqual([server?.id, server?.id]);
    expect([server?.bytesIn, server?.bytesOut]).toEqual([7, 7]);
  });
});

describe("processes", () => {
  test("a process is named by its execve; forked children inherit the name and know their parent", () => {
    const m = modelText(readLog("forking-server.o-yy-tt-T.strace"));
    expect(only(m, "execve").process).toEqual({ pid: 8245, tgid: 8245, name: "forking-server" });
    for (const child of [8246, 8247, 8248, 8249]) {
      const first = m.calls.find((e) => e.pid === child);
      expect(first?.process).toEqual({ pid: child, tgid: child, parent: 8245, name: "forking-server" });
    }
    // Exits carry the process too.
    expect(m.events.find((e) => e.type === "exit" && e.pid === 8246)).toMatchObject({
      process: { pid: 8246, parent: 8245 },
    });
    expect(m.model.view.processes.root).toBe(8245);
    expect(m.model.view.processes.rootExit).toEqual({ code: 0 });
  });

  test("a thread (CLONE_THREAD) belongs to its creator's thread group", () => {
    const name = "threads.o-yy-tt-T.strace";
    expect(logLines(name)[42]).toContain(
      "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD",
    );
    const m = modelText(readLog(name));
    for (const thread of [8634, 8635, 8636]) {
      const calls = m.calls.filter((e) => e.pid === thread);
      expect(calls.length).toBeGreaterThan(0);
      for (const e of calls)
        expect(e.process).toEqual({ pid: thread, tgid: 8633, parent: 8633, name: "threads" });
      expect(m.model.view.processes.tgid(thread)).toBe(8633);
    }
    // Threads share the fd table: the socket a thread accepted on is the main thread's listener.
    const listen = only(m, "listen");
    const threadAccepts = m.calls.filter(
      (e) => e.pid !== 8633 && e.name === "accept" && e.ret !== null && e.ret >= 0,
    );
    for (const e of threadAccepts) expect(e.socket?.id).toBe(listen.socket?.id);
  });

  test("views are shared and frozen: one object per process and per socket state", () => {
    // misc.py's first socket and bind, with a getsockopt between them (built: strace's syntax for it).
    const m = modelLines([
      "2797  07:45:35.197616 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3<TCP:[713341]> <0.000111>",
      "2797  07:45:35.201000 getsockopt(3<TCP:[713341]>, SOL_SOCKET, SO_TYPE, [1], [4]) = 0 <0.000010>",
      '2797  07:45:35.206937 bind(3<TCP:[713341]>, {sa_family=AF_INET, sin_port=htons(20004), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000164>',
    ]);
    const [socket, getsockopt, bind] = m.calls;
    expect(Object.isFrozen(socket?.socket)).toBe(true);
    expect(getsockopt?.socket).toBe(socket?.socket);
    expect(bind?.socket).not.toBe(socket?.socket);
    expect(bind?.socket?.state).toBe("bound");
    expect(getsockopt?.process).toBe(socket?.process);
    expect(Object.isFrozen(socket?.process)).toBe(true);
  });
});

describe("execve: the socket fds it passes on", () => {
  test("inetd-dup2: the accepted socket dup2'd onto 0 and 1 survives; madeBy is the accept", () => {
    const m = modelText(readLog("inetd-dup2.o-yy-tt-T.strace"));
    const accept = only(m, "accept");
    expect(accept).toMatchObject({ pid: 14313, lineNo: 38 });
    const execve = m.calls.find((e) => e.name === "execve" && e.pid === 14315);
    expect(execve?.lineNo).toBe(66);
    const inherited = execve?.inheritedFds ?? [];
    expect(inherited.map((f) => f.fd)).toEqual([0, 1]);
    for (const f of inherited) {
      expect(f.socket.id).toBe(accept.newSocket?.id);
      // The fd was made by a dup2 in the child, from fd 5, which the parent's accept made.
      expect(f.madeBy).toBe(accept);
    }
    // fd 10 (F_DUPFD_CLOEXEC) and the UDP socket (SOCK_CLOEXEC) did not survive.
    expect(inherited.some((f) => f.fd === 10)).toBe(false);
  });
});
