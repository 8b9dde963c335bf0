// Which processes `attach` hands to strace: the pids the user named, then every process that already
// descends from them. strace -f follows only the children forked after it attached, so the workers a
// pre-forking server (nginx, Apache prefork, a gunicorn master) made earlier would otherwise stay
// untraced, and their accept()s would never show.
//
// Processes only, never threads: with -f, strace attaches every thread of each -p pid itself (in
// strace/strace src/strace.c, startup_attach calls attach_tcb for each -p pid, which, when followfork
// is set, reads /proc/PID/task and seizes each tid), and /proc lists only thread group leaders, so
// the pids found here are tgids. strace does not drop a pid given twice, so the list has no repeats.
//
// The tree is a snapshot: a process forked between the scan and strace's attach to its parent is
// missed (strace -f follows only what the parent forks once seized).
//
// The tree is built from a map pid → ppid (descendantsOf, pure); readParents fills it from /proc.
import { readdirSync, readFileSync } from "node:fs";

/** The ppid field of a /proc/PID/stat line, or undefined when it is not one. */
export function parseStatPpid(stat: string): number | undefined {
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from its last ")".
  const close = stat.lastIndexOf(")");
  if (close < 0) return undefined;
  const fields = stat
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) && ppid >= 0 ? ppid : undefined;
}

/**
 * Every process below `roots` in the tree that `parents` (pid → ppid) describes, breadth first
 * (children before grandchildren, each family in pid order), each once. Roots are never listed, not
 * even one that descends from another root. A pid in `skip` is left out with everything below it.
 * A cycle (possible in a map read from /proc while pids are reused) ends where it meets a pid seen.
 */
export function descendantsOf(
  roots: readonly number[],
  parents: ReadonlyMap<number, number>,
  skip: ReadonlySet<number> = new Set(),
): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) {
    if (pid === ppid) continue;
    const list = children.get(ppid);
    if (list === undefined) children.set(ppid, [pid]);
    else list.push(pid);
  }
  for (const list of children.values()) list.sort((a, b) => a - b);

  const seen = new Set<number>(roots);
  const found: number[] = [];
  let level = [...seen];
  while (level.length > 0) {
    const next: number[] = [];
    for (const pid of level) {
      for (const child of children.get(pid) ?? []) {
        if (seen.has(child) || skip.has(child)) continue;
        seen.add(child);
        found.push(child);
        next.push(child);
      }
    }
    level = next;
  }
  return found;
}

/** pid → ppid of every process now in `proc` (processes that vanish while it is read are left out). */
export function readParents(proc = "/proc"): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync(proc)) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = parseStatPpid(readFileSync(`${proc}/${name}/stat`, "utf8"));
      if (ppid !== undefined) parents.set(Number(name), ppid);
    } catch {
      // Gone since readdir.
    }
  }
  return parents;
}

/** The thread group of `pid`: itself for a process, its process for a thread id (from /proc/PID/status). */
export function readTgid(pid: number, proc = "/proc"): number {
  try {
    const m = /^Tgid:\s*(\d+)$/m.exec(readFileSync(`${proc}/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : pid;
  } catch {
    return pid;
  }
}

export interface AttachPlan {
  /** The pids the user named, each once, in their order. */
  named: number[];
  /** Their existing descendants, none of them named. */
  descendants: number[];
  /** What strace gets, one -p each: named first (the first stays the root), then descendants. */
  pids: number[];
}

/** The pids to attach to: `named` and, unless `children` is false, their existing descendants. */
export function planAttach(
  named: readonly number[],
  children: boolean,
  options: { proc?: string; self?: number } = {},
): AttachPlan {
  const unique = [...new Set(named)];
  if (!children) return { named: unique, descendants: [], pids: unique };
  const proc = options.proc ?? "/proc";
  // A named thread id stands for its process, whose children are the ones with it as ppid.
  const roots = [...new Set([...unique, ...unique.map((pid) => readTgid(pid, proc))])];
  // sockscope and its strace may themselves descend from a named pid (attaching to the shell that
  // runs sockscope): strace cannot trace itself or its tracer, so that branch is left out.
  const skip = new Set([options.self ?? process.pid]);
  const descendants = descendantsOf(roots, readParents(proc), skip).filter((pid) => !unique.includes(pid));
  return { named: unique, descendants, pids: [...unique, ...descendants] };
}

function andList(items: readonly (number | string)[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The line that says which existing descendants are attached too; undefined when there are none. */
export function describeAttach(plan: AttachPlan, shown = 8): string | undefined {
  const n = plan.descendants.length;
  if (n === 0) return undefined;
  const listed = plan.descendants.slice(0, shown).join(", ") + (n > shown ? ", …" : "");
  const whose = plan.named.length === 1 ? "its" : "their";
  const which = n === 1 ? "existing descendant" : "existing descendants";
  return (
    `sockscope: attaching to ${andList(plan.named)} and ${whose} ${n} ${which} (${listed}); ` +
    `--no-children attaches to ${andList(plan.named)} alone`
  );
}

/**
 * The pids `sockscope attach` traces, saying on `stderr` which existing descendants were added;
 * `children: false` (--no-children) keeps the named pids alone.
 */
export function expandAttach(
  named: readonly number[],
  children: boolean,
  stderr: { write(text: string): unknown },
): number[] {
  const plan = planAttach(named, children);
  const line = describeAttach(plan);
  if (line !== undefined) stderr.write(`${line}\n`);
  return plan.pids;
}
