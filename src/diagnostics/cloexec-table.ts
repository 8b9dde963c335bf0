// Which socket fds each process holds and whether they are close-on-exec, from the calls themselves
// (for fd-inherited-by-exec): SOCK_CLOEXEC, dup3 O_CLOEXEC, F_DUPFD_CLOEXEC, F_SETFD, recvmsg
// MSG_CMSG_CLOEXEC, close_range; fork copies the table, a thread (CLONE_FILES) shares it. Only fds
// the trace shows being made are known (an inherited fd's flags are unknown: never reported).
// strace may print a child's calls before its parent's clone() returns (always so with vfork and
// posix_spawn): what such a provisional child does to fds it has not seen yet (close, close_range,
// F_SETFD) is remembered and applied to its parent's copy when the clone shows up.
import type { ModelEvent, SocketRef, SyscallEvent } from "../events/schema.js";
import { after, fdOf, scmRightsFds } from "../sockets/args.js";
import {
  FD_CLOEXEC,
  fcntlCommand,
  hasFlag,
  MSG_CMSG_CLOEXEC,
  O_CLOEXEC,
  SOCK_CLOEXEC,
} from "../sockets/constants.js";
import { socketRefOf } from "../stitch/touch.js";
import { CLONE_FILES, cloneFlagsValue, FD_OPENS, FORK_CALLS } from "./helpers.js";

export interface FdEntry {
  cloexec: boolean;
  socket: SocketRef;
  /** The seq of the call that made this fd. */
  made: number;
}

/** fd ranges a provisional child closed, or made close-on-exec, before it had seen them. */
interface Early {
  closed: Array<[number, number]>;
  cloexec: Array<[number, number]>;
}

interface Table {
  entries: Map<number, FdEntry>;
  /** Set while the table is provisional (no parent seen yet). */
  early?: Early;
  /** execve succeeded while provisional: the parent's close-on-exec fds are gone. */
  execed?: boolean;
}

const CLOSE_RANGE_CLOEXEC = 4;

const inRanges = (fd: number, ranges: Array<[number, number]>) => ranges.some(([a, b]) => fd >= a && fd <= b);
/** Adds [a, b] unless already covered (a long-lived first process closes many files). */
const addRange = (ranges: Array<[number, number]>, a: number, b: number) =>
  ranges.some(([x, y]) => x <= a && b <= y) || ranges.push([a, b]);

export interface CloexecTable {
  push(e: ModelEvent): void;
  /** The socket fds of `pid` (before an exec is applied: call on the execve event first). */
  entries(pid: number): Array<[number, FdEntry]>;
  /**
   * For a pid that has shown no parent yet (the first process, or a child printed before its
   * parent's clone returned): whether an fd of the parent would not survive its execve.
   */
  provisional(pid: number): ((fd: number) => boolean) | undefined;
}

