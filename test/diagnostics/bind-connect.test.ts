// bind-eaddrinuse, backlog-clamped and connect-refused on hand-written strace snippets.
import { describe, expect, test } from "vitest";
import { findings, INET, LISTENER, listener, type Row, TCP, TCP_NEW, trace } from "./snippets.js";

const bindFails = (t: number, fd: number, port: number, pid = 100): Row[] => [
  [t, `socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = ${TCP_NEW(fd, 2000 + fd)}`, pid],
  [t, `bind(${TCP_NEW(fd, 2000 + fd)}, ${INET(port)}) = -1 EADDRINUSE (Address already in use)`, pid],
];

describe("bind-eaddrinuse", () => {
  test("names a listener of another process, wildcard included, and the reuse options", () => {
    const text = trace(...listener(0, 3, 8080, 100, "0.0.0.0", true), ...bindFails(1, 3, 8080, 200));
    const [d] = findings("bind-eaddrinuse", text);
    expect(d).toMatchObject({ severity: "warning", pid: 200 });
    expect(d?.message).toBe(
      "bind() of fd 3 (TCP) to 127.0.0.1:8080 failed with EADDRINUSE: fd 3 of process 100 is already listening on " +
        "0.0.0.0:8080 (SO_REUSEADDR set on fd 3; neither SO_REUSEADDR nor SO_REUSEPORT set on fd 3).",
    );
    expect(d?.fix).toMatch(/SO_REUSEPORT on every one of them/);
  });

  test("a connection this side closed first is in TIME_WAIT: set SO_REUSEADDR", () => {
    const S = TCP(4, "127.0.0.1:8080", "127.0.0.1:40000");
    const text = trace(
      ...listener(0, 3, 8080),
      [0.1, `accept(${LISTENER(3)}, NULL, NULL) = ${S}`],
      [0.2, `close(${S}) = 0`],
      [0.3, `close(${LISTENER(3)}) = 0`],
      ...bindFails(1, 3, 8080),
    );
    const [d] = findings("bind-eaddrinuse", text);
    expect(d?.message).toMatch(
      /a connection on 127\.0\.0\.1:8080 \(fd 4 of process 100\) was closed by this side before the peer's FIN showed.*TIME_WAIT/,
    );
    expect(d?.fix).toMatch(/^Set SO_REUSEADDR/);
  });

  test("an aborted connection (SO_LINGER {1, 0}) leaves no TIME_WAIT", () => {
    const S = TCP(4, "127.0.0.1:8080", "127.0.0.1:40000");
    const text = trace(
      ...listener(0, 3, 8080),
      [0.1, `accept(${LISTENER(3)}, NULL, NULL) = ${S}`],
      [0.15, `setsockopt(${S}, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0`],
      [0.2, `close(${S}) = 0`],
      [0.3, `close(${LISTENER(3)}) = 0`],
      ...bindFails(1, 3, 8080),
    );
    expect(findings("bind-eaddrinuse", text)[0]?.message).toMatch(/no socket in this trace holds/);
  });

  test("nobody in the trace: another process or TIME_WAIT of an earlier run", () => {
    const [d] = findings("bind-eaddrinuse", trace(...bindFails(1, 3, 8080)));
    expect(d?.message).toMatch(/no socket in this trace holds 127\.0\.0\.1:8080/);
    expect(d?.fix).toMatch(/ss -tanp 'sport = :8080'/);
  });

  test("a unix socket path that already exists", () => {
    const text = trace(
      [0, "socket(AF_UNIX, SOCK_STREAM, 0) = 3<UNIX-STREAM:[77]>"],
      [
        0,
        'bind(3<UNIX-STREAM:[77]>, {sa_family=AF_UNIX, sun_path="/tmp/s.sock"}, 110) = -1 EADDRINUSE (Address already in use)',
      ],
    );
    const [d] = findings("bind-eaddrinuse", text);
    expect(d?.message).toMatch(/to \/tmp\/s\.sock failed with EADDRINUSE: .*socket file exists/);
    expect(d?.fix).toMatch(/^unlink\(\)/);
  });

  test("listen() fails when two SO_REUSEADDR sockets share the port", () => {
    const second = [
      [1, `socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = ${TCP_NEW(4)}`],
      [1, `setsockopt(${TCP_NEW(4)}, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0`],
      [1, `bind(${TCP_NEW(4)}, ${INET(8080)}) = 0`],
      [1, `listen(${LISTENER(4)}, 16) = -1 EADDRINUSE (Address already in use)`],
    ] as Row[];
    const [d] = findings(
      "bind-eaddrinuse",
      trace(...listener(0, 3, 8080, 100, "127.0.0.1", true), ...second),
    );
    expect(d?.message).toMatch(
      /^listen\(\) on fd 4 \(TCP 127\.0\.0\.1:8080\) failed with EADDRINUSE: fd 3 of process 100 is already listening/,
    );
  });
});

