// connect-timeout and nonblocking-connect-unchecked on hand-written strace snippets.
import { describe, expect, test } from "vitest";
import { findings, INET, type Row, TCP, TCP_NEW, THREAD, trace } from "./snippets.js";

describe("connect-timeout", () => {
  const NB = "SOCK_STREAM|SOCK_NONBLOCK";
  const start = (t: number): Row[] => [
    [t, `socket(AF_INET, ${NB}, IPPROTO_IP) = ${TCP_NEW(3)}`],
    [t, `connect(${TCP_NEW(3)}, ${INET(8080)}) = -1 EINPROGRESS (Operation now in progress)`],
  ];

  test("ETIMEDOUT from a blocking connect or from SO_ERROR", () => {
    const blocking = trace(
      [0, `socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = ${TCP_NEW(3)}`],
      [0, `connect(${TCP_NEW(3)}, ${INET(8080)}) = -1 ETIMEDOUT (Connection timed out) <131.000000>`],
    );
    expect(findings("connect-timeout", blocking)[0]).toMatchObject({ severity: "warning" });
    expect(findings("connect-timeout", blocking)[0]?.message).toMatch(
      /timed out \(ETIMEDOUT after 131\.00 s\)/,
    );
    const nonblocking = trace(...start(0), [
      3,
      `getsockopt(${TCP_NEW(3)}, SOL_SOCKET, SO_ERROR, [ETIMEDOUT], [4]) = 0`,
    ]);
    expect(findings("connect-timeout", nonblocking).map((d) => d.severity)).toEqual(["warning"]);
  });

  test("slow but successful: info; fast: quiet", () => {
    const slow = trace(
      [0, `socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = ${TCP_NEW(3)}`],
      [0, `connect(${TCP_NEW(3)}, ${INET(8080)}) = 0 <3.500000>`],
    );
    expect(findings("connect-timeout", slow)[0]?.message).toMatch(/took 3\.50 s \(more than 3 s\)/);
    const late = trace(
      ...start(0),
      [4, "poll([{fd=3, events=POLLOUT}], 1, 5000) = 1 ([{fd=3, revents=POLLOUT}])"],
      [4, `getsockopt(${TCP(3)}, SOL_SOCKET, SO_ERROR, [0], [4]) = 0`],
    );
    expect(findings("connect-timeout", late).map((d) => d.severity)).toEqual(["info"]);
    const quick = trace(...start(0), [0.1, `getsockopt(${TCP(3)}, SOL_SOCKET, SO_ERROR, [0], [4]) = 0`]);
    expect(findings("connect-timeout", quick)).toEqual([]);
  });

  test("a non-blocking connect the program gave up on", () => {
    const [d] = findings("connect-timeout", trace(...start(0), [5, `close(${TCP_NEW(3)}) = 0`]));
    expect(d?.message).toMatch(/never completed: the socket was closed 5\.00 s after EINPROGRESS/);
  });
});

describe("nonblocking-connect-unchecked", () => {
  const start: Row[] = [
    [0, `socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_IP) = ${TCP_NEW(3)}`],
    [0, `connect(${TCP_NEW(3)}, ${INET(8080)}) = -1 EINPROGRESS (Operation now in progress)`],
  ];
  const send: Row = [
    0.1,
    `sendto(${TCP(3)}, "hi", 2, 0, NULL, 0) = -1 EAGAIN (Resource temporarily unavailable)`,
  ];

  test("data before any check", () => {
    const [d] = findings("nonblocking-connect-unchecked", trace(...start, send));
    expect(d?.message).toMatch(
      /^The non-blocking connect of fd 3 \(TCP\) to 127\.0\.0\.1:8080 returned EINPROGRESS, and sendto\(\) used the socket .*failed with EAGAIN/,
    );
  });

  test("a wait in the process, in one of its threads, or SO_ERROR first: quiet", () => {
    const poll: Row = [0.05, "poll([{fd=3, events=POLLOUT}], 1, 1000) = 1 ([{fd=3, revents=POLLOUT}])"];
    expect(findings("nonblocking-connect-unchecked", trace(...start, poll, send))).toEqual([]);
    const thread: Row[] = [
      [0, `${THREAD} = 101`],
      [
        0.05,
        "epoll_wait(5<anon_inode:[eventpoll]>, [{events=EPOLLOUT, data={u32=3, u64=3}}], 8, -1) = 1",
        101,
      ],
    ];
    expect(findings("nonblocking-connect-unchecked", trace(...start, ...thread, send))).toEqual([]);
    const soError: Row = [0.05, `getsockopt(${TCP(3)}, SOL_SOCKET, SO_ERROR, [0], [4]) = 0`];
    expect(findings("nonblocking-connect-unchecked", trace(...start, soError, send))).toEqual([]);
  });

  test("a wait by an unrelated process does not count", () => {
    const other: Row = [0.05, "poll([{fd=3, events=POLLIN}], 1, 1000) = 1 ([{fd=3, revents=POLLIN}])", 300];
    expect(findings("nonblocking-connect-unchecked", trace(...start, other, send))).toHaveLength(1);
  });
});
