// Which processes `attach` hands to strace: the descendant walk on a pid → ppid map (pure), the
// /proc/PID/stat ppid field, the stderr line, and the /proc reading on a fake /proc tree.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  descendantsOf,
  describeAttach,
  parseStatPpid,
  planAttach,
  readParents,
} from "../../src/trace/process-tree.js";

/** A pid → ppid map from [pid, ppid] pairs. */
const tree = (...pairs: Array<[number, number]>) => new Map(pairs);

// 1 ─┬─ 10 (master) ─┬─ 11 (worker) ── 14 (its helper)
//    │               └─ 12 (worker) ─┬─ 15
//    │                               └─ 13
//    └─ 20 ── 21
const SAMPLE = tree([1, 0], [10, 1], [12, 10], [11, 10], [14, 11], [15, 12], [13, 12], [20, 1], [21, 20]);

describe("descendantsOf", () => {
  test("nesting: children before grandchildren, each family in pid order", () => {
    expect(descendantsOf([10], SAMPLE)).toEqual([11, 12, 14, 13, 15]);
    expect(descendantsOf([12], SAMPLE)).toEqual([13, 15]);
  });

  test("a leaf, and a pid the map does not know, have none", () => {
    expect(descendantsOf([14], SAMPLE)).toEqual([]);
    expect(descendantsOf([999], SAMPLE)).toEqual([]);
  });

  test("a parent missing from the map (it exited: its children were reparented, or not yet) is no obstacle", () => {
    // 30 is gone; 31 still names it as ppid (read before the reparenting): 31 is 30's, not found from 1.
    const parents = tree([1, 0], [31, 30], [32, 31]);
    expect(descendantsOf([30], parents)).toEqual([31, 32]);
    expect(descendantsOf([1], parents)).toEqual([]);
  });

  test("roots in other branches: 15 and 11, where 11 is a sibling of 15's parent 12", () => {
    expect(descendantsOf([15, 11], SAMPLE)).toEqual([14]);
    expect(descendantsOf([11, 20], SAMPLE)).toEqual([14, 21]);
  });

  test("dedupe: a root below another root, or named twice, is never listed", () => {
    expect(descendantsOf([10, 12], SAMPLE)).toEqual([11, 13, 15, 14]);
    expect(descendantsOf([12, 10, 12], SAMPLE)).toEqual([13, 15, 11, 14]);
    const all = descendantsOf([1, 10, 20], SAMPLE);
    expect(new Set(all).size).toBe(all.length);
  });

  test("a cycle (pids reused while /proc was read) ends; a pid that is its own parent is no child", () => {
    expect(descendantsOf([40], tree([40, 41], [41, 40], [42, 41]))).toEqual([41, 42]);
    expect(descendantsOf([50], tree([50, 50], [51, 50]))).toEqual([51]);
  });

  test("skip: a pid and everything below it are left out", () => {
    expect(descendantsOf([10], SAMPLE, new Set([12]))).toEqual([11, 14]);
  });
});

describe("parseStatPpid", () => {
  test("the field after the state, counted from the last ')' of the command name", () => {
    expect(parseStatPpid("1234 (nginx) S 1 1234 1234 0 -1 4194624 0 0")).toBe(1);
    expect(parseStatPpid("77 (a) b (c) R 76 77 77 0 -1\n")).toBe(76);
    expect(parseStatPpid("88 (with space) S 0 0 0")).toBe(0);
  });

  test("not a stat line: undefined", () => {
    expect(parseStatPpid("")).toBeUndefined();
    expect(parseStatPpid("12 (x)")).toBeUndefined();
    expect(parseStatPpid("12 (x) S pid")).toBeUndefined();
  });
});

describe("describeAttach", () => {
  test("no descendants: nothing to say", () => {
    expect(describeAttach({ named: [5], descendants: [], pids: [5] })).toBeUndefined();
  });

  test("one pid and its descendants, and how to attach to it alone", () => {
    expect(describeAttach({ named: [1234], descendants: [5678], pids: [1234, 5678] })).toBe(
      "sockscope: attaching to 1234 and its 1 existing descendant (5678); --no-children attaches to 1234 alone",
    );
  });

  test("several pids; the list is cut after `shown` pids", () => {
    const descendants = [1, 2, 3, 4, 5].map((n) => 100 + n);
    expect(describeAttach({ named: [7, 8, 9], descendants, pids: [] }, 3)).toBe(
      "sockscope: attaching to 7, 8 and 9 and their 5 existing descendants (101, 102, 103, …); " +
        "--no-children attaches to 7, 8 and 9 alone",
    );
  });
});

describe("planAttach on a /proc tree", () => {
  const proc = mkdtempSync(join(tmpdir(), "sockscope-proc-"));
  afterAll(() => rmSync(proc, { recursive: true, force: true }));
  const add = (pid: number, ppid: number) => {
    mkdirSync(join(proc, String(pid)), { recursive: true });
    writeFileSync(join(proc, String(pid), "stat"), `${pid} (p ${pid}) S ${ppid} ${pid} ${pid} 0 -1\n`);
    writeFileSync(join(proc, String(pid), "status"), `Name:\tp\nTgid:\t${pid}\nPid:\t${pid}\n`);
  };
  for (const [pid, ppid] of SAMPLE) add(pid, ppid);
  mkdirSync(join(proc, "self"));
  mkdirSync(join(proc, "sys"));

  test("readParents: every numeric entry, nothing else", () => {
    expect(readParents(proc)).toEqual(SAMPLE);
  });

  test("the named pids first, each once, then their descendants", () => {
    expect(planAttach([12, 10, 12], true, { proc, self: -1 })).toEqual({
      named: [12, 10],
      descendants: [13, 15, 11, 14],
      pids: [12, 10, 13, 15, 11, 14],
    });
  });

  test("--no-children: the named pids alone", () => {
    expect(planAttach([10, 10, 20], false, { proc, self: -1 }).pids).toEqual([10, 20]);
  });

  test("sockscope's own branch is left out (attaching to the shell that runs it)", () => {
    expect(planAttach([10], true, { proc, self: 12 }).descendants).toEqual([11, 14]);
  });

  test("a named thread id stands for its process", () => {
    // A thread of 20, reachable as /proc/61 but not listed by readdir: here a status file only.
    const tid = join(proc, "61");
    mkdirSync(tid);
    writeFileSync(join(tid, "status"), "Name:\tp\nTgid:\t20\nPid:\t61\n");
    try {
      expect(planAttach([61], true, { proc, self: -1 })).toEqual({
        named: [61],
        descendants: [21],
        pids: [61, 21],
      });
    } finally {
      rmSync(tid, { recursive: true, force: true });
    }
  });
});