export function createCloexecTable(): CloexecTable {
  const tables = new Map<number, Table>();
  const fresh = (): Early => ({ closed: [], cloexec: [] });
  const tableOf = (pid: number): Table => {
    const t = tables.get(pid) ?? { entries: new Map(), early: fresh() };
    tables.set(pid, t);
    return t;
  };
  const remove = (t: Table, fd: number) => {
    if (!t.entries.delete(fd) && t.early) addRange(t.early.closed, fd, fd);
  };
  const put = (pid: number, fd: number, entry: FdEntry | undefined) => {
    const t = tableOf(pid);
    if (entry) t.entries.set(fd, entry);
    else remove(t, fd);
  };

  const spawn = (parent: number, child: number, share: boolean) => {
    const p = tableOf(parent);
    delete p.early;
    const early = tables.get(child);
    if (share) {
      if (early) for (const [fd, e] of early.entries) p.entries.set(fd, e);
      tables.set(child, p);
      return;
    }
    const t: Table = { entries: new Map() };
    const x = early?.early;
    for (const [fd, e] of p.entries) {
      if (x && inRanges(fd, x.closed)) continue;
      const cloexec = e.cloexec || (x !== undefined && inRanges(fd, x.cloexec));
      if (early?.execed && cloexec) continue;
      t.entries.set(fd, { ...e, cloexec });
    }
    if (early) for (const [fd, e] of early.entries) t.entries.set(fd, e);
    tables.set(child, t);
  };

  const made = (e: SyscallEvent, socket: SocketRef | undefined, cloexec: boolean): FdEntry | undefined =>
    socket ? { cloexec, socket, made: e.seq } : undefined;

  const onSyscall = (e: SyscallEvent) => {
    const ret = e.ret;
    if (ret === null || ret < 0) return;
    const pid = e.pid;
    const src = fdOf(e.args[0]);
    const source = src === undefined ? undefined : tables.get(pid)?.entries.get(src);
    switch (e.name) {
      case "socket":
        return put(pid, ret, made(e, e.socket, hasFlag(e.args[1], "SOCK_CLOEXEC", SOCK_CLOEXEC)));
      case "socketpair": {
        const fds = after(e.args[3]);
        const cloexec = hasFlag(e.args[1], "SOCK_CLOEXEC", SOCK_CLOEXEC);
        const refs = [e.socket, e.newSocket];
        if (fds?.kind === "array")
          for (const [i, v] of fds.items.entries()) put(pid, fdOf(v) ?? -1, made(e, refs[i], cloexec));
        return;
      }
      case "accept":
      case "accept4":
        return put(pid, ret, made(e, e.newSocket, hasFlag(e.args[3], "SOCK_CLOEXEC", SOCK_CLOEXEC)));
      case "dup":
        return put(pid, ret, source && { ...source, cloexec: false });
      case "dup2":
      case "dup3":
        if (ret === src) return; // dup2(fd, fd) changes nothing
        return put(pid, ret, source && { ...source, cloexec: hasFlag(e.args[2], "O_CLOEXEC", O_CLOEXEC) });
      case "fcntl": {
        const cmd = fcntlCommand(e.args[1]);
        if (cmd === "F_DUPFD" || cmd === "F_DUPFD_CLOEXEC")
          put(pid, ret, source && { ...source, cloexec: cmd === "F_DUPFD_CLOEXEC" });
        else if (cmd === "F_SETFD" && src !== undefined) {
          const cloexec = hasFlag(e.args[2], "FD_CLOEXEC", FD_CLOEXEC);
          const early = tableOf(pid).early;
          if (source) source.cloexec = cloexec;
          else if (cloexec && early) addRange(early.cloexec, src, src);
        }
        return;
      }
      case "close":
        if (src !== undefined) remove(tableOf(pid), src);
        return;
      case "close_range": {
        const t = tableOf(pid);
        const first = fdOf(e.args[0]) ?? 0;
        const last = fdOf(e.args[1]) ?? Number.MAX_SAFE_INTEGER;
        const toCloexec = hasFlag(e.args[2], "CLOSE_RANGE_CLOEXEC", CLOSE_RANGE_CLOEXEC);
        for (const [fd, entry] of t.entries) {
          if (fd < first || fd > last) continue;
          if (toCloexec) entry.cloexec = true;
          else t.entries.delete(fd);
        }
        if (t.early) addRange(t.early[toCloexec ? "cloexec" : "closed"], first, last);
        return;
      }
      case "recvmsg": {
        const cloexec = hasFlag(e.args[2], "MSG_CMSG_CLOEXEC", MSG_CMSG_CLOEXEC);
        for (const { fd, decoration } of scmRightsFds(e.args[1]))
          put(pid, fd, made(e, decoration ? socketRefOf(decoration) : undefined, cloexec));
        return;
      }
      case "pipe":
      case "pipe2": {
        const fds = after(e.args[0]);
        if (fds?.kind === "array") for (const v of fds.items) put(pid, fdOf(v) ?? -1, undefined);
        return;
      }
      case "execve":
      case "execveat":
        if (ret === 0) {
          const t = tableOf(pid);
          for (const [fd, entry] of t.entries) if (entry.cloexec) t.entries.delete(fd);
          if (t.early) t.execed = true;
        }
        return;
      default:
        if (FORK_CALLS.has(e.name)) {
          if (ret > 0) spawn(pid, ret, hasFlag(cloneFlagsValue(e.args), "CLONE_FILES", CLONE_FILES));
        } else if (FD_OPENS.has(e.name)) put(pid, ret, undefined);
    }
  };

  return {
    push(e) {
      if (e.type === "syscall") onSyscall(e);
      else if (e.type === "exit" && e.supersededBy === undefined) tables.delete(e.pid);
    },
    entries(pid) {
      return [...(tables.get(pid)?.entries ?? [])];
    },
    provisional(pid) {
      const t = tables.get(pid);
      const x = t ? t.early : fresh();
      if (!x) return undefined;
      const own = new Set(t?.entries.keys());
      return (fd) => own.has(fd) || inRanges(fd, x.closed) || inRanges(fd, x.cloexec);
    },
  };
}
