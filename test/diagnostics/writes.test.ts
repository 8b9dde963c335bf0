// partial-write, nagle-small-writes, busy-eagain-loop and linger-zero-reset on hand-written strace
// snippets.
import { describe, expect, test } from "vitest";
import { client, findings, type Row, TCP, trace } from "./snippets.js";

const C = TCP(3);

describe("partial-write", () => {
  const short = [1, `sendto(${C}, "aaaa"..., 100000, 0, NULL, 0) = 30000`] as Row;

  test("fires when the rest is never sent before close", () => {
    const [d] = findings("partial-write", trace(...client(0), short, [2, `close(${C}) = 0`]));
    expect(d?.severity).toBe("warning");
    expect(d?.message).toMatch(
      /asked to send 100,000 bytes but sent only 30,000; the remaining 70,000 bytes were never sent: the socket was closed \(fd 3, process 100\)/,
    );
  });

  test("quiet when the program sends the rest (or tries to)", () => {
    const rest = [
      1.5,
      `sendto(${C}, "aaaa"..., 70000, 0, NULL, 0) = -1 EAGAIN (Resource temporarily unavailable)`,
    ] as Row;
    expect(findings("partial-write", trace(...client(0), short, rest, [2, `close(${C}) = 0`]))).toEqual([]);
  });

  test("at exit it fires, at the end of the trace it cannot know", () => {
    expect(
      findings("partial-write", trace(...client(0), short, [2, "+++ exited with 0 +++"]))[0]?.message,
    ).toMatch(/process 100 exited/);
    expect(findings("partial-write", trace(...client(0), short))).toEqual([]);
  });

  test("writev counts its iovecs", () => {
    const text = trace(
      ...client(0),
      [1, `writev(${C}, [{iov_base="ab", iov_len=2}, {iov_base="cdef", iov_len=4}], 2) = 3`],
      [2, `close(${C}) = 0`],
    );
    expect(findings("partial-write", text)[0]?.message).toMatch(/asked to send 6 bytes but sent only 3/);
  });
});

describe("nagle-small-writes", () => {
  const ww = (...before: Row[]) =>
    trace(
      ...client(0),
      ...before,
      [1, `write(${C}, "GET /", 5) = 5`],
      [1.001, `write(${C}, "x", 1) = 1`],
      [1.002, `read(${C}, "ok", 100) = 2`],
    );

  test("write, write, read without TCP_NODELAY", () => {
    const [d] = findings("nagle-small-writes", ww());
    expect(d?.message).toMatch(
      /got 2 small writes in a row \(write\(\) of 5 bytes, write\(\) of 1 bytes\), then read\(\)/,
    );
    expect(d?.events).toHaveLength(3);
  });

  test("TCP_NODELAY or TCP_CORK set: quiet; TCP_NODELAY set back to 0: fires", () => {
    const nodelay = [0.5, `setsockopt(${C}, SOL_TCP, TCP_NODELAY, [1], 4) = 0`] as Row;
    expect(findings("nagle-small-writes", ww(nodelay))).toEqual([]);
    expect(
      findings("nagle-small-writes", ww([0.5, `setsockopt(${C}, SOL_TCP, TCP_CORK, [1], 4) = 0`])),
    ).toEqual([]);
    const off = [0.6, `setsockopt(${C}, SOL_TCP, TCP_NODELAY, [0], 4) = 0`] as Row;
    expect(findings("nagle-small-writes", ww(nodelay, off))).toHaveLength(1);
  });

  test("one writev, writes far apart, large writes: quiet", () => {
    const writev = trace(
      ...client(0),
      [1, `writev(${C}, [{iov_base="ab", iov_len=2}, {iov_base="c", iov_len=1}], 2) = 3`],
      [1.1, `read(${C}, "ok", 100) = 2`],
    );
    expect(findings("nagle-small-writes", writev)).toEqual([]);
    const apart = trace(
      ...client(0),
      [1, `write(${C}, "a", 1) = 1`],
      [2, `write(${C}, "b", 1) = 1`],
      [2.1, `read(${C}, "ok", 100) = 2`],
    );
    expect(findings("nagle-small-writes", apart)).toEqual([]);
    const large = trace(
      ...client(0),
      [1, `write(${C}, "a"..., 4096) = 4096`],
      [1, `write(${C}, "b"..., 4096) = 4096`],
      [1.1, `read(${C}, "ok", 100) = 2`],
    );
    expect(findings("nagle-small-writes", large)).toEqual([]);
  });

  test("MSG_MORE batches on purpose", () => {
    const text = trace(
      ...client(0),
      [1, `sendto(${C}, "a", 1, MSG_MORE, NULL, 0) = 1`],
      [1, `sendto(${C}, "b", 1, 0, NULL, 0) = 1`],
      [1.1, `read(${C}, "ok", 100) = 2`],
    );
    expect(findings("nagle-small-writes", text)).toEqual([]);
  });
});

