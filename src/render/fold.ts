// Folding for the text and pretty views: a bulk transfer is thousands of identical calls, and a
// one-second iperf3 run writes megabytes of them. A run of successful data calls the same way
// (out or in) by one thread on one socket is shown for its first FOLD_AFTER calls, as they come;
// the rest are counted, and one line says how many there were and how many bytes they moved when
// the run ends (a run with one call past those is shown whole: the call is held back until the
// next event tells whether more follow). Readiness waits by that thread on that socket (poll, select or epoll standing for
// it: the model's `waited`) do not end a run: once its calls fold they are counted too. Anything else
// that thread does that is shown ends it (another call, a failure, a call that changes the socket's
// state or tells something new: the kernel's own steps, fds passed with SCM_RIGHTS, EOF), and so
// does anything shown about its socket (another thread's call on it, its connection closing, a
// diagnostic), a line not understood, and the end of the stream. Other threads' lines do not: the
// two ends of a loopback transfer, traced together, interleave. JSON, Markdown and Mermaid keep
// every event.
//
// Only counters are kept (one run per thread, at most MAX_RUNS), so memory does not grow with a run. The fold line has no times and
// names the socket by its id, so --stable output stays deterministic.
import type { ProcessView, SocketView, SyscallEvent, TraceEvent } from "../core/events.js";
import { scmRightsFds } from "../core/readers.js";
import type { Renderer } from "./renderer.js";

/** Calls of a run shown before folding starts. */
export const FOLD_AFTER = 3;

/** What a fold line tells: the calls and waits left out of one run. */
export interface FoldedRun {
  readonly pid: number;
  readonly process?: ProcessView;
  readonly socket: SocketView;
  readonly fd?: number;
  readonly dir: "in" | "out";
  /** The syscalls folded (write, or sendto and sendmsg…), in the order first seen. */
  readonly names: readonly string[];
  readonly calls: number;
  readonly bytes: number;
  readonly waits: number;
  /** The time of the last call folded. */
  readonly time?: number;
}

/**
 * The direction of a data call that can join a run: successful, bytes moved one way, on a socket
 * whose state it did not change, with nothing else to tell.
 */
export function foldableDirection(e: SyscallEvent): "in" | "out" | undefined {
  const t = e.transfer;
  const s = e.socket;
  if (t === undefined || s === undefined || e.spec?.classes.includes("data") !== true) return undefined;
  if (e.errno !== undefined || e.incomplete !== undefined || e.partial === true) return undefined;
  if (e.steps !== undefined && e.steps.length > 0) return undefined;
  if (e.newSocket !== undefined || e.stateBefore !== s.state) return undefined;
  if (e.spec.shape === "msg" && scmRightsFds(e.args[e.spec.payload ?? 1]).length > 0) return undefined;
  if (t.out > 0 && t.in === 0) return "out";
  if (t.in > 0 && t.out === 0) return "in";
  return undefined;
}

interface Run {
  pid: number;
  process?: ProcessView;
  socket: SocketView;
  fd?: number;
  dir: "in" | "out";
  /** Calls in the run so far, shown or folded. */
  seen: number;
  names: string[];
  calls: number;
  bytes: number;
  waits: number;
  time?: number;
  /**
   * The first call past `keep` (and the waits after it), rendered but held back: a run that ends
   * there shows them instead of a fold line that would stand for one call. Dropped once a second
   * call folds.
   */
  held?: string;
}

/** Waits held back with a run's one held call (see Run.held). */
const MAX_HELD_WAITS = 4;

/** Runs followed at once, one per thread; past this many the oldest is ended. */
const MAX_RUNS = 256;

/** Whether `e` ends `run`: its thread did something else, or something happened to its socket. */
function ends(e: TraceEvent, run: Run): boolean {
  switch (e.type) {
    case "syscall":
      return (
        e.pid === run.pid ||
        e.socket?.id === run.socket.id ||
        e.newSocket?.id === run.socket.id ||
        e.waited?.id === run.socket.id
      );
    case "connection":
      return e.id === run.socket.id;
    case "diagnostic":
      return e.pid === run.pid || e.socket === run.socket.id;
    case "signal":
    case "exit":
      return e.pid === run.pid;
    case "note":
      return e.pid === undefined || e.pid === run.pid;
    case "unparsed":
    case "summary":
      return true;
  }
}

