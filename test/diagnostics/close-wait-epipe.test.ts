// close-wait-leak and epipe-sigpipe on hand-written strace snippets.
import { describe, expect, test } from "vitest";
import { client, findings, LISTENER, type Row, TCP, TCP_NEW, trace } from "./snippets.js";

const C = TCP(3);

describe("close-wait-leak", () => {
  const eofThen = (...rows: Row[]) => trace(...client(0), [1, `read(${C}, "", 4096) = 0`], ...rows);

  test("fires when the socket stays open more than closeWaitSeconds after the FIN", () => {
    const [d, ...rest] = findings("close-wait-leak", eofThen([3, `close(${C}) = 0`]));
    expect(rest).toEqual([]);
    expect(d?.severity).toBe("warning");
    expect(d?.message).toMatch(
      /^read\(\) on fd 3 \(TCP 127\.0\.0\.1:40000 → 127\.0\.0\.1:8080\) .*2\.00 s more, until it was closed/,
    );
    expect(d?.message).not.toMatch(/another descriptor/);
  });

  test("quiet when the socket is closed in time, or with a longer threshold", () => {
    expect(findings("close-wait-leak", eofThen([1.5, `close(${C}) = 0`]))).toEqual([]);
    expect(findings("close-wait-leak", eofThen([3, `close(${C}) = 0`]), { closeWaitSeconds: 5 })).toEqual([]);
  });

  test("writes after the FIN restart the clock (half-close: the program is still answering)", () => {
    const text = eofThen([2.8, `write(${C}, "answer", 6) = 6`], [3, `close(${C}) = 0`]);
    expect(findings("close-wait-leak", text)).toEqual([]);
  });

  test("a read of 0 after our own shutdown() is not CLOSE_WAIT; our SHUT_WR after the FIN ends it", () => {
    const shutRd = trace(
      ...client(0),
      [0.5, `shutdown(${C}, SHUT_RD) = 0`],
      [1, `read(${C}, "", 4096) = 0`],
      [5, `close(${C}) = 0`],
    );
    expect(findings("close-wait-leak", shutRd)).toEqual([]);
    expect(
      findings("close-wait-leak", eofThen([1.1, `shutdown(${C}, SHUT_WR) = 0`], [5, `close(${C}) = 0`])),
    ).toEqual([]);
  });

  test("a zero-length read returns 0 without any FIN", () => {
    const text = trace(...client(0), [1, `read(${C}, "", 0) = 0`], [5, `close(${C}) = 0`]);
    expect(findings("close-wait-leak", text)).toEqual([]);
  });

  test("open until the end of the trace, or until exit", () => {
    const end = findings("close-wait-leak", eofThen([4, "getpid() = 100"]));
    expect(end[0]?.message).toMatch(/3\.00 s more, until the end of the trace/);
    const exit = findings(
      "close-wait-leak",
      eofThen([2.5, "exit_group(0) = ?"], [2.5, "+++ exited with 0 +++"]),
    );
    expect(exit[0]?.message).toMatch(/1\.50 s more, until the process exited \(it never closed it\)/);
  });

  test("a forking server whose parent keeps its copy of the accepted fd", () => {
    const S = TCP(4, "127.0.0.1:8080", "127.0.0.1:40000");
    const text = trace(
      [0, `socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = ${TCP_NEW(3)}`],
      [
        0,
        `bind(${TCP_NEW(3)}, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0`,
      ],
      [0, `listen(${LISTENER(3)}, 16) = 0`],
      [0.1, `accept(${LISTENER(3)}, NULL, NULL) = ${S}`],
      [
        0.2,
        "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 200",
      ],
      [0.3, `read(${S}, "", 4096) = 0`, 200],
      [0.31, `close(${S}) = 0`, 200],
      [0.32, "+++ exited with 0 +++", 200],
      [4, `close(${S}) = 0`],
    );
    const [d] = findings("close-wait-leak", text);
    expect(d?.message).toMatch(
      /in process 200 returned 0.*3\.70 s more.*After the FIN, process 200 closed fd 4, but another descriptor/,
    );
  });

  test("a forked copy held until exit", () => {
    const text = trace(
      ...client(0),
      [
        0.1,
        "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 200",
      ],
      [1, `read(${C}, "", 4096) = 0`, 200],
      [1.01, `close(${C}) = 0`, 200],
      [1.02, "+++ exited with 0 +++", 200],
      [3, "+++ exited with 0 +++"],
    );
    expect(findings("close-wait-leak", text)[0]?.message).toMatch(
      /2\.00 s more, until the process exited \(it never closed it\).* After the FIN, process 200 closed fd 3, but another/,
    );
  });

  test("needs timestamps", () => {
    const plain = eofThen([3, `close(${C}) = 0`]).replace(/^(\d+ +)\S+ /gm, "$1");
    expect(findings("close-wait-leak", plain)).toEqual([]);
  });
});

describe("epipe-sigpipe", () => {
  const SIGPIPE = "--- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=100, si_uid=0} ---";

  test("error when SIGPIPE kills the process", () => {
    const text = trace(
      ...client(0),
      [1, `write(${C}, "x", 1) = -1 EPIPE (Broken pipe)`],
      [1, SIGPIPE],
      [1, "+++ killed by SIGPIPE +++"],
    );
    const [d] = findings("epipe-sigpipe", text);
    expect(d).toMatchObject({ severity: "error", pid: 100 });
    expect(d?.message).toMatch(
      /^write\(\) on fd 3 \(TCP .*\) failed with EPIPE, and the SIGPIPE it raised killed process 100/,
    );
    expect(d?.events).toHaveLength(2);
  });

  test("info when the process survives SIGPIPE; warning when it kept writing after ECONNRESET", () => {
    const survived = trace(
      ...client(0),
      [1, `write(${C}, "x", 1) = -1 EPIPE (Broken pipe)`],
      [1, SIGPIPE],
      [1.1, `close(${C}) = 0`],
    );
    expect(findings("epipe-sigpipe", survived).map((d) => d.severity)).toEqual(["info"]);
    const after = trace(
      ...client(0),
      [1, `write(${C}, "x", 1) = -1 ECONNRESET (Connection reset by peer)`],
      [1, `write(${C}, "x", 1) = -1 EPIPE (Broken pipe)`],
      [1, SIGPIPE],
      [1.1, `close(${C}) = 0`],
    );
    const [d] = findings("epipe-sigpipe", after);
    expect(d?.severity).toBe("warning");
    expect(d?.message).toMatch(
      /kept writing after an earlier write\(\) on it had already failed with ECONNRESET/,
    );
  });

  test("MSG_NOSIGNAL on a connected socket: the program handles it, no report", () => {
    const text = trace(
      ...client(0),
      [1, `sendto(${C}, "x", 1, MSG_NOSIGNAL, NULL, 0) = -1 EPIPE (Broken pipe)`],
      [1.1, `close(${C}) = 0`],
    );
    expect(findings("epipe-sigpipe", text)).toEqual([]);
  });

  test("a pipe's EPIPE is not a socket's", () => {
    const text = trace(
      [0, `write(5<pipe:[99]>, "x", 1) = -1 EPIPE (Broken pipe)`],
      [0, SIGPIPE],
      [0, "+++ killed by SIGPIPE +++"],
    );
    expect(findings("epipe-sigpipe", text)).toEqual([]);
  });
});
