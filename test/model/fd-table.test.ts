// fd tables as the kernel keeps them: copies on fork, one table for threads, close-on-exec,
// close_range (and its CLOEXEC and UNSHARE forms), and a socket that lives until its last
// reference anywhere goes.
import { describe, expect, test } from "vitest";
import type { SyscallEvent } from "../../src/core/events.js";
import { createFdTables } from "../../src/model/fd-table.js";

type S = { name: string; refs: number };
const sock = (name: string): S => ({ name, refs: 0 });
const names = (xs: S[]) => xs.map((x) => x.name);

describe("fd tables", () => {
  test("close drops one reference; the socket goes with the last one", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    t.set(1, 3, a, false);
    t.set(1, 4, a, false); // dup
    expect(a.refs).toBe(2);
    expect(names(t.remove(1, 3))).toEqual([]);
    expect(names(t.remove(1, 4))).toEqual(["a"]);
    expect(a.refs).toBe(0);
  });

  test("dup2 onto an open fd releases what was there", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    const b = sock("b");
    t.set(1, 0, a, false);
    expect(names(t.set(1, 0, b, false))).toEqual(["a"]);
    expect(t.get(1, 0)).toBe(b);
  });

  test("fork copies the table: the socket lives until both processes close it", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    t.set(10, 4, a, false);
    expect(t.spawn(10, 11, false)).toEqual([]);
    expect(t.get(11, 4)).toBe(a);
    expect(names(t.remove(10, 4))).toEqual([]);
    expect(names(t.remove(11, 4))).toEqual(["a"]);
  });

  test("a thread shares the table: a close in one is seen by the other", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    t.set(10, 4, a, false);
    t.spawn(10, 12, true);
    expect(names(t.remove(12, 4))).toEqual(["a"]);
    expect(t.get(10, 4)).toBeUndefined();
  });

  test("execve drops close-on-exec fds only, and says which survive", () => {
    const t = createFdTables<S>();
    const keep = sock("keep");
    const drop = sock("drop");
    t.set(1, 0, keep, false);
    t.set(1, 5, drop, true);
    const { released, kept } = t.exec(1);
    expect(names(released)).toEqual(["drop"]);
    expect(kept.map(([fd, e]) => [fd, e.socket.name, e.cloexec])).toEqual([[0, "keep", false]]);
    expect(t.get(1, 0)).toBe(keep);
    expect(t.get(1, 5)).toBeUndefined();
  });

  test("execve in a process with no socket fds releases and keeps nothing", () => {
    expect(createFdTables<S>().exec(7)).toEqual({ released: [], kept: [] });
  });

  test("F_SETFD changes close-on-exec", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    t.set(1, 5, a, false);
    t.setCloexec(1, 5, true);
    expect(t.entry(1, 5)?.cloexec).toBe(true);
    expect(names(t.exec(1).released)).toEqual(["a"]);
  });

  test("entries remember the call that made them; a fork's copy keeps it", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    const accept = { name: "accept" } as SyscallEvent;
    t.set(10, 4, a, false, accept);
    t.set(10, 5, a, false);
    t.spawn(10, 11, false);
    expect(t.entry(11, 4)?.madeBy).toBe(accept);
    expect(t.entry(11, 5)).not.toHaveProperty("madeBy");
    expect(t.entries(11).map(([fd]) => fd)).toEqual([4, 5]);
  });

  test("exit of the last user closes everything; a thread's exit does not", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    t.set(10, 4, a, false);
    t.spawn(10, 12, true);
    expect(names(t.exit(12))).toEqual([]);
    expect(names(t.exit(10))).toEqual(["a"]);
  });

  test("a child seen before its parent's clone returns: merged over a copy of the parent's table", () => {
    const t = createFdTables<S>();
    const inherited = sock("inherited");
    const closedByChild = sock("closed-by-child");
    const own = sock("own");
    t.set(10, 3, inherited, false);
    t.set(10, 4, closedByChild, false);
    // The child's lines come first: it closes inherited fd 4 and opens its own fd 5.
    t.remove(11, 4);
    t.set(11, 5, own, false);
    t.spawn(10, 11, false);
    expect(t.get(11, 3)).toBe(inherited);
    expect(t.get(11, 4)).toBeUndefined();
    expect(t.get(11, 5)).toBe(own);
    expect(names(t.remove(10, 4))).toEqual(["closed-by-child"]);
  });

  test("pid 0 (lines strace printed without a pid) becomes the real pid", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    t.set(0, 3, a, false);
    t.alias(0, 42);
    expect(t.get(42, 3)).toBe(a);
    expect(t.get(0, 3)).toBeUndefined();
  });

  test("open() lists every fd still open, once per table", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    t.set(10, 3, a, false);
    t.spawn(10, 12, true);
    expect(t.open().map((o) => [o.pid, o.fd, o.socket.name])).toEqual([[10, 3, "a"]]);
  });
});

describe("close_range", () => {
  function table() {
    const t = createFdTables<S>();
    const [a, b, c] = [sock("a"), sock("b"), sock("c")];
    t.set(1, 3, a, false);
    t.set(1, 4, b, false);
    t.set(1, 9, c, false);
    return { t, a, b, c };
  }

  test("removeRange closes the fds in [first, last] only, ends included", () => {
    const { t, c } = table();
    expect(names(t.removeRange(1, 3, 4))).toEqual(["a", "b"]);
    expect(t.get(1, 9)).toBe(c);
  });

  test("~0U as the last fd closes everything from first up", () => {
    const { t } = table();
    expect(names(t.removeRange(1, 4, Number.MAX_SAFE_INTEGER))).toEqual(["b", "c"]);
    expect(t.entries(1).map(([fd]) => fd)).toEqual([3]);
  });

  test("a socket with another reference outside the range lives on", () => {
    const { t, a } = table();
    t.set(1, 20, a, false); // dup above the range
    expect(names(t.removeRange(1, 0, 10))).toEqual(["b", "c"]);
    expect(t.get(1, 20)).toBe(a);
  });

  test("a process with no table: nothing to close", () => {
    expect(createFdTables<S>().removeRange(5, 0, 100)).toEqual([]);
  });

  test("CLOSE_RANGE_CLOEXEC marks the range close-on-exec, and exec then drops exactly that", () => {
    const { t } = table();
    t.cloexecRange(1, 4, Number.MAX_SAFE_INTEGER);
    expect(t.entries(1).map(([fd, e]) => [fd, e.cloexec])).toEqual([
      [3, false],
      [4, true],
      [9, true],
    ]);
    const { released, kept } = t.exec(1);
    expect(names(released)).toEqual(["b", "c"]);
    expect(kept.map(([fd]) => fd)).toEqual([3]);
  });

  test("CLOSE_RANGE_UNSHARE: a thread gets its own copy, so its close no longer reaches the others", () => {
    const { t, a } = table();
    t.spawn(1, 2, true);
    t.unshare(2);
    expect(names(t.removeRange(2, 0, Number.MAX_SAFE_INTEGER))).toEqual([]);
    expect(t.get(1, 3)).toBe(a);
    expect(t.get(2, 3)).toBeUndefined();
    // The copy held its own references: the original table's closes now release.
    expect(names(t.removeRange(1, 0, Number.MAX_SAFE_INTEGER))).toEqual(["a", "b", "c"]);
  });

  test("unshare of a table nobody else uses changes nothing", () => {
    const { t, a } = table();
    t.unshare(1);
    expect(t.get(1, 3)).toBe(a);
    expect(a.refs).toBe(1);
  });
});