/**
 * A renderer that folds long runs of `inner`'s data calls into one line each, made by `line`.
 * `keep` calls of a run are shown before it folds. Each thread has its own run, so two processes
 * that stream to each other (their lines interleaved) both fold; a run ends when its thread does
 * anything else that is shown, or when anything is shown about its socket.
 */
export function withFolding(inner: Renderer, line: (run: FoldedRun) => string, keep = FOLD_AFTER): Renderer {
  const runs = new Map<number, Run>();

  /** Ends a run: its fold line, if anything was folded. */
  const close = (r: Run): string => {
    runs.delete(r.pid);
    if (r.calls === 0) return "";
    if (r.held !== undefined) return r.held;
    return line({
      pid: r.pid,
      socket: r.socket,
      dir: r.dir,
      names: r.names,
      calls: r.calls,
      bytes: r.bytes,
      waits: r.waits,
      ...(r.process !== undefined ? { process: r.process } : {}),
      ...(r.fd !== undefined ? { fd: r.fd } : {}),
      ...(r.time !== undefined ? { time: r.time } : {}),
    });
  };

  /** The fold lines of every run `e` ends, in the order the runs began. */
  const closeFor = (e: TraceEvent): string => {
    let out = "";
    // Deleting the entry being visited is safe while iterating a Map.
    for (const r of runs.values()) if (ends(e, r)) out += close(r);
    return out;
  };

  const start = (e: SyscallEvent, socket: SocketView, dir: "in" | "out"): string => {
    let out = "";
    if (runs.size >= MAX_RUNS) {
      const oldest = runs.values().next().value;
      if (oldest !== undefined) out += close(oldest);
    }
    const run: Run = { pid: e.pid, socket, dir, seen: 1, names: [], calls: 0, bytes: 0, waits: 0 };
    if (e.process !== undefined) run.process = e.process;
    if (e.fd !== undefined) run.fd = e.fd;
    runs.set(e.pid, run);
    return out;
  };

  return {
    event(e: TraceEvent): string {
      if (e.type === "syscall") {
        const run = runs.get(e.pid);
        const dir = foldableDirection(e);
        const socket = e.socket;
        if (dir !== undefined && socket !== undefined) {
          if (run !== undefined && run.socket.id === socket.id && run.dir === dir) {
            run.seen++;
            if (run.seen <= keep) return inner.event(e);
            run.calls++;
            if (run.calls === 1) run.held = inner.event(e);
            else delete run.held;
            run.bytes += dir === "out" ? (e.transfer?.out ?? 0) : (e.transfer?.in ?? 0);
            if (!run.names.includes(e.name)) run.names.push(e.name);
            if (e.time !== undefined) run.time = e.time;
            return "";
          }
          const folded = closeFor(e);
          return folded + start(e, socket, dir) + inner.event(e);
        }
        // A readiness wait on the run's socket by the same thread keeps the run going: shown
        // while the run's calls are, counted once they fold.
        if (
          run !== undefined &&
          e.waited?.id === run.socket.id &&
          e.errno === undefined &&
          e.spec?.classes.includes("wait") === true
        ) {
          if (run.calls === 0) return inner.event(e);
          // Held with the held call, up to a few; past them the run folds whatever follows.
          if (run.held !== undefined) {
            if (run.waits < MAX_HELD_WAITS) run.held += inner.event(e);
            else delete run.held;
          }
          run.waits++;
          return "";
        }
      }
      if (runs.size === 0) return inner.event(e);
      return closeFor(e) + inner.event(e);
    },
    end(): string {
      let out = "";
      for (const r of runs.values()) out += close(r);
      return out + inner.end();
    },
  };
}

/** The calls a fold line counts, in words: "writes", "reads", or with the syscalls when they say more. */
export function foldedCalls(run: FoldedRun): string {
  const noun = run.dir === "out" ? "writes" : "reads";
  const plain = run.names.length === 1 && run.names[0] === (run.dir === "out" ? "write" : "read");
  return plain ? noun : `${noun} (${run.names.join(", ")})`;
}
