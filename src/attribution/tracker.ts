// Per-test attribution: a test runner names the test it is running by writing the bytes
// `sockscope:test=<name>\n` to /dev/null (helpers/ has a vitest setup file and a pytest plugin that
// do it); `sockscope:test=\n` ends the current test. This stage reads those writes from the model's
// calls and tells, for any later event, which test it belongs to.
//
// Rules (README.md, "Per-test attribution"):
// - Only a successful write() whose fd strace decorated as /dev/null (-y/-yy, which sockscope always
//   asks for) is a marker: a program's real output that happens to start with the text, or a log
//   recorded without -y, never names a test.
// - A call belongs to the current test of its own thread if that thread wrote a marker; else to that
//   of its process's main thread (pid = tgid) if the main thread wrote one; else to the test of the
//   thread that made it, at the clone or fork that made this thread or its process. So a marker on
//   a runner's main thread covers the whole process; one on a worker thread covers that thread and
//   what it makes (tests in parallel threads of one process stay apart).
// - A connection belongs to the test of the call that made its socket (socket, accept, socketpair)
//   or, for a socket first seen already open, of the first call that shows it.
// - A marker cut by strace's string limit (-s) gives the name captured so far followed by "…".
import type { ConnectionEvent, DiagnosticEvent, ModelEvent, SyscallEvent } from "../core/events.js";
import { FORK_CALLS } from "../core/syscalls.js";

export const MARKER_PREFIX = "sockscope:test=";
/** The suffix of a name cut by strace's string limit. */
export const CUT_MARK = "…";
const DEV_NULL = "/dev/null";

/** A test name, or null: explicitly between tests (after an end marker). */
type Current = string | null;

export interface TestTracker {
  /** Reads one event (in stream order) and returns the test it belongs to, if any. */
  push(e: ModelEvent | DiagnosticEvent): string | undefined;
  /** Every test name a marker named, in the order first seen. */
  readonly names: readonly string[];
}

/** The test a marker write names: a name, "" for the end marker, undefined when it is no marker. */
export function markerName(
  e: Pick<SyscallEvent, "name" | "path" | "args" | "ret" | "errno">,
): string | undefined {
  if (e.name !== "write" || e.path !== DEV_NULL || e.errno !== undefined || e.ret === null || e.ret < 0)
    return undefined;
  const buf = e.args[1];
  if (buf?.kind !== "str") return undefined;
  const text = buf.value;
  if (buf.truncated === true) {
    // Cut by -s: the prefix must be whole to tell it is a marker; the name is what was captured.
    if (!text.startsWith(MARKER_PREFIX)) return undefined;
    const name = text.slice(MARKER_PREFIX.length);
    return name.includes("\n") ? undefined : `${name}${CUT_MARK}`;
  }
  if (!text.startsWith(MARKER_PREFIX) || !text.endsWith("\n")) return undefined;
  const name = text.slice(MARKER_PREFIX.length, -1);
  // One marker a write: a buffer with several lines is some program's output, not a marker.
  return name.includes("\n") ? undefined : name;
}

export function createTestTracker(): TestTracker {
  /** A thread's own marker (by pid). */
  const byThread = new Map<number, Current>();
  /** A thread's or process's test when it was made (its maker's then), by pid. */
  const atClone = new Map<number, Current>();
  /** The test of each socket, from the call that made it or first showed it. */
  const bySocket = new Map<number, Current>();
  const names: string[] = [];
  const seen = new Set<string>();

  const lookup = (pid: number, tgid: number, parent: number | undefined): Current | undefined => {
    if (byThread.has(pid)) return byThread.get(pid);
    // The main thread's marker names the test of the whole process (a runner that runs tests on its
    // main thread); another thread's marker only that thread's (tests in parallel worker threads).
    if (byThread.has(tgid)) return byThread.get(tgid);
    if (atClone.has(pid)) return atClone.get(pid);
    if (tgid !== pid && atClone.has(tgid)) return atClone.get(tgid);
    // A process whose fork the trace did not show with its result: its parent's test now.
    if (parent !== undefined && parent !== pid && !atClone.has(tgid))
      return lookup(parent, parent, undefined);
    return undefined;
  };

  const current = (e: { pid: number; process?: SyscallEvent["process"] }): Current | undefined =>
    lookup(e.pid, e.process?.tgid ?? e.pid, e.process?.parent);

  const call = (e: SyscallEvent | Extract<ModelEvent, { type: "syscall" }>): string | undefined => {
    const marker = markerName(e);
    if (marker !== undefined) {
      const value = marker === "" ? null : marker;
      byThread.set(e.pid, value);
      if (value !== null && !seen.has(value)) {
        seen.add(value);
        names.push(value);
      }
      return value ?? undefined;
    }
    const test = current(e);
    // A new process or thread starts in the test of the thread that made it (or in none).
    if (FORK_CALLS.has(e.name) && e.ret !== null && e.ret > 0 && e.errno === undefined)
      atClone.set(e.ret, test ?? null);
    for (const s of [e.newSocket, e.socket])
      if (s !== undefined && !bySocket.has(s.id)) bySocket.set(s.id, test ?? null);
    return test ?? undefined;
  };

  return {
    push(e) {
      switch (e.type) {
        case "syscall":
          return call(e);
        case "connection":
          return connectionTest(e);
        case "diagnostic": {
          if (e.socket !== undefined && bySocket.has(e.socket)) return bySocket.get(e.socket) ?? undefined;
          return e.pid === undefined ? undefined : (lookup(e.pid, e.pid, undefined) ?? undefined);
        }
        case "signal":
        case "exit":
          return current(e) ?? undefined;
        default:
          return undefined;
      }
    },
    names,
  };

  function connectionTest(c: ConnectionEvent): string | undefined {
    const test = bySocket.get(c.id);
    bySocket.delete(c.id);
    return test ?? undefined;
  }
}
