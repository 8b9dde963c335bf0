// Works out which process an unprefixed line belongs to. strace writing to stderr with -f prints
// `[pid N] ` only while more than one process is traced: lines before the first fork and after the
// last child exits carry no pid. We learn that pid: from `strace: Process N attached` when attaching,
// as the first prefixed pid that is not a known child of the unprefixed process, or as the only
// process still alive. Until it is known, such lines use pid 0.
export interface PidResolver {
  /** The pid for a line (null when strace printed none). */
  resolve(linePid: number | null): number;
  /** Set when the last `resolve` taught the unprefixed process's pid: that pid. */
  readonly learned: number | undefined;
  /** A process the unprefixed one (or any) created, from a clone/fork result or an attach note. */
  born(pid: number): void;
  exited(pid: number): void;
  attached(pid: number, linePid: number | null): void;
}

export function createPidResolver(): PidResolver {
  let unprefixed: number | null = null;
  let sawUnprefixed = false;
  let sawPrefixed = false;
  // Pids not to take for the unprefixed process. Needed only until that is learned; an exited pid
  // prints nothing more (a reused pid is born again), so neither grows with a long trace.
  const known = new Set<number>();
  const know = (pid: number) => {
    if (unprefixed === null) known.add(pid);
    else if (known.size > 0) known.clear();
  };
  const alive = new Set<number>();
  let learned: number | undefined;

  return {
    get learned() {
      return learned;
    },
    resolve(linePid) {
      learned = undefined;
      if (linePid !== null) {
        if (unprefixed === null && sawUnprefixed && !known.has(linePid)) {
          unprefixed = linePid;
          learned = linePid;
        }
        sawPrefixed = true;
        know(linePid);
        alive.add(linePid);
        return linePid;
      }
      if (unprefixed !== null && (alive.has(unprefixed) || !sawPrefixed)) return unprefixed;
      if (sawPrefixed && alive.size === 1) {
        const only = alive.values().next().value as number;
        if (unprefixed === null) learned = only;
        unprefixed = only;
        return only;
      }
      sawUnprefixed = true;
      return unprefixed ?? 0;
    },
    born(pid) {
      know(pid);
      alive.add(pid);
    },
    exited(pid) {
      alive.delete(pid);
      known.delete(pid);
    },
    attached(pid, linePid) {
      if (linePid === null && unprefixed === null && !sawUnprefixed && !sawPrefixed) {
        unprefixed = pid;
        alive.add(pid);
      }
      know(pid);
    },
  };
}