describe("backlog-clamped", () => {
  const listen = (backlog: number) =>
    trace(...listener(0, 3, 8080).slice(0, 2), [0, `listen(${LISTENER(3)}, ${backlog}) = 0`]);

  test("above somaxconn, negative included; at or below: quiet", () => {
    expect(findings("backlog-clamped", listen(4096), { somaxconn: 4096 })).toEqual([]);
    expect(
      findings("backlog-clamped", listen(511), { somaxconn: 128, somaxconnIsLive: true })[0]?.message,
    ).toMatch(
      /listen\(fd 3 \(TCP 127\.0\.0\.1:8080\), 511\): the backlog is above net\.core\.somaxconn \(128 on this machine\), so the kernel silently used 128/,
    );
    expect(findings("backlog-clamped", listen(-1), { somaxconn: 4096 })[0]?.message).toMatch(
      /-1\) \(negative: the kernel reads it as unsigned, 4294967295\)/,
    );
  });

  test("says where somaxconn comes from", () => {
    expect(findings("backlog-clamped", listen(100000))[0]?.message).toMatch(/assumed 4096/);
    expect(findings("backlog-clamped", listen(100000), { somaxconn: 1024 })[0]?.message).toMatch(
      /1024 on the machine running sockscope; the machine that recorded the trace may differ/,
    );
  });
});

describe("connect-refused", () => {
  const refused = (t: number, fd: number, port: number): Row[] => [
    [t, `socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = ${TCP_NEW(fd, 3000 + t * 10)}`],
    [t, `connect(${TCP_NEW(fd, 3000 + t * 10)}, ${INET(port)}) = -1 ECONNREFUSED (Connection refused)`],
    [t, `close(${TCP_NEW(fd, 3000 + t * 10)}) = 0`],
  ];

  test("one finding per process and address, even in a retry loop", () => {
    const text = trace(...refused(1, 3, 9000), ...refused(2, 3, 9000), ...refused(3, 3, 9001));
    expect(findings("connect-refused", text).map((d) => d.message.match(/to (\S+)/)?.[1])).toEqual([
      "127.0.0.1:9000",
      "127.0.0.1:9001",
    ]);
  });

  test("a unix socket without a server; a UDP ICMP error is not a refused connect", () => {
    const unix = trace(
      [0, "socket(AF_UNIX, SOCK_STREAM, 0) = 3<UNIX-STREAM:[5]>"],
      [
        0,
        'connect(3<UNIX-STREAM:[5]>, {sa_family=AF_UNIX, sun_path="/run/x.sock"}, 110) = -1 ECONNREFUSED (Connection refused)',
      ],
    );
    expect(findings("connect-refused", unix)[0]?.message).toMatch(
      /to \/run\/x\.sock failed with ECONNREFUSED: nothing accepts connections there/,
    );
    const udp = trace(
      [0, "socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 3<UDP:[6]>"],
      [0, `connect(3<UDP:[6]>, ${INET(53)}) = 0`],
      [
        0,
        "recvfrom(3<UDP:[127.0.0.1:5000->127.0.0.1:53]>, 0x7f, 512, 0, NULL, NULL) = -1 ECONNREFUSED (Connection refused)",
      ],
    );
    expect(findings("connect-refused", udp)).toEqual([]);
  });
});
