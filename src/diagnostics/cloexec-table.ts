// Which socket fds each process holds and whether they are close-on-exec, followed from the calls
// themselves (for fd-inherited-by-exec): socket/socketpair/accept4 SOCK_CLOEXEC, dup3 O_CLOEXEC,
// fcntl F_DUPFD_CLOEXEC and F_SETFD FD_CLOEXEC, recvmsg MSG_CMSG_CLOEXEC, close_range; fork copies
// the table, a thread (CLONE_FILES) shares it. Only sockets whose fd the trace shows being made
// are known: an fd inherited from before the trace has unknown flags and is never reported.
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
import { CLONE_FILES, cloneFlagsValue } from "./helpers.js";

export interface FdEntry {
  cloexec: boolean;
  socket: SocketRef;
  /** The seq of the call that made this fd. */
  made: number;
}

interface Table {
  entries: Map<number, FdEntry>;
  /** fds closed while the table was provisional (a child seen before its clone returned). */
  closedEarly: Set<number>;
  provisional: boolean;
}

// biome-ignore format: a list of names reads better packed
const OPENS = new Set([
  "open", "openat", "openat2", "creat", "eventfd", "eventfd2", "epoll_create", "epoll_create1",
  "timerfd_create", "signalfd", "signalfd4", "memfd_create", "inotify_init", "inotify_init1",
  "fanotify_init", "userfaultfd", "pidfd_open", "perf_event_open", "pidfd_getfd",
]);
const CLOSE_RANGE_CLOEXEC = 4;

export interface CloexecTable {
  push(e: ModelEvent): void;
  /** The socket fds of `pid` (before the exec is applied: call on the execve event first). */
  entries(pid: number): Array<[number, FdEntry]>;
}

export function createCloexecTable(): CloexecTable {
  const tables = new Map<number, Table>();
  const tableOf = (pid: number): Table => {
    let t = tables.get(pid);
    if (!t) {
      t = { entries: new Map(), closedEarly: new Set(), provisional: true };
      tables.set(pid, t);
    }
    return t;
  };
  const put = (pid: number, fd: number, entry: FdEntry | undefined) => {
    const t = tableOf(pid);
    if (entry) t.entries.set(fd, entry);
    else remove(t, fd);
  };
  const remove = (t: Table, fd: number) => {
    if (!t.entries.delete(fd) && t.provisional) t.closedEarly.add(fd);
  };

  const spawn = (parent: number, child: number, share: boolean) => {
    const p = tableOf(parent);
    p.provisional = false;
    const early = tables.get(child);
    if (share) {
      if (early) for (const [fd, e] of early.entries) p.entries.set(fd, e);
      tables.set(child, p);
      return;
    }
    const t: Table = { entries: new Map(), closedEarly: new Set(), provisional: false };
    for (const [fd, e] of p.entries) if (!early?.closedEarly.has(fd)) t.entries.set(fd, { ...e });
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
          fds.items.forEach((v, i) => {
            const fd = fdOf(v);
            if (fd !== undefined) put(pid, fd, made(e, refs[i], cloexec));
          });
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
        else if (cmd === "F_SETFD" && source) source.cloexec = hasFlag(e.args[2], "FD_CLOEXEC", FD_CLOEXEC);
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
        }
        return;
      default:
        if (e.name === "clone" || e.name === "clone3" || e.name === "fork" || e.name === "vfork") {
          if (ret > 0) spawn(pid, ret, hasFlag(cloneFlagsValue(e.args), "CLONE_FILES", CLONE_FILES));
        } else if (OPENS.has(e.name)) put(pid, ret, undefined);
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
  };
}
