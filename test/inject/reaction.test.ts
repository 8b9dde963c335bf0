// What a program did with a result strace injected (--inject): the injected-fault diagnostic and
// the pure reactionTo, on strace text with strace's own (INJECTED) marks.
import { describe, expect, test } from "vitest";
import type { SyscallEvent } from "../../src/core/events.js";
import { reactionTo } from "../../src/diagnostics/rules/injected-fault.js";
import { eventsFromText } from "../../src/pipeline.js";
import { findings, INET, TCP, TCP_NEW, trace } from "../diagnostics/snippets.js";

const C = TCP(3);
const REFUSED = "-1 ECONNREFUSED (Connection refused) (INJECTED)";

function reactionOf(text: string) {
  const events = eventsFromText(text, { summary: false });
  const i = events.findIndex((e) => e.type === "syscall" && e.injected === true);
  return reactionTo(events[i] as SyscallEvent, events.slice(i + 1));
}

describe("reactionTo", () => {
  test("curl: closed the socket and exited 7", () => {
    const text = trace(
      [0, `socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = ${TCP_NEW(5)}`],
      [0.001, `connect(${TCP_NEW(5)}, ${INET(8080)}) = ${REFUSED}`],
      [0.002, `close(${TCP_NEW(5)}) = 0`],
      [0.003, "+++ exited with 7 +++"],
    );
    expect(reactionOf(text)).toMatchObject({ kind: "closed", text: "closed fd 5 and exited with status 7" });
  });

  test("an EINTR: the same recv again on the same fd", () => {
    const text = trace(
      [0, `recvfrom(${C}, 0x7ffc, 4096, 0, NULL, NULL) = -1 EINTR (Interrupted system call) (INJECTED)`],
      [0.001, `recvfrom(${C}, "hi", 4096, 0, NULL, NULL) = 2`],
    );
    expect(reactionOf(text)).toMatchObject({ kind: "retried", text: "retried: recvfrom() again on fd 3" });
  });

  test("a retry on a new socket to the same address; another address is not a retry", () => {
    const again = trace(
      [0, `connect(${TCP_NEW(5)}, ${INET(8080)}) = ${REFUSED}`],
      [0.001, `close(${TCP_NEW(5)}) = 0`],
      [0.002, `socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = ${TCP_NEW(6)}`],
      [0.003, `connect(${TCP_NEW(6)}, ${INET(8080)}) = 0`],
    );
    expect(reactionOf(again)).toMatchObject({
      kind: "retried",
      text: "closed fd 5 and retried on a new socket: connect() on fd 6",
    });
    const elsewhere = trace(
      [0, `connect(${TCP_NEW(5)}, ${INET(8080)}) = ${REFUSED}`],
      [0.001, `close(${TCP_NEW(5)}) = 0`],
      [0.003, `connect(${TCP_NEW(6)}, ${INET(9090)}) = 0`],
    );
    expect(reactionOf(elsewhere)).toMatchObject({ kind: "closed", text: "closed fd 5 and went on" });
  });

  test("died of a signal", () => {
    const text = trace(
      [0, `write(${C}, "x", 1) = -1 EPIPE (Broken pipe) (INJECTED)`],
      [0.001, "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---"],
      [0.002, "+++ killed by SIGSEGV (core dumped) +++"],
    );
    expect(reactionOf(text)).toMatchObject({ kind: "killed", text: "was killed by SIGSEGV (core dumped)" });
  });

  test("exited without closing; leaked at the end of the trace", () => {
    expect(
      reactionOf(
        trace([0, `write(${C}, "x", 1) = -1 EPIPE (Broken pipe) (INJECTED)`], [0.1, "+++ exited with 1 +++"]),
      ),
    ).toMatchObject({ kind: "exited", text: "exited with status 1" });
    expect(
      reactionOf(
        trace(
          [0, `write(${C}, "x", 1) = -1 EPIPE (Broken pipe) (INJECTED)`],
          [0.1, `write(1</dev/pts/0>, "done", 4) = 4`],
        ),
      ),
    ).toMatchObject({ kind: "leaked" });
  });

  test("a listener after a failed accept is not leaked: the program went on", () => {
    const text = trace([0, `accept4(${TCP(3)}, NULL, NULL, 0) = -1 EMFILE (Too many open files) (INJECTED)`]);
    expect(reactionOf(text)).toMatchObject({ kind: "continued" });
  });

  test("another thread's calls are not the reaction", () => {
    const text = trace(
      [0, `recvfrom(${C}, 0x7ffc, 4096, 0, NULL, NULL) = -1 EINTR (Interrupted system call) (INJECTED)`],
      [0.001, `recvfrom(${C}, "hi", 4096, 0, NULL, NULL) = 2`, 101],
      [0.002, "+++ exited with 0 +++"],
    );
    expect(reactionOf(text)).toMatchObject({ kind: "exited" });
  });
});

describe("the injected-fault diagnostic", () => {
  test("one per injected call, saying it was injected and what followed; reaction in JSON", () => {
    const text = trace(
      [0, `socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = ${TCP_NEW(5)}`],
      [0.001, `connect(${TCP_NEW(5)}, ${INET(8080)}) = ${REFUSED}`],
      [0.002, `close(${TCP_NEW(5)}) = 0`],
      [0.003, "+++ exited with 7 +++"],
    );
    const [d, ...rest] = findings("injected-fault", text);
    expect(rest).toEqual([]);
    expect(d?.severity).toBe("info");
    expect(d?.reaction).toBe("closed");
    expect(d?.message).toMatch(
      /^connect\(\) on fd 5 \(TCP → 127\.0\.0\.1:8080\) returned -1 ECONNREFUSED because strace injected it \(--inject\); the kernel never ran the call\. process 100 then closed fd 5 and exited with status 7\.$/,
    );
  });

  test("a delayed call ran for real: no finding; a real failure: none either", () => {
    const delayed = trace([0, `accept4(${TCP(3)}, NULL, NULL, 0) = 4 (DELAYED) <2.000100>`]);
    expect(findings("injected-fault", delayed)).toEqual([]);
    const real = trace([0, `connect(${TCP_NEW(5)}, ${INET(8080)}) = -1 ECONNREFUSED (Connection refused)`]);
    expect(findings("injected-fault", real)).toEqual([]);
  });

  test("the other rules still run on the result, and say it was injected", () => {
    const text = trace([0.001, `connect(${TCP_NEW(5)}, ${INET(8080)}) = ${REFUSED}`]);
    const [d] = findings("connect-refused", text);
    expect(d?.message).toMatch(/strace injected the refusal \(--inject\)/);
    expect(d?.message).not.toMatch(/nothing listens/);
  });
});
