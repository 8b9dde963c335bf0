// Order independence for new processes. strace prints a forked child's first calls as they happen,
// which is often before the parent's clone() (or fork, vfork) returns and shows the child's pid:
//
//   100 clone(child_stack=NULL, flags=… <unfinished ...>
//   101 close(3<TCP:[…]>) = 0                  ← the child, not yet born in the trace
//   100 <... clone resumed>) = 101
//
// Whether the child's line comes first depends on scheduling, so a model fed in print order would
// see a different story from run to run. So the lines of a pid that appears while a fork is in
// flight are held back until a fork returns that pid, and then follow it. A pid that appears when
// no fork is in flight (the first process, attached ones, a log traced without clone lines) is
// never held. The window is bounded: past `maxHeld` events the oldest held process is released as
// it is (the model then meets it without a parent, as it would without clone lines), and when the
// last fork in flight ends, whatever is still held is released.
import type { Stitched } from "../core/events.js";

export interface Births {
  /** A line of `pid` was read (before its event is emitted). */
  saw(pid: number): void;
  /** Emits an event, or holds it back while its process waits for its birth. */
  emit(e: Stitched, out: Stitched[]): void;
  /** A fork-like call is in flight in some process. */
  forkStarted(): void;
  /** A fork-like call in flight ended (returned, or never will). */
  forkEnded(): void;
  /** A fork returned `child`: its held events follow now. */
  born(child: number, out: Stitched[]): void;
  /** `pid` is known without a fork (strace attached to it). */
  known(pid: number, out: Stitched[]): void;
  /** Events of pid `from` (0: none printed) turned out to be pid `to`'s. */
  alias(from: number, to: number, out: Stitched[]): void;
  /** `pid` exited: a later process with the same pid is a new one. */
  exited(pid: number): void;
  /** With no fork in flight, nothing held can be born any more: release it. */
  settle(out: Stitched[]): void;
  releaseAll(out: Stitched[]): void;
}

function pidOf(e: Stitched): number | undefined {
  return e.type === "unparsed" ? undefined : e.pid;
}

export function createBirths(maxHeld: number): Births {
  const free = new Set<number>();
  const held = new Map<number, Stitched[]>();
  let heldCount = 0;
  let forks = 0;

  const release = (pid: number, out: Stitched[]) => {
    const queue = held.get(pid);
    if (queue === undefined) return;
    held.delete(pid);
    free.add(pid);
    heldCount -= queue.length;
    for (const e of queue) out.push(e);
  };
  const releaseAll = (out: Stitched[]) => {
    for (const pid of [...held.keys()]) release(pid, out);
  };

  return {
    saw(pid) {
      if (free.has(pid) || held.has(pid)) return;
      if (forks > 0) held.set(pid, []);
      else free.add(pid);
    },
    emit(e, out) {
      const pid = pidOf(e);
      const queue = pid === undefined ? undefined : held.get(pid);
      if (queue === undefined) {
        out.push(e);
        return;
      }
      queue.push(e);
      heldCount++;
      if (heldCount > maxHeld) {
        const oldest = held.keys().next().value;
        if (oldest !== undefined) release(oldest, out);
      }
    },
    forkStarted() {
      forks++;
    },
    forkEnded() {
      if (forks > 0) forks--;
    },
    born(child, out) {
      if (held.has(child)) release(child, out);
      else free.add(child);
    },
    known(pid, out) {
      // strace also says `Process N attached` of every child it follows with -f, while the fork
      // that made it is still in flight: that child is born by the fork's result, not by the note.
      if (forks > 0) return;
      if (held.has(pid)) release(pid, out);
      else free.add(pid);
    },
    alias(from, to, out) {
      if (held.has(from)) release(from, out);
      if (free.has(from)) free.add(to);
    },
    exited(pid) {
      free.delete(pid);
    },
    settle(out) {
      if (forks === 0 && held.size > 0) releaseAll(out);
    },
    releaseAll,
  };
}
