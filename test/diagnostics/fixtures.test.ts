// The diagnostics over every recorded log in fixtures/logs: the findings (code:severity, with
// repeats) per scenario equal the table below, the same for every flag mix of a scenario. Each
// finding was reviewed against its log; a finding that is not in the table is a false positive to
// fix in the rule, not a line to add here. A new scenario must be added to the table (reviewed).
import { describe, expect, test } from "vitest";
import type { DiagnosticEvent } from "../../src/core/events.js";
import { DEFAULT_RULE_OPTIONS } from "../../src/diagnostics/rule.js";
import { DiagnosticEventSchema, SCHEMA_VERSION } from "../../src/events/schema.js";
import { eventsFromText } from "../../src/pipeline.js";
import { eventJson } from "../../src/render/jsonl.js";
import { recordedLogs } from "../helpers/logs.js";

const EXPECTED: Record<string, string[]> = {
  // A traced echo loop, attached mid-way and detached: nothing wrong.
  attach: [],
  "bulk-transfer": [],
  // curl (TCP_NODELAY, non-blocking connect checked with poll + SO_ERROR) and a Python server
  // (one read, two sends, shutdown, close: no read after the writes).
  "curl-http": [],
  "curl-http-server": [],
  // curl's non-blocking connect to 127.0.0.1:49003 / [::1]:49003: SO_ERROR = ECONNREFUSED.
  "curl-refused": ["connect-refused:warning"],
  "curl-refused-v6": ["connect-refused:warning"],
  // A local DNS exchange over UDP.
  "dns-local": [],
  errors: [
    // bind to 127.0.0.1:47008 while fd 3 of the same process listens on it.
    "bind-eaddrinuse:warning",
    // send(MSG_NOSIGNAL) on never-connected fd 5: EPIPE instead of ENOTCONN.
    "epipe-sigpipe:warning",
    // write after ECONNRESET on fd 4: EPIPE, SIGPIPE ignored (the process survives).
    "epipe-sigpipe:warning",
    // the child writes after ECONNRESET: EPIPE, and SIGPIPE kills it.
    "epipe-sigpipe:error",
    // two accepted sockets closed with SO_LINGER {1, 0}: RST.
    "linger-zero-reset:info",
    "linger-zero-reset:info",
  ],
  // families.c, one scenario per mode (fixtures/README.md, "families"). As nobody: ICMP ping
  // sockets EACCES (ping_group_range), raw sockets EPERM: nothing on the wire, no finding.
  "families-denied": [],
  // Half-close: shutdown(SHUT_WR), EOF read, a reply after it, shutdown(SHUT_RD) = ENOTCONN at the
  // end (both FINs through): every socket closed.
  "families-halfclose": [],
  // An RTM_GETLINK dump read until NLMSG_DONE.
  "families-netlink": [],
  // EAGAIN from FIONBIO, MSG_DONTWAIT, SO_RCVTIMEO and a non-blocking accept: single tries, not a
  // loop; the EINPROGRESS connect is polled and checked with SO_ERROR before use.
  "families-nonblock": [],
  // listen([::]:port, 100000) above somaxconn 4096 (on the recording machine as well).
  "families-options": ["backlog-clamped:info"],
  // ICMP and ICMPv6 echo over ping sockets.
  "families-ping": [],
  // sendfile and splice over one loopback connection; every fd closed.
  "families-splice": [],
  "families-udp6": [],
  // Two connects to DIR/bound-not-listening.sock refused (bound but never listening, then closed):
  // one finding for the address. The connect to DIR/missing.sock (ENOENT) gets none.
  "families-unix": ["connect-refused:warning"],
  // Two clients, one handler child per connection; every fd closed at EOF.
  "forking-server": [],
  // The handler dup2()s the connection onto fds 0/1 and execs cat: the inetd pattern (fd 4 UDP is
  // SOCK_CLOEXEC, fd 10 F_DUPFD_CLOEXEC: not inherited).
  "inetd-dup2": ["fd-inherited-by-exec:info"],
  ipv6: [],
  // leaks.c: close_range closes everything; a short client leaves its sockets to exit; a child
  // keeps an inherited socket it never uses (a --fail-on leak finding, no diagnostic: nothing
  // went wrong on the wire); the dead mode reads the peer's FIN and keeps the socket 1.6 s.
  "leaks-close-range": [],
  "leaks-short-cli": [],
  "leaks-child-leak": [],
  "leaks-dead": ["close-wait-leak:warning"],
  // Killed while blocked in accept (SIGTERM; handled SIGINT/SIGUSR1; SIGKILL in a thread).
  killed: [],
  "killed-handled": [],
  "killed-sigkill-thread": [],
  // connect to 127.0.0.1:48404 refused before the SIGSEGV.
  "killed-segv": ["connect-refused:warning"],
  // connect to 127.0.0.1:48601 refused (the program prints on stderr in between).
  "mixed-stderr": ["connect-refused:warning"],
  "netlink-ip-addr": [],
  "netlink-ip-addr-add": [],
  "netlink-ip-link-set": [],
  "netlink-ip-route": [],
  // Node: large writev/write, reads on the other end; connect checked through epoll.
  "node-http-sendfile": [],
  // 127.0.0.1:47005 refused twice (SO_ERROR, then a blocking connect): one finding per address.
  // The EINPROGRESS connects are all checked (poll/epoll_wait before the first send); the two
  // EAGAIN recvs are single tries, not a loop.
  "nonblocking-connect": ["connect-refused:warning"],
  "py-threaded-echo": [],
  "python-echo": [],
  // Connection 1: the server closes with SO_LINGER {1, 0} (RST); attempt 3: connect to
  // 127.0.0.1:49007 after the listener closed, refused.
  reset: ["connect-refused:warning", "linger-zero-reset:info"],
  "scm-rights-pass": [],
  sendfile: [],
  "tcp-echo": [],
  threads: [],
  udp: [],
  "udp-senders": [],
  unix: [],
};

const OPTIONS = { ...DEFAULT_RULE_OPTIONS, somaxconn: 4096, somaxconnIsLive: false };
const LOGS = recordedLogs();

describe("diagnostics of the recorded logs", () => {
  test.each(LOGS.map((log) => ({ name: log.name, log })))("$name", ({ name, log }) => {
    const scenario = name.slice(0, name.indexOf("."));
    const expected = EXPECTED[scenario];
    expect(expected, `scenario ${scenario} is not in the table: review its findings`).toBeDefined();
    const events = eventsFromText(log.text, { diagnostics: OPTIONS });
    const found = events.filter((e): e is DiagnosticEvent => e.type === "diagnostic");
    // Each one is a valid event of the JSON contract, and the JSON sink writes it without loss.
    for (const d of found) {
      const wire: unknown = JSON.parse(eventJson(d));
      expect(DiagnosticEventSchema.parse(wire)).toEqual({ v: SCHEMA_VERSION, ...d });
    }
    const got = found.map((d) => `${d.code}:${d.severity}`).sort();
    expect(got, found.map((d) => `${d.code}: ${d.message}`).join("\n")).toEqual([...(expected ?? [])].sort());
  });

  test("every scenario of the table has logs", () => {
    const scenarios = new Set(LOGS.map((l) => l.name.slice(0, l.name.indexOf("."))));
    expect(Object.keys(EXPECTED).filter((s) => !scenarios.has(s))).toEqual([]);
  });
});
