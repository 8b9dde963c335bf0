// fd tables as the kernel keeps them: copies on fork, one table for threads, close-on-exec, and a
// socket that lives until its last reference anywhere goes.
import { describe, expect, test } from "vitest";
import { createFdTables } from "../../src/sockets/fd-table.js";

type S = { name: string; refs: number };
const sock = (name: string): S => ({ name, refs: 0 });
const names = (xs: S[]) => xs.map((x) => x.name);

describe("fd tables", () => {
  test("close drops one reference; the socket goes with the last one", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    t.set(1, 3, a, false);
    t.set(1, 4, a, false); // dup
    expect(names(t.remove(1, 3))).toEqual([]);
    expect(names(t.remove(1, 4))).toEqual(["a"]);
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
    t.spawn(10, 11, false);
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

  test("execve drops close-on-exec fds only", () => {
    const t = createFdTables<S>();
    const keep = sock("keep");
    const drop = sock("drop");
    t.set(1, 0, keep, false);
    t.set(1, 5, drop, true);
    expect(names(t.exec(1))).toEqual(["drop"]);
    expect(t.get(1, 0)).toBe(keep);
  });

  test("F_SETFD changes close-on-exec", () => {
    const t = createFdTables<S>();
    const a = sock("a");
    t.set(1, 5, a, false);
    t.setCloexec(1, 5, true);
    expect(t.isCloexec(1, 5)).toBe(true);
    expect(names(t.exec(1))).toEqual(["a"]);
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
