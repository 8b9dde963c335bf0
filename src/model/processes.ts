// The processes and threads of the trace: who created whom, which thread group a pid belongs to,
// which program it runs (the base name of its execve, inherited over fork), and how it ended. The
// root is the program sockscope started, or the first pid it attached to: its first execve and its
// exit are what the CLI turns into an exit status. It is the first process seen unless the caller
// knows it (an attach to several processes, whose first line may be any one of theirs).
import type { ProcessView } from "../core/events.js";
import type { ProcessExit, ProcessFacts } from "../core/model-view.js";
import { visible } from "../util/visible.js";

interface ProcessRecord {
  pid: number;
  tgid: number;
  parent?: number;
  name?: string;
  view?: ProcessView;
  alive: boolean;
}

export interface Processes extends ProcessFacts {
  forked(parent: number, child: number, thread: boolean): void;
  execed(pid: number, path: string | undefined): void;
  /** The root's first execve (or any before it) failed with `errno`. */
  execFailed(pid: number, errno: string): void;
  exited(pid: number, how: ProcessExit | undefined): void;
  /** Process records held: the live ones and at most MAX_EXITED exited ones (for the tests of the bound). */
  readonly retained: number;
  /** Events of pid `from` (0: none printed) turned out to be pid `to`'s. */
  alias(from: number, to: number): void;
}

/** The program's name as views show it: one line, control characters escaped. */
function basename(path: string): string {
  return visible(path.slice(path.lastIndexOf("/") + 1));
}

/**
 * Exited processes kept for late lookups (a pid's last lines, the leak rule's names). Older ones go:
 * a shell loop or a forking server over hours runs through millions of pids (pid_max is 4194304 on
 * 64-bit Linux), and a record per pid for ever is memory without bound. `count` still counts them.
 */
export const MAX_EXITED = 4096;

/** `root`: the pid the trace is about, when known before the trace (attach); else the first seen. */
export function createProcesses(knownRoot?: number): Processes {
  const all = new Map<number, ProcessRecord>();
  let root: number | undefined = knownRoot;
  let rootExit: ProcessExit | undefined;
  let rootExecFailure: string | undefined;
  let rootStarted = false;
  let count = 0;
  /** Exited pids still in `all`, oldest first. */
  const exited = new Set<number>();

  const get = (pid: number): ProcessRecord => {
    let p = all.get(pid);
    if (p === undefined) {
      p = { pid, tgid: pid, alive: true };
      all.set(pid, p);
      count++;
      if (root === undefined && pid !== 0) root = pid;
    }
    return p;
  };

  return {
    get root() {
      return root;
    },
    get rootExit() {
      return rootExit;
    },
    get rootExecFailure() {
      return rootStarted ? undefined : rootExecFailure;
    },
    get count() {
      return count;
    },
    alive: () => [...all.values()].filter((p) => p.alive && p.pid !== 0).map((p) => p.pid),
    view(pid) {
      const p = get(pid);
      if (p.view === undefined) {
        const view: { -readonly [K in keyof ProcessView]: ProcessView[K] } = { pid, tgid: p.tgid };
        if (p.parent !== undefined) view.parent = p.parent;
        if (p.name !== undefined) view.name = p.name;
        p.view = Object.freeze(view);
      }
      return p.view;
    },
    tgid: (pid) => all.get(pid)?.tgid ?? pid,
    forked(parent, child, thread) {
      const p = get(parent);
      // A pid reused by a new process: start afresh.
      const old = all.get(child);
      if (old !== undefined && !old.alive) {
        all.delete(child);
        exited.delete(child);
      }
      const c = get(child);
      c.alive = true;
      c.parent = parent;
      c.tgid = thread ? p.tgid : child;
      if (c.name === undefined && p.name !== undefined) c.name = p.name;
      c.view = undefined;
    },
    execed(pid, path) {
      const p = get(pid);
      if (pid === root) rootStarted = true;
      if (path !== undefined) p.name = basename(path);
      p.view = undefined;
    },
    execFailed(pid, errno) {
      get(pid);
      if (pid === root && !rootStarted) rootExecFailure = errno;
    },
    exited(pid, how) {
      const p = get(pid);
      p.alive = false;
      if (pid === root && how !== undefined) rootExit = how;
      if (pid === root) return;
      exited.delete(pid);
      exited.add(pid);
      for (const old of exited) {
        if (exited.size <= MAX_EXITED) break;
        exited.delete(old);
        if (all.get(old)?.alive === false) all.delete(old);
      }
    },
    get retained() {
      return all.size;
    },
    alias(from, to) {
      const p = all.get(from);
      if (p === undefined) return;
      all.delete(from);
      count--;
      if (root === undefined || root === from) root = to;
      if (!all.has(to)) {
        all.set(to, { ...p, pid: to, tgid: p.tgid === from ? to : p.tgid, view: undefined });
        count++;
      }
    },
  };
}