describe("busy-eagain-loop", () => {
  const NB = TCP(3);
  const spin = (n: number, step = 0.00005, flags = "0") =>
    Array.from(
      { length: n },
      (_, i) =>
        [
          1 + i * step,
          `recvfrom(${NB}, 0x7ffd, 64, ${flags}, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable)`,
        ] as Row,
    );
  const nonblocking = client(0, 3, 100, 8080, "SOCK_STREAM|SOCK_NONBLOCK");

  test("eagainRun failures in a row fire once, with the length of the run", () => {
    const [d, ...rest] = findings("busy-eagain-loop", trace(...nonblocking, ...spin(30)), { eagainRun: 20 });
    expect(rest).toEqual([]);
    expect(d?.message).toMatch(
      /^recvfrom\(\) on fd 3 \(TCP .*\) failed with EAGAIN 30 times in a row in [\d.]+ ms, with no poll/,
    );
  });

  test("a shorter run, a poll in between, or a paced loop: quiet", () => {
    expect(findings("busy-eagain-loop", trace(...nonblocking, ...spin(19)), { eagainRun: 20 })).toEqual([]);
    const broken = [
      ...spin(15),
      [1.01, "poll([{fd=3, events=POLLIN}], 1, 100) = 0 (Timeout)"] as Row,
      ...spin(15).map(([t, s]) => [t + 0.02, s] as Row),
    ];
    expect(findings("busy-eagain-loop", trace(...nonblocking, ...broken), { eagainRun: 20 })).toEqual([]);
    expect(findings("busy-eagain-loop", trace(...nonblocking, ...spin(30, 0.05)), { eagainRun: 20 })).toEqual(
      [],
    );
  });

  test("a blocking socket's EAGAIN is a receive timeout; MSG_DONTWAIT makes the call non-blocking", () => {
    expect(findings("busy-eagain-loop", trace(...client(0), ...spin(30)), { eagainRun: 20 })).toEqual([]);
    expect(
      findings("busy-eagain-loop", trace(...client(0), ...spin(30, 0.00005, "MSG_DONTWAIT")), {
        eagainRun: 20,
      }),
    ).toHaveLength(1);
  });
});

describe("linger-zero-reset", () => {
  test("the last close of a connected socket with SO_LINGER {1, 0}; {1, 0} then {0, 0} is quiet", () => {
    const on = [0.5, `setsockopt(${C}, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0`] as Row;
    const off = [0.6, `setsockopt(${C}, SOL_SOCKET, SO_LINGER, {l_onoff=0, l_linger=0}, 8) = 0`] as Row;
    const [d] = findings("linger-zero-reset", trace(...client(0), on, [1, `close(${C}) = 0`]));
    expect(d).toMatchObject({ severity: "info" });
    expect(d?.message).toMatch(/close\(fd 3\) in process 100 aborted the connection with a RST/);
    expect(findings("linger-zero-reset", trace(...client(0), on, off, [1, `close(${C}) = 0`]))).toEqual([]);
  });
});
