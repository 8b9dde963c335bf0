// fd-inherited-by-exec on hand-written strace snippets.
import { describe, expect, test } from "vitest";
import { FORK, findings, LISTENER, listener, type Row, TCP, TCP_NEW, THREAD, trace } from "./snippets.js";

describe("fd-inherited-by-exec", () => {
  const exec = (t: number, pid = 100): Row[] => [
    [t, 'execve("/usr/bin/helper", ["helper"], 0x7ffd /* 3 vars */) = 0', pid],
    [t + 0.1, "exit_group(0) = ?", pid],
    [t + 0.1, "+++ exited with 0 +++", pid],
  ];
  const sock = (flags: string): Row => [0, `socket(AF_INET, ${flags}, IPPROTO_IP) = ${TCP_NEW(3)}`];

  test("a socket without CLOEXEC, inherited through fork into exec", () => {
    const text = trace(...listener(0, 3, 8080), [0.1, `${FORK} = 200`], ...exec(0.2, 200));
    const [d, ...rest] = findings("fd-inherited-by-exec", text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "warning", pid: 200 });
    expect(d?.message).toMatch(
      /^execve\("\/usr\/bin\/helper"\) in process 200 succeeded while fd 3 \(TCP 127\.0\.0\.1:8080\) was open without close-on-exec/,
    );
  });

  test("SOCK_CLOEXEC, F_SETFD FD_CLOEXEC, dup3 O_CLOEXEC, close, a failed execve: quiet", () => {
    expect(findings("fd-inherited-by-exec", trace(sock("SOCK_STREAM|SOCK_CLOEXEC"), ...exec(1)))).toEqual([]);
    const setfd: Row = [0.1, `fcntl(${TCP_NEW(3)}, F_SETFD, FD_CLOEXEC) = 0`];
    expect(findings("fd-inherited-by-exec", trace(sock("SOCK_STREAM"), setfd, ...exec(1)))).toEqual([]);
    const dup3: Row[] = [
      [0.1, `dup3(${TCP_NEW(3)}, 7, O_CLOEXEC) = 7${TCP_NEW(3).slice(1)}`],
      [0.2, `close(${TCP_NEW(3)}) = 0`],
    ];
    expect(findings("fd-inherited-by-exec", trace(sock("SOCK_STREAM"), ...dup3, ...exec(1)))).toEqual([]);
    const failed: Row = [
      1,
      'execve("/nope", ["nope"], 0x7ffd /* 3 vars */) = -1 ENOENT (No such file or directory)',
    ];
    expect(findings("fd-inherited-by-exec", trace(sock("SOCK_STREAM"), failed))).toEqual([]);
  });

  test("dup2 copies the socket without CLOEXEC; a thread's close is the process's", () => {
    const dup2: Row[] = [
      [0.1, `dup2(${TCP_NEW(3)}, 7) = 7${TCP_NEW(3).slice(1)}`],
      [0.2, `fcntl(${TCP_NEW(3)}, F_SETFD, FD_CLOEXEC) = 0`],
    ];
    expect(
      findings("fd-inherited-by-exec", trace(sock("SOCK_STREAM"), ...dup2, ...exec(1)))[0]?.message,
    ).toMatch(/while fd 7 \(TCP\) was open/);
    const thread: Row[] = [
      [0.1, `${THREAD} = 101`],
      [0.2, `close(${TCP_NEW(3)}) = 0`, 101],
    ];
    expect(findings("fd-inherited-by-exec", trace(sock("SOCK_STREAM"), ...thread, ...exec(1)))).toEqual([]);
  });

  test("vfork/posix_spawn: the child's execve comes before the parent's clone returns", () => {
    const spawn = (...child: Row[]) =>
      trace(
        ...listener(0, 3, 8080),
        [0.1, "vfork( <unfinished ...>"],
        ...child,
        [0.2, 'execve("/usr/bin/helper", ["helper"], 0x7ffd /* 3 vars */) = 0', 200],
        [0.3, "<... vfork resumed>) = 200"],
        [0.4, "exit_group(0) = ?", 200],
        [0.4, "+++ exited with 0 +++", 200],
      );
    const [d] = findings("fd-inherited-by-exec", spawn());
    expect(d?.message).toMatch(/in process 200 succeeded while fd 3 \(TCP 127\.0\.0\.1:8080\) was open/);
    // Python's subprocess / posix_spawn file actions close or mark the fds first.
    expect(findings("fd-inherited-by-exec", spawn([0.15, "close_range(3, 4294967295, 0) = 0", 200]))).toEqual(
      [],
    );
    const cloexec: Row = [0.15, "close_range(3, 4294967295, CLOSE_RANGE_CLOEXEC) = 0", 200];
    expect(findings("fd-inherited-by-exec", spawn(cloexec))).toEqual([]);
    expect(findings("fd-inherited-by-exec", spawn([0.15, "fcntl(3, F_SETFD, FD_CLOEXEC) = 0", 200]))).toEqual(
      [],
    );
    expect(findings("fd-inherited-by-exec", spawn([0.15, "close(3) = 0", 200]))).toEqual([]);
  });

  test("onto stdin/stdout (inetd), or used by the new program: info", () => {
    const S = TCP(3, "127.0.0.1:8080", "127.0.0.1:40000");
    const inetd = trace(
      ...listener(0, 5, 8080).map(
        ([t, s]) => [t, s.replace("SOCK_STREAM,", "SOCK_STREAM|SOCK_CLOEXEC,")] as Row,
      ),
      [0.1, `accept4(${LISTENER(5)}, NULL, NULL, SOCK_CLOEXEC) = ${S}`],
      [0.2, `dup2(${S}, 0</dev/null<char 1:3>>) = 0<TCP:[127.0.0.1:8080->127.0.0.1:40000]>`],
      [0.2, `dup2(${S}, 1</dev/null<char 1:3>>) = 1<TCP:[127.0.0.1:8080->127.0.0.1:40000]>`],
      ...exec(1),
    );
    const [d, ...rest] = findings("fd-inherited-by-exec", inetd);
    expect(rest).toEqual([]);
    expect(d?.severity).toBe("info");
    expect(d?.message).toMatch(
      /passed fd 0 \(TCP .*\), fd 1 \(TCP .*\) to the new program on purpose \(dup2 onto standard input\/output/,
    );
    const used = trace(
      ...listener(0, 3, 8080),
      [1, 'execve("/usr/bin/server", ["server", "--fd=3"], 0x7ffd /* 3 vars */) = 0'],
      [1.1, `accept(${LISTENER(3)}, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable)`],
      [1.2, "+++ exited with 0 +++"],
    );
    expect(findings("fd-inherited-by-exec", used).map((x) => x.severity)).toEqual(["info"]);
  });

  test("a wrapper that execs again passes the fds on: the last program's use counts", () => {
    const text = trace(
      ...listener(0, 3, 8080),
      [1, 'execve("/bin/sh", ["sh", "-c", "exec server --fd=3"], 0x7ffd /* 3 vars */) = 0'],
      [1.1, 'execve("/usr/bin/server", ["server", "--fd=3"], 0x7ffd /* 3 vars */) = 0'],
      [1.2, `accept(${LISTENER(3)}, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable)`],
      [1.3, "+++ exited with 0 +++"],
    );
    const found = findings("fd-inherited-by-exec", text);
    expect(found.map((d) => d.severity)).toEqual(["info"]);
    expect(found[0]?.message).toMatch(/^execve\("\/usr\/bin\/server"\) in process 100 passed fd 3/);
  });
});
