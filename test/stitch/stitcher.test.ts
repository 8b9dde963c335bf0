// The stitcher joins strace's split calls per pid, keeps calls that never return, works out the pid of
// unprefixed stderr lines, turns clocks into times, and puts a new process's lines after the fork
// that made it (births.ts). It emits whole calls with their argument text (decoded on first use) and
// strace's decorations as evidence; the socket facts (fd, socket, newFd…) are the model's, and the
// numbering (`seq`) is the pipeline's. Inputs are slices of the recorded logs, kept at their real
// line numbers; the few sequences the recordings lack say how they were built.
import { describe, expect, test } from "vitest";
import type { Stitched, StitchedCall } from "../../src/core/events.js";
import { FORK_CALLS } from "../../src/core/syscalls.js";
import { parseLine } from "../../src/parse/parse-line.js";
import { createLineRejoiner } from "../../src/parse/rejoin.js";
import type { SplitLine } from "../../src/parse/split-lines.js";
import { eventsFromText } from "../../src/pipeline.js";
import { createStitcher, type StitcherOptions } from "../../src/stitch/stitcher.js";
import {
  findLine,
  logLine,
  logLines,
  logNames,
  readLog,
  stitchLines,
  stitchText,
} from "../helpers/fixtures.js";
import { expectWireValid } from "../helpers/wire.js";

/** Stitches lines `from`..`to` (1-based, inclusive) of a log, each parsed with its real line number. */
function stitchRange(name: string, from: number, to: number): Stitched[] {
  const stitcher = createStitcher();
  const out: Stitched[] = [];
  logLines(name)
    .slice(from - 1, to)
    .forEach((text, i) => {
      stitcher.push(parseLine(text, from + i), out);
    });
  stitcher.flush(out);
  expectWireValid(out);
  return out;
}

const syscalls = (events: readonly { type: string }[]) =>
  events.filter((e): e is StitchedCall => e.type === "syscall");

function call(events: readonly { type: string }[], name: string, pid?: number): StitchedCall {
  const found = syscalls(events).filter((e) => e.name === name && (pid === undefined || e.pid === pid));
  expect(found).toHaveLength(1);
  return found[0] as StitchedCall;
}

/** A stitcher fed lines one at a time: what each push emitted at once, then what flush emitted. */
function stepwise(lines: readonly string[], options: StitcherOptions = {}) {
  const stitcher = createStitcher(options);
  const steps: Stitched[][] = [];
  lines.forEach((text, i) => {
    const out: Stitched[] = [];
    stitcher.push(parseLine(text, i + 1), out);
    steps.push(out);
  });
  const flushed: Stitched[] = [];
  stitcher.flush(flushed);
  return { steps, flushed, all: [...steps.flat(), ...flushed] };
}

/** `pid name` of each event (`pid +++`/`pid ---` for exits and signals), in order. */
const story = (events: readonly Stitched[]) =>
  events.map((e) =>
    e.type === "syscall"
      ? `${e.pid} ${e.name}`
      : e.type === "exit"
        ? `${e.pid} +++`
        : e.type === "signal"
          ? `${e.pid} ---`
          : e.type === "note"
            ? `note ${e.note}`
            : "unparsed",
  );

const near = (n: number) => expect.closeTo(n, 6);
const TCP = "tcp-echo.o-yy-tt-T.strace";

describe("unfinished / resumed", () => {
  test("each pid's halves are joined, even with another pid's lines in between", () => {
    expect(logLine(TCP, 37)).toContain("accept(3<TCP:[127.0.0.1:47001]>,  <unfinished ...>");
    expect(logLine(TCP, 41)).toContain("connect(3<TCP:[14383]>");
    const events = stitchRange(TCP, 36, 47);
    // One event per call: no half is left over, nothing is lost or partial.
    expect(syscalls(events).map((e) => `${e.pid} ${e.name}`)).toEqual([
      "8076 set_robust_list",
      "8076 close",
      "8076 socket",
      "8075 accept",
      "8076 connect",
      "8075 read",
      "8076 sendto",
    ]);
    for (const e of syscalls(events)) {
      expect(e.incomplete).toBeUndefined();
      expect(e.partial).toBeUndefined();
    }
  });

  test("the joined call starts at the unfinished line and ends at the resumed one", () => {
    const accept = call(stitchRange(TCP, 36, 47), "accept");
    expect(accept).toMatchObject({
      lineNo: 37,
      pid: 8075,
      time: near(4705.214152),
      end: near(4705.215193),
      duration: 0.00103,
      ret: 4,
      argsText:
        '3<TCP:[127.0.0.1:47001]>, {sa_family=AF_INET, sin_port=htons(54380), sin_addr=inet_addr("127.0.0.1")}, [16]',
    });
    // The evidence the model reads: the fd argument's decoration, and the returned fd's.
    expect(accept.leadingFd()).toMatchObject({
      fd: 3,
      decoration: { protocol: "TCP", local: { text: "127.0.0.1:47001" } },
    });
    expect(accept.retDecoration).toMatchObject({
      protocol: "TCP",
      family: "AF_INET",
      local: { text: "127.0.0.1:47001" },
      remote: { text: "127.0.0.1:54380" },
    });
    // The facts are the model's to set: the stitcher leaves them out, and leaves `seq` at 0.
    for (const fact of ["fd", "newFd", "socket", "newSocket", "transfer", "process"] as const)
      expect(accept[fact]).toBeUndefined();
    expect(accept.seq).toBe(0);
  });

  test("arguments are parsed across the split: accept's sockaddr is in the resumed half", () => {
    const accept = call(stitchRange(TCP, 36, 47), "accept");
    expect(accept.args).toMatchObject([
      { kind: "fd", fd: 3, decoration: { text: "TCP:[127.0.0.1:47001]" } },
      {
        kind: "struct",
        fields: {
          sa_family: { kind: "sym", value: "AF_INET" },
          sin_port: { kind: "call", fn: "htons", args: [{ kind: "num", value: 54380 }] },
        },
        addr: { family: "AF_INET", ip: "127.0.0.1", port: 54380, text: "127.0.0.1:54380" },
      },
      { kind: "array", items: [{ kind: "num", value: 16 }] },
    ]);
  });

  test("a call split before its outputs: connect gets all three arguments, read gets its data", () => {
    const events = stitchRange(TCP, 36, 47);
    expect(call(events, "connect").args).toMatchObject([
      { kind: "fd", fd: 3 },
      { kind: "struct", addr: { text: "127.0.0.1:47001" } },
      { kind: "num", value: 16 },
    ]);
    expect(call(events, "read").args).toMatchObject([
      { kind: "fd", fd: 4 },
      { kind: "str", value: "hello sockscope\n", bytes: 16 },
      { kind: "num", value: 256 },
    ]);
    expect(call(events, "set_robust_list").args).toMatchObject([
      { kind: "num", value: 0x7f738f074a20 },
      { kind: "num", value: 24 },
    ]);
  });

  test("events come out when the call completes, in completion order", () => {
    const events = stitchRange(TCP, 36, 47);
    // accept started (line 37) before close (39) but returned after it.
    const order = syscalls(events).map((e) => e.lineNo);
    expect(order).toEqual([36, 39, 40, 37, 41, 44, 45]);
  });

  test("clone's resumed half starts with `, child_tidptr=…`", () => {
    const name = "forking-server.o-yy-tt-T.strace";
    const { unfinished, resumed } = splitPair(name, "clone");
    const events = stitchRange(name, unfinished, resumed);
    const clone = syscalls(events).find((e) => e.name === "clone" && e.lineNo === unfinished);
    expect(clone).toBeDefined();
    expect(clone?.args).toMatchObject([
      { kind: "named", name: "child_stack", value: { kind: "null" } },
      {
        kind: "named",
        name: "flags",
        value: { kind: "flags", value: ["CLONE_CHILD_CLEARTID", "CLONE_CHILD_SETTID", "SIGCHLD"] },
      },
      { kind: "named", name: "child_tidptr", value: { kind: "num" } },
    ]);
    expect(clone?.args).toHaveLength(3);
    expect(clone?.ret).toBeGreaterThan(0);
  });

  test("clone3's resumed half ` => {parent_tid=[N]}, 88` becomes a value-result argument", () => {
    const name = "killed-sigkill-thread.o-y-ttt.strace";
    expect(logLine(name, 40)).toMatch(/^17913 \S+ clone3\(\{flags=CLONE_VM\|.* <unfinished \.\.\.>$/);
    expect(logLine(name, 44)).toBe(
      "17913 1795656144.746643 <... clone3 resumed> => {parent_tid=[17920]}, 88) = 17920",
    );
    const clone3 = call(stitchRange(name, 40, 44), "clone3");
    expect(clone3).toMatchObject({
      pid: 17913,
      lineNo: 40,
      ret: 17920,
      time: 1795656144.746449,
      end: 1795656144.746643,
    });
    expect(clone3.args).toMatchObject([
      {
        kind: "changed",
        from: {
          kind: "struct",
          fields: {
            flags: { kind: "flags" },
            child_tid: { kind: "num", value: 0x7f122cef5990 },
            exit_signal: { kind: "num", value: 0 },
          },
        },
        to: {
          kind: "struct",
          fields: { parent_tid: { kind: "array", items: [{ kind: "num", value: 17920 }] } },
        },
      },
      { kind: "num", value: 88 },
    ]);
    expect(clone3.args).toHaveLength(2);
  });

  test("a resumed line with no unfinished half is emitted alone, as partial", () => {
    const events = stitchRange(TCP, 42, 42);
    expect(events).toHaveLength(1);
    const accept = call(events, "accept");
    expect(accept).toMatchObject({
      type: "syscall",
      name: "accept",
      lineNo: 42,
      pid: 8075,
      partial: true,
      time: near(4705.215193),
      duration: 0.00103,
      ret: 4,
      retDecoration: { remote: { text: "127.0.0.1:54380" } },
    });
    expect(accept.end).toBeUndefined();
    expect(accept.incomplete).toBeUndefined();
    // Only what the second half printed.
    expect(accept.args).toMatchObject([
      { kind: "struct", addr: { text: "127.0.0.1:54380" } },
      { kind: "array", items: [{ kind: "num", value: 16 }] },
    ]);
  });

  test("a resumed line for a different call than the pending one: the pending one is lost", () => {
    // Built from tcp-echo.o-yy-tt-T.strace: pid 8075's accept (line 37) then its wait4 resumed (line 83)
    // with everything between left out.
    const events = stitchLines([logLine(TCP, 37), logLine(TCP, 83)]);
    expect(syscalls(events).map((e) => [e.name, e.incomplete ?? null, e.partial ?? false])).toEqual([
      ["accept", "lost", false],
      ["wait4", null, true],
    ]);
    expect(call(events, "accept")).toMatchObject({ ret: null, lineNo: 1 });
  });

  test("a second unfinished call on the same pid: the first is lost", () => {
    const events = stitchLines([logLine(TCP, 37), logLine(TCP, 44)]);
    expect(syscalls(events).map((e) => [e.name, e.incomplete])).toEqual([
      ["accept", "lost"],
      ["read", "end-of-trace"],
    ]);
  });
});

describe("fd decorations across the split", () => {
  test("close of an unlinked file, `22</path>(deleted) <unfinished ...>`, keeps its fd", () => {
    const name = "node-http-sendfile.o-yy-tt-T.strace";
    const { line, lineNo } = findLine(name, ">(deleted)");
    const fd = Number(/\((\d+)</.exec(line)?.[1]);
    const events = stitchText(readLog(name));
    const close = syscalls(events).filter((e) => e.lineNo === lineNo);
    expect(close).toHaveLength(1);
    expect(close[0]).toMatchObject({ name: "close" });
    // The decoration is cut short by `(deleted)` for the cheap reader: the full parse still finds the fd.
    expect(close[0]?.leadingFd()).toMatchObject({
      fd,
      decoration: { path: expect.stringMatching(/\/body\.bin$/), deleted: true },
    });
    expect(close[0]?.args).toMatchObject([{ kind: "fd", fd, decoration: { deleted: true } }]);
    expect(close[0]?.args).toHaveLength(1);
  });
});

describe("calls that never return", () => {
  const KILLED = "killed-sigkill-thread.o-yy-tt-T.strace";

  test("`<... recvfrom resumed> <unfinished ...>) = ?` then +++ killed by SIGKILL +++", () => {
    expect(logLine(KILLED, 47)).toBe(
      "17629 01:22:21.276055 recvfrom(3<UDP:[127.0.0.1:48403]>,  <unfinished ...>",
    );
    expect(logLine(KILLED, 49)).toBe("17629 01:22:21.584311 <... recvfrom resumed> <unfinished ...>) = ?");
    expect(logLine(KILLED, 50)).toBe("17629 01:22:21.584475 +++ killed by SIGKILL +++");
    const events = stitchRange(KILLED, 36, 51);
    const recvfrom = call(events, "recvfrom");
    expect(recvfrom).toMatchObject({
      pid: 17629,
      lineNo: 47,
      ret: null,
      incomplete: "exit",
      end: near(4941.584311),
    });
    expect(recvfrom.leadingFd()?.fd).toBe(3);
    expect(recvfrom.args).toMatchObject([{ kind: "fd", fd: 3, decoration: { protocol: "UDP" } }]);
    const exit = events.findIndex((e) => e.type === "exit" && e.pid === 17629);
    expect(exit).toBeGreaterThan(events.indexOf(recvfrom));
    expect(events[exit]).toMatchObject({ type: "exit", signal: "SIGKILL", lineNo: 50 });
    // The main thread's futex printed `= ?`: it did not return either, and strace printed that.
    expect(call(events, "futex")).toMatchObject({ pid: 17624, ret: null, retText: "?", lineNo: 44 });
  });

  test("a call cut off by +++ killed by SIGKILL +++ with no resumed line is emitted before the exit", () => {
    // The same log without line 49: strace prints no resumed line when the tracee vanishes first.
    const lines = logLines(KILLED).slice(35, 51);
    const withoutResumed = lines.filter((l) => !l.includes("<... recvfrom resumed>"));
    expect(withoutResumed).toHaveLength(lines.length - 1);
    const events = stitchLines(withoutResumed);
    const recvfrom = call(events, "recvfrom");
    expect(recvfrom).toMatchObject({ pid: 17629, ret: null, incomplete: "exit", time: near(4941.276055) });
    expect(recvfrom.end).toBeUndefined();
    const exitIndex = events.findIndex((e) => e.type === "exit" && e.pid === 17629);
    expect(exitIndex).toBe(events.indexOf(recvfrom) + 1);
    expect(events[exitIndex]).toMatchObject({ signal: "SIGKILL" });
    expect(events.filter((e) => e.type === "syscall" && e.incomplete === "end-of-trace")).toEqual([]);
  });

  test("flush emits the calls still pending as end-of-trace, in the order they started", () => {
    // Lines 36..45: set_robust_list, accept, connect, read, sendto are left open at various points.
    const stitcher = createStitcher();
    const pushed: Stitched[] = [];
    for (const n of [37, 41, 44]) stitcher.push(parseLine(logLine(TCP, n), n), pushed);
    // accept (8075, line 37) is given up as lost the moment read (8075, line 44) starts.
    expect(syscalls(pushed).map((e) => [e.lineNo, e.incomplete])).toEqual([[37, "lost"]]);
    const flushed: Stitched[] = [];
    stitcher.flush(flushed);
    expect(syscalls([...pushed, ...flushed]).map((e) => [e.lineNo, e.name, e.incomplete])).toEqual([
      [37, "accept", "lost"],
      [41, "connect", "end-of-trace"],
      [44, "read", "end-of-trace"],
    ]);
    for (const e of flushed) expect(e).toMatchObject({ type: "syscall", ret: null });
    expect(call(flushed, "connect").args).toMatchObject([
      { kind: "fd", fd: 3 },
      { kind: "struct", addr: { text: "127.0.0.1:47001" } },
      { kind: "num", value: 16 },
    ]);
    const again: Stitched[] = [];
    stitcher.flush(again);
    expect(again).toEqual([]);
  });

  test("<detached ...> makes a call with incomplete detached", () => {
    const name = "attach.o-yy-tt-T.strace";
    const events = stitchText(readLog(name));
    const sleep = syscalls(events).filter((e) => e.name === "clock_nanosleep" && e.incomplete !== undefined);
    expect(sleep).toHaveLength(1);
    expect(sleep[0]).toMatchObject({
      pid: 18032,
      incomplete: "detached",
      ret: null,
    });
    expect(sleep[0]?.args).toMatchObject([
      { kind: "sym", value: "CLOCK_REALTIME" },
      { kind: "num", value: 0 },
      { kind: "struct", fields: { tv_nsec: { kind: "num", value: 50000000 } } },
    ]);
    // With -o, strace's `Process N detached` went to its stderr, not to the log: the other thread's
    // recvfrom is only known to be unfinished when the trace ends.
    expect(
      syscalls(events)
        .filter((e) => e.incomplete === "end-of-trace")
        .map((e) => [e.pid, e.name]),
    ).toEqual([[18034, "recvfrom"]]);
  });

  test("`strace: Process N detached` ends N's call in flight as detached, before the note", () => {
    const name = "attach.err-yy-tt.strace";
    expect(logLine(name, 79)).toContain("[pid 18049] 01:22:27.686996 recvfrom(5<TCP:");
    expect(logLine(name, 83)).toBe("strace: Process 18049 detached");
    const events = stitchText(readLog(name));
    expectWireValid(events);
    const recvfrom = syscalls(events).filter((e) => e.pid === 18049 && e.lineNo === 79);
    expect(recvfrom).toHaveLength(1);
    expect(recvfrom[0]).toMatchObject({ name: "recvfrom", ret: null, incomplete: "detached" });
    const note = events.findIndex((e) => e.type === "note" && e.note === "detached" && e.subject === 18049);
    expect(note).toBe(events.indexOf(recvfrom[0] as StitchedCall) + 1);
    expect(syscalls(events).filter((e) => e.incomplete === "end-of-trace")).toEqual([]);
  });
});

describe("pids of unprefixed stderr lines", () => {
  const ERR = "tcp-echo.err-yy-tt.strace";

  test("tcp-echo on stderr: before the fork pid 0, then the learned pid, never 0 again", () => {
    const events = stitchText(readLog(ERR));
    expectWireValid(events);
    const stitch = events.filter((e) => e.type === "note" && e.note === "stitch");
    expect(stitch).toHaveLength(1);
    expect(stitch[0]).toMatchObject({ subject: 8215, lineNo: 38 });
    const at = events.indexOf(stitch[0] as Stitched);
    const before = syscalls(events.slice(0, at));
    const after = syscalls(events.slice(at));
    expect(before.length).toBeGreaterThan(30);
    expect(before.every((e) => e.pid === 0)).toBe(true);
    expect(after.length).toBeGreaterThan(30);
    expect(after.filter((e) => e.pid === 0)).toEqual([]);
    expect(new Set(after.map((e) => e.pid))).toEqual(new Set([8215, 8216]));
    // The fork itself is the main process's, joined across strace's spliced note.
    expect(call(before, "clone")).toMatchObject({ pid: 0, ret: 8216, lineNo: 35 });
  });

  test("tcp-echo on stderr through the whole pipeline: the same pids", () => {
    const events = eventsFromText(readLog(ERR));
    expectWireValid(events);
    const at = events.findIndex((e) => e.type === "note" && e.note === "stitch");
    expect(at).toBeGreaterThan(30);
    expect(syscalls(events.slice(0, at)).every((e) => e.pid === 0)).toBe(true);
    expect(syscalls(events.slice(at)).filter((e) => e.pid === 0)).toEqual([]);
    const wait4 = syscalls(events).filter((e) => e.name === "wait4");
    expect(wait4).toHaveLength(1);
    expect(wait4[0]).toMatchObject({ pid: 8215, ret: 8216, lineNo: 77 });
    expect(wait4[0]?.partial).toBeUndefined();
    expect(wait4[0]?.incomplete).toBeUndefined();
  });

  test("tcp-echo on stderr: the main process's wait4 spans the child's exit, complete and not partial", () => {
    expect(logLine(ERR, 77)).toMatch(/^\[pid {2}8215\] \S+ wait4\(8216, {2}<unfinished \.\.\.>$/);
    expect(logLine(ERR, 81)).toMatch(
      /^\S+ <\.\.\. wait4 resumed>\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\]/,
    );
    const events = stitchText(readLog(ERR));
    const wait4 = syscalls(events).filter((e) => e.name === "wait4");
    expect(wait4).toHaveLength(1);
    expect(wait4[0]).toMatchObject({
      pid: 8215,
      lineNo: 77,
      ret: 8216,
      end: near(4705.385229),
      duration: 0.00018,
    });
    expect(wait4[0]?.partial).toBeUndefined();
    expect(wait4[0]?.incomplete).toBeUndefined();
    // The lines after the last child exited carry no pid either: they are 8215's.
    const exits = events.filter((e) => e.type === "exit");
    expect(exits.map((e) => [e.pid, e.lineNo])).toEqual([
      [8216, 80],
      [8215, 90],
    ]);
    expect(call(events, "exit_group", 8215)).toMatchObject({ lineNo: 89, ret: null });
  });

  test("every err log: after its stitch note no syscall has pid 0, and the note is not lost", () => {
    for (const name of logNames().filter((n) => n.includes(".err-"))) {
      const events = stitchText(readLog(name));
      const at = events.findIndex((e) => e.type === "note" && e.note === "stitch");
      const hasPid0 = events.some((e) => e.type === "syscall" && e.pid === 0);
      const hasPrefixed = logLines(name).some((l) => l.startsWith("[pid "));
      // A stitch note appears exactly when some lines had no pid and others did.
      expect([name, at >= 0]).toEqual([name, hasPid0 && hasPrefixed]);
      if (at >= 0) {
        expect([name, events.slice(at).filter((e) => e.type === "syscall" && e.pid === 0).length]).toEqual([
          name,
          0,
        ]);
      }
    }
  });

  test("the note is kept when the line that teaches the pid is a resumed line", () => {
    // killed-sigkill-thread on stderr: the first prefixed line of the main thread is `<... clone3 resumed>`.
    const name = "killed-sigkill-thread.err-yy-tt.strace";
    expect(logLine(name, 43)).toBe(
      "[pid 17740] 01:22:23.009093 <... clone3 resumed> => {parent_tid=[17745]}, 88) = 17745 <0.000071>",
    );
    const events = stitchText(readLog(name));
    const note = events.find((e) => e.type === "note" && e.note === "stitch");
    expect(note).toMatchObject({ subject: 17740, lineNo: 43 });
    const clone3 = call(events, "clone3");
    expect(clone3).toMatchObject({ pid: 17740, lineNo: 40, ret: 17745 });
    expect(events.indexOf(note as Stitched)).toBe(events.indexOf(clone3) - 1);
  });

  test("the note is kept when the line that teaches the pid is a signal", () => {
    // Built: a process prints unprefixed lines, forks, and the first prefixed line is its SIGCHLD.
    const events = stitchLines([
      "01:18:25.382080 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f5cbd742a10) = 8216 <0.000172>",
      "[pid  8216] 01:18:25.385194 +++ exited with 0 +++",
      "[pid  8215] 01:18:25.385251 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=8216, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---",
    ]);
    expect(events.map((e) => e.type)).toEqual(["syscall", "exit", "note", "signal"]);
    expect(events[2]).toMatchObject({ note: "stitch", subject: 8215 });
    expect(events[3]).toMatchObject({ pid: 8215, signal: "SIGCHLD" });
  });

  test("a single process on stderr keeps pid 0 throughout, with no note", () => {
    const events = stitchText(readLog("killed-segv.err-yy-tt.strace"));
    expect(events.filter((e) => e.type === "note")).toEqual([]);
    expect(syscalls(events).every((e) => e.pid === 0)).toBe(true);
    expect(events.find((e) => e.type === "exit")).toMatchObject({
      pid: 0,
      signal: "SIGSEGV",
      coreDumped: true,
    });
  });

  test("`strace: Process N attached` (-p) names the unprefixed process", () => {
    const name = "attach.err-yy-tt.strace";
    expect(logLine(name, 1)).toBe("strace: Process 18048 attached with 2 threads");
    const events = stitchText(readLog(name));
    expect(events.filter((e) => e.type === "syscall" && e.pid === 0)).toEqual([]);
    expect(events[0]).toMatchObject({ type: "note", note: "attached", subject: 18048 });
  });
});

describe("strace's own note spliced into a line (rejoin)", () => {
  function rejoin(lines: SplitLine[]): SplitLine[] {
    const rejoiner = createLineRejoiner();
    return [...lines.flatMap((l) => rejoiner.push(l)), ...rejoiner.flush()];
  }
  const numbered = (name: string, from: number, to: number): SplitLine[] =>
    logLines(name)
      .slice(from - 1, to)
      .map((text, i) => ({ text, lineNo: from + i }));

  test("clone(…SIGCHLDstrace: Process N attached / , child_tidptr=…) = N", () => {
    const out = rejoin(numbered("tcp-echo.err-yy-tt.strace", 34, 37));
    expect(out).toEqual([
      { text: "01:18:25.381737 listen(3<TCP:[127.0.0.1:47001]>, 4) = 0 <0.000018>", lineNo: 34 },
      {
        text: "01:18:25.382080 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f5cbd742a10) = 8216 <0.000172>",
        lineNo: 35,
      },
      // The note follows the call it interrupted: the child was attached while the clone ran.
      { text: "strace: Process 8216 attached", lineNo: 35 },
      {
        text: "[pid  8216] 01:18:25.382290 set_robust_list(0x7f5cbd742a20, 24 <unfinished ...>",
        lineNo: 37,
      },
    ]);
    const clone = parseLine(out[1]?.text ?? "", 35);
    expect(clone).toMatchObject({ kind: "syscall", name: "clone", ret: { value: 8216 }, duration: 0.000172 });
  });

  test("the note lands in the middle of a completed call: the rest of its arguments follow", () => {
    const name = "forking-server.err-yy-tt.strace";
    expect(logLine(name, 76)).toMatch(
      /recvfrom\(4<TCP:\[127\.0\.0\.1:47002->127\.0\.0\.1:\d+\]>, strace: Process 8291 attached$/,
    );
    const events = stitchText(readLog(name));
    const recvfrom = syscalls(events).filter((e) => e.lineNo === 76);
    expect(recvfrom).toHaveLength(1);
    expect(recvfrom[0]).toMatchObject({
      name: "recvfrom",
      pid: 8290,
      ret: 19,
      duration: 0.000055,
      args: [
        { kind: "fd", fd: 4 },
        { kind: "str", value: "client 1 message 0\n", bytes: 19 },
        { kind: "num", value: 256 },
        { kind: "num", value: 0 },
        { kind: "null" },
        { kind: "null" },
      ],
    });
    const note = events.findIndex((e) => e.type === "note" && e.subject === 8291);
    expect(events[note]).toMatchObject({
      note: "attached",
      lineNo: 76,
      text: "strace: Process 8291 attached",
    });
    // After the call it interrupted.
    expect(note).toBeGreaterThan(events.indexOf(recvfrom[0] as StitchedCall));
  });

  test("every spliced note in every err log is split off, and no line is left unparsed", () => {
    for (const name of logNames().filter((n) => n.includes(".err-") && !n.startsWith("mixed-stderr"))) {
      const spliced = logLines(name).filter((l) =>
        /.strace: Process \d+ (attached|detached)$/.test(l),
      ).length;
      const events = stitchText(readLog(name));
      expect([name, events.filter((e) => e.type === "unparsed").map((e) => e.lineNo)]).toEqual([name, []]);
      const notes = events.filter(
        (e) => e.type === "note" && /^strace: Process \d+ (attached|detached)$/.test(e.text),
      );
      expect([name, notes.length >= spliced]).toEqual([name, true]);
    }
  });

  test("clone3 whose `=> {parent_tid=[N]}, 88) = N` tail follows the note", () => {
    const name = "threads.err-yy-tt.strace";
    expect(logLine(name, 44)).toBe(" => {parent_tid=[8657]}, 88) = 8657 <0.000081>");
    const events = stitchText(readLog(name));
    const clone3 = syscalls(events).filter((e) => e.name === "clone3" && e.lineNo === 43);
    expect(clone3).toHaveLength(1);
    expect(clone3[0]?.ret).toBe(8657);
    expect(clone3[0]?.args).toMatchObject([
      {
        kind: "changed",
        to: {
          kind: "struct",
          fields: { parent_tid: { kind: "array", items: [{ kind: "num", value: 8657 }] } },
        },
      },
      { kind: "num", value: 88 },
    ]);
  });

  test("` <unfinished ...>` after the note: the call waits for its resumed half", () => {
    const name = "threads.err-yy-tt.strace";
    expect(logLine(name, 60)).toMatch(
      /accept\(3<TCP:\[127\.0\.0\.1:47007\]>, NULL, NULLstrace: Process 8658 attached$/,
    );
    expect(logLine(name, 61)).toBe(" <unfinished ...>");
    const events = stitchText(readLog(name));
    const accept = syscalls(events).filter((e) => e.name === "accept" && e.lineNo === 60);
    expect(accept).toHaveLength(1);
    expect(accept[0]).toMatchObject({
      pid: 8657,
      ret: 4,
      retDecoration: { protocol: "TCP", local: { text: "127.0.0.1:47007" } },
      args: [{ kind: "fd", fd: 3 }, { kind: "null" }, { kind: "null" }],
    });
    expect(accept[0]?.incomplete).toBeUndefined();
    expect(accept[0]?.end).toBeGreaterThan(accept[0]?.time ?? Number.POSITIVE_INFINITY);
  });

  test("`strace: Process N detached` spliced before ` <detached ...>`", () => {
    const name = "attach.err-yy-tt.strace";
    const out = rejoin(numbered(name, 81, 83));
    expect(out).toEqual([
      {
        text: "[pid 18048] 01:22:27.687114 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=50000000},  <detached ...>",
        lineNo: 81,
      },
      { text: "strace: Process 18048 detached", lineNo: 81 },
      { text: "strace: Process 18049 detached", lineNo: 83 },
    ]);
    expect(parseLine(out[0]?.text ?? "", 81)).toMatchObject({
      kind: "detached",
      pid: 18048,
      name: "clock_nanosleep",
    });
  });

  test("a held first half with nothing after it is flushed as truncated", () => {
    const text = "[pid  8216] 01:18:25.382409 close(3<TCP:[127.0.0.1:47001]>strace: Process 8289 attached";
    const out = rejoin([{ text, lineNo: 9 }]);
    expect(out).toEqual([
      { text: "[pid  8216] 01:18:25.382409 close(3<TCP:[127.0.0.1:47001]>", lineNo: 9, truncated: true },
      { text: "strace: Process 8289 attached", lineNo: 9 },
    ]);
  });

  test("a line that only mentions strace at its start is left alone", () => {
    const lines = [{ text: "strace: Process 18049 detached", lineNo: 1 }];
    expect(rejoin(lines)).toEqual(lines);
  });
});

describe("clocks", () => {
  test("-r alone: relative times add up to a running clock", () => {
    // Built from tcp-echo.o-t-r.strace lines 30..32 as -r without -t prints them.
    const events = stitchLines([
      "8115       0.000095 alarm(5) = 0",
      "8115       0.000074 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[14406]>",
      "8115       0.000366 setsockopt(3<TCP:[14406]>, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0",
    ]);
    expect(events.map((e) => ("time" in e ? e.time : undefined))).toEqual([
      near(0.000095),
      near(0.000169),
      near(0.000535),
    ]);
  });

  test("-t -r: the absolute clock wins over the sum of deltas", () => {
    const name = "tcp-echo.o-t-r.strace";
    const events = stitchRange(name, 30, 32);
    expect(events.map((e) => ("time" in e ? e.time : undefined))).toEqual([4705, 4705, 4705]);
  });

  test("a -tt clock that passes midnight keeps increasing", () => {
    // Built: the same call just before and just after midnight.
    const events = stitchLines(["8115  23:59:59.999000 alarm(5) = 0", "8115  00:00:00.001000 alarm(0) = 5"]);
    expect(events.map((e) => ("time" in e ? e.time : undefined))).toEqual([near(86399.999), near(86400.001)]);
  });

  test("an unfinished call keeps its start time when the pid is resolved later", () => {
    const events = stitchRange("tcp-echo.err-yy-tt.strace", 77, 81);
    expect(call(events, "wait4")).toMatchObject({ time: near(4705.385043), end: near(4705.385229) });
  });
});

describe("execve from a thread: +++ superseded by execve in pid N +++", () => {
  test("the execing thread's call resumes under the leader's pid", () => {
    // Built the way strace prints it when thread 8657 of leader 8656 calls execve.
    const events = stitchLines([
      '[pid  8657] 01:18:26.335160 execve("/bin/true", ["true"], 0x7ffd98b34600 /* 3 vars */ <unfinished ...>',
      "[pid  8656] 01:18:26.335200 futex(0x7f5717709990, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 8657, NULL, FUTEX_BITSET_MATCH_ANY <unfinished ...>",
      "[pid  8656] 01:18:26.336000 +++ superseded by execve in pid 8657 +++",
      "[pid  8656] 01:18:26.336100 <... execve resumed>) = 0 <0.000940>",
    ]);
    expect(
      events.map((e) => [e.type, "pid" in e ? e.pid : null, e.type === "syscall" ? e.name : null]),
    ).toEqual([
      ["syscall", 8656, "futex"],
      ["exit", 8656, null],
      ["syscall", 8656, "execve"],
    ]);
    expect(call(events, "futex")).toMatchObject({ incomplete: "exit", ret: null });
    const execve = call(events, "execve");
    expect(execve).toMatchObject({ ret: 0, lineNo: 1, time: near(4706.33516), end: near(4706.3361) });
    expect(execve.partial).toBeUndefined();
    expect(execve.args).toMatchObject([
      { kind: "str", value: "/bin/true" },
      { kind: "array" },
      { kind: "num" },
    ]);
    expect(events[1]).toMatchObject({ supersededBy: 8657 });
  });
});

describe("limits", () => {
  test("maxPending: the oldest waiting call is given up as lost", () => {
    const stitcher = createStitcher({ maxPending: 2 });
    const lines = [
      "101  read(3,  <unfinished ...>",
      "102  read(4,  <unfinished ...>",
      "103  read(5,  <unfinished ...>",
      '102  <... read resumed>"x", 1) = 1',
    ];
    const out: Stitched[] = [];
    lines.forEach((l, i) => {
      stitcher.push(parseLine(l, i + 1), out);
    });
    stitcher.flush(out);
    expect(syscalls(out).map((e) => [e.pid, e.incomplete ?? null])).toEqual([
      [101, "lost"],
      [102, null],
      [103, "end-of-trace"],
    ]);
  });
});

describe("births: a new process's lines follow the fork that made it", () => {
  const THREAD = "killed-sigkill-thread.o-y-ttt.strace";

  test("a thread's calls printed before clone3 returns come out after it; the other print order agrees", () => {
    // Lines 40..47 as recorded: thread 17920 prints rseq and set_robust_list (whole) and starts
    // rt_sigprocmask before its creator's clone3 returns at line 44.
    expect(logLine(THREAD, 41)).toBe("17920 1795656144.746579 rseq(0x7f122cef5fe0, 0x20, 0, 0x53053053) = 0");
    expect(logLine(THREAD, 44)).toBe(
      "17913 1795656144.746643 <... clone3 resumed> => {parent_tid=[17920]}, 88) = 17920",
    );
    const recorded = logLines(THREAD).slice(39, 47);
    // Built: the same lines in the order strace prints them when the creator returns first.
    const parentFirst = [40, 44, 41, 42, 43, 45, 46, 47].map((n) => logLine(THREAD, n));
    const expected = [
      "17913 clone3",
      "17920 rseq",
      "17920 set_robust_list",
      "17920 rt_sigprocmask",
      "17913 rt_sigprocmask",
      "17920 recvfrom",
    ];
    const a = stitchLines(recorded);
    const b = stitchLines(parentFirst);
    expect(story(a)).toEqual(expected);
    expect(story(b)).toEqual(expected);
    // The same calls, not only the same names: same start times, same arguments.
    const facts = (events: Stitched[]) =>
      syscalls(events).map((e) => [e.pid, e.name, e.time, e.argsText, e.ret]);
    expect(facts(a)).toEqual(facts(b));
    expect(eventsBeforeBirth(a)).toEqual([]);
  });

  test("a forked child's close printed before fork returns comes out after the fork, in either order", () => {
    // Built from forking-server.o-y-ttt.strace lines 31, 37 and 41: child 8268 closes the listener
    // it inherited, printed whole, before (and, in the other order, after) 8266's clone returns.
    const name = "forking-server.o-y-ttt.strace";
    const clone = logLine(name, 37);
    const resumed = logLine(name, 41);
    expect(clone).toMatch(/^8266\s+\S+ clone\(.* <unfinished \.\.\.>$/);
    expect(resumed).toMatch(/^8266\s+\S+ <\.\.\. clone resumed>, child_tidptr=0x[0-9a-f]+\) = 8268$/);
    const close = "8268  1795655905.496600 close(3<socket:[14559]>) = 0";
    const before = stepwise([logLine(name, 31), clone, close, resumed]);
    const after = stepwise([logLine(name, 31), clone, resumed, close]);
    expect(story(before.all)).toEqual(["8266 socket", "8266 clone", "8268 close"]);
    expect(story(after.all)).toEqual(story(before.all));
    // Held, not lost: nothing came out for the child's line until the fork returned.
    expect(before.steps[2]).toEqual([]);
    expect(story(before.steps[3] ?? [])).toEqual(["8266 clone", "8268 close"]);
  });

  test("on stderr too: strace's `Process N attached` for the new child does not let its lines out early", () => {
    // Built from killed-sigkill-thread.err-yy-tt.strace lines 39..44, with thread 17745's rseq
    // printed whole before its creator's clone3 returns (the -o recording above has that order).
    const name = "killed-sigkill-thread.err-yy-tt.strace";
    expect(logLine(name, 40)).toMatch(/^01:22:23\.009009 clone3\(\{.*\}strace: Process 17745 attached$/);
    expect(logLine(name, 41)).toBe(" <unfinished ...>");
    const lines = [
      logLine(name, 39),
      logLine(name, 40),
      logLine(name, 41),
      "[pid 17745] 01:22:23.009074 rseq(0x7f82bc034fe0, 0x20, 0, 0x53053053) = 0 <0.000031>",
      logLine(name, 43),
    ];
    const events = stitchText(`${lines.join("\n")}\n`);
    const order = story(events).filter((e) => !e.startsWith("note"));
    // Lines before the first [pid N] stay pid 0; the clone3 in flight moves to 17740 once it is learned.
    expect(order).toEqual(["0 rt_sigprocmask", "17740 clone3", "17745 rseq"]);
    expect(eventsBeforeBirth(events)).toEqual([]);
  });

  test("with no fork in flight a new pid is never held: a log without clone lines (-e trace=network)", () => {
    // Built from forking-server.o-yy-tt-T.strace: the listener's accept and the handler child's
    // first recvfrom, as strace -f -e trace=network prints them (no clone lines at all).
    const { steps, flushed } = stepwise([
      '8245  01:18:25.471108 accept(3<TCP:[127.0.0.1:47002]>, {sa_family=AF_INET, sin_port=htons(54606), sin_addr=inet_addr("127.0.0.1")}, [16]) = 4<TCP:[127.0.0.1:47002->127.0.0.1:54606]> <0.000368>',
      '8248  01:18:25.472717 recvfrom(4<TCP:[127.0.0.1:47002->127.0.0.1:54606]>, "client 1 message 0\n", 256, 0, NULL, NULL) = 19 <0.000227>',
      "8248  01:18:25.473827 +++ exited with 0 +++",
    ]);
    expect(steps.map(story)).toEqual([["8245 accept"], ["8248 recvfrom"], ["8248 +++"]]);
    expect(flushed).toEqual([]);
  });

  test("a process seen before is not held while another fork is in flight", () => {
    // forking-server.o-yy-tt-T.strace lines 35..39: 8246 (born at line 35) finishes a call while
    // 8245's next clone is in flight; it comes out at once.
    const name = "forking-server.o-yy-tt-T.strace";
    const { steps } = stepwise(logLines(name).slice(34, 39));
    expect(logLine(name, 38)).toBe("8246  01:18:25.470116 <... set_robust_list resumed>) = 0 <0.000040>");
    expect(steps.map(story)).toEqual([["8245 clone"], [], [], ["8246 set_robust_list"], ["8245 clone"]]);
  });

  test("vfork: the child's calls up to its execve are held until `<... vfork resumed>) = pid`", () => {
    // Built: an inetd-style server that vforks a handler, with strace -f's vfork syntax (the parent
    // is suspended until the child execs, so the child's lines always come first).
    const { steps, all } = stepwise([
      "8300  01:18:25.470000 vfork( <unfinished ...>",
      "8301  01:18:25.470100 dup2(4<TCP:[127.0.0.1:47002->127.0.0.1:54606]>, 0) = 0 <0.000010>",
      "8301  01:18:25.470150 close(4<TCP:[127.0.0.1:47002->127.0.0.1:54606]>) = 0 <0.000008>",
      '8301  01:18:25.470200 execve("/bin/cat", ["cat"], 0x7ffd98b34600 /* 3 vars */) = 0 <0.000250>',
      "8300  01:18:25.470300 <... vfork resumed>) = 8301 <0.000300>",
      '8301  01:18:25.470400 read(0<TCP:[127.0.0.1:47002->127.0.0.1:54606]>, "hi\n", 131072) = 3 <0.000010>',
    ]);
    expect(steps.map(story)).toEqual([
      [],
      [],
      [],
      [],
      ["8300 vfork", "8301 dup2", "8301 close", "8301 execve"],
      ["8301 read"],
    ]);
    expect(call(all, "vfork")).toMatchObject({
      ret: 8301,
      argsText: "",
      time: near(4705.47),
      end: near(4705.4703),
    });
  });

  test("the window is bounded: past maxHeld events the oldest held process is released as it is", () => {
    // Built: two servers fork at once (both clones in flight) and both children print before either
    // fork returns. With room for 3 held events, the fourth lets the oldest child out.
    const { steps, all } = stepwise(
      [
        "100  01:18:25.470000 alarm(5) = 0",
        "101  01:18:25.470010 alarm(5) = 0",
        "100  01:18:25.470083 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD <unfinished ...>",
        "101  01:18:25.470090 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD <unfinished ...>",
        "200  01:18:25.470100 set_robust_list(0x7f0003bc4a20, 24) = 0",
        "200  01:18:25.470110 close(3<TCP:[127.0.0.1:47002]>) = 0",
        "201  01:18:25.470120 set_robust_list(0x7f0003bc4a20, 24) = 0",
        "201  01:18:25.470130 close(3<TCP:[127.0.0.1:47002]>) = 0",
        "100  01:18:25.470300 <... clone resumed>, child_tidptr=0x7f0003bc4a10) = 200",
        "101  01:18:25.470310 <... clone resumed>, child_tidptr=0x7f0003bc4a10) = 201",
      ],
      { maxHeld: 3 },
    );
    expect(steps.slice(4, 7)).toEqual([[], [], []]);
    expect(story(steps[7] ?? [])).toEqual(["200 set_robust_list", "200 close"]);
    expect(story(steps[8] ?? [])).toEqual(["100 clone"]);
    expect(story(steps[9] ?? [])).toEqual(["101 clone", "201 set_robust_list", "201 close"]);
    // Nothing is lost or doubled.
    expect(syscalls(all)).toHaveLength(8);
  });

  test.each([
    { how: "exited", exit: "100  01:18:25.470200 +++ exited with 1 +++" },
    { how: "killed", exit: "100  01:18:25.470200 +++ killed by SIGKILL +++" },
  ])("a fork that never returns (the parent $how) releases what was held, at once", ({ exit }) => {
    const { steps, flushed } = stepwise([
      "100  01:18:25.470000 alarm(5) = 0",
      "100  01:18:25.470083 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD <unfinished ...>",
      "200  01:18:25.470100 set_robust_list(0x7f0003bc4a20, 24) = 0",
      exit,
      "200  01:18:25.470300 close(3<TCP:[127.0.0.1:47002]>) = 0",
    ]);
    expect(steps[2]).toEqual([]);
    expect(story(steps[3] ?? [])).toEqual(["100 clone", "200 set_robust_list", "100 +++"]);
    expect(call(steps[3] ?? [], "clone")).toMatchObject({ ret: null, incomplete: "exit" });
    // No fork is in flight any more: the orphan's next line is not held.
    expect(story(steps[4] ?? [])).toEqual(["200 close"]);
    expect(flushed).toEqual([]);
  });

  test("a pid reused after `+++ exited with 0 +++` is a new process: held until its own fork returns", () => {
    // Built from forking-server.o-yy-tt-T.strace's clone lines, with the kernel handing out 8246 twice.
    const { steps, all } = stepwise([
      "8245  01:18:25.469894 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0003bc4a10) = 8246 <0.000112>",
      "8246  01:18:25.473438 exit_group(0) = ?",
      "8246  01:18:25.473620 +++ exited with 0 +++",
      "8245  01:18:25.474083 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD <unfinished ...>",
      "8246  01:18:25.474116 set_robust_list(0x7f0003bc4a20, 24) = 0 <0.000040>",
      "8245  01:18:25.474300 <... clone resumed>, child_tidptr=0x7f0003bc4a10) = 8246 <0.000209>",
    ]);
    expect(steps[4]).toEqual([]);
    expect(story(all)).toEqual([
      "8245 clone",
      "8246 exit_group",
      "8246 +++",
      "8245 clone",
      "8246 set_robust_list",
    ]);
    expect(eventsBeforeBirth(all)).toEqual([]);
  });
});

describe("every recorded log", () => {
  test.each(logNames().map((name) => ({ name })))(
    "$name: every event validates on the wire, none is numbered, each process follows its birth",
    ({ name }) => {
      const events = stitchText(readLog(name));
      expectWireValid(events);
      // The pipeline numbers events, once, after the model: the stitcher leaves `seq` alone.
      expect(events.filter((e) => e.seq !== 0)).toEqual([]);
      // A joined call never ends before it starts.
      for (const e of syscalls(events)) {
        if (e.end !== undefined && e.time !== undefined) expect(e.end).toBeGreaterThanOrEqual(e.time);
      }
      expect(eventsBeforeBirth(events)).toEqual([]);
    },
  );
});

/** The first unfinished line of `name` for syscall `fn` and the line of its resumed half. */
function splitPair(name: string, fn: string): { unfinished: number; resumed: number } {
  const lines = logLines(name);
  const u = lines.findIndex((l) => l.includes(` ${fn}(`) && l.endsWith(" <unfinished ...>"));
  const pid = /^(\d+)/.exec(lines[u] ?? "")?.[1];
  const r = lines.findIndex((l, i) => i > u && l.startsWith(`${pid} `) && l.includes(`<... ${fn} resumed>`));
  expect(u).toBeGreaterThanOrEqual(0);
  expect(r).toBeGreaterThan(u);
  return { unfinished: u + 1, resumed: r + 1 };
}

/**
 * Events of a process that come out before the fork that returned its pid (since that pid's last
 * exit, as a pid can be reused), as `pid name @lineNo` strings.
 */
function eventsBeforeBirth(events: readonly Stitched[]): string[] {
  const wrong: string[] = [];
  const since = new Map<number, Stitched[]>();
  for (const e of events) {
    if (e.type === "unparsed" || e.type === "note" || e.pid === undefined) continue;
    if (e.type === "syscall" && FORK_CALLS.has(e.name) && e.ret !== null && e.ret > 0) {
      for (const early of since.get(e.ret) ?? []) wrong.push(`${story([early])[0]} @${early.lineNo}`);
      since.set(e.ret, []);
    }
    let seen = since.get(e.pid);
    if (seen === undefined) {
      seen = [];
      since.set(e.pid, seen);
    }
    seen.push(e);
    if (e.type === "exit" && e.supersededBy === undefined) since.delete(e.pid);
  }
  return wrong;
}
