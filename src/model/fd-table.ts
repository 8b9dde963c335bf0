// File descriptor tables per process, as the kernel keeps them: fork copies the table, a thread
// (CLONE_FILES) shares it, execve drops close-on-exec fds, close, close_range and dup2 drop
// references. A socket lives while any fd in any table refers to it; the tables report when the
// last one goes. Only fds that refer to sockets are kept.
//
// Each table also keeps its epoll instances' interest sets (epoll_ctl ADD/MOD/DEL), by epoll fd:
// target fd → the event data the program registered. They live and die with the fd like any other
// (close, close_range, a new fd at that number, exec for close-on-exec ones), are shared by threads
// with the table and copied on fork. (In the kernel a forked child shares the parent's instance;
// a copy is close enough for telling which waits are on sockets, and keeps each table's bookkeeping
// its own.) Bounded: at most MAX_EPOLLS instances per table, MAX_WATCHED fds per instance.
//
// The stitcher puts a child's lines after the fork that made it (stitch/births.ts), but past its
// window, or when the fork is not in the trace, a pid can still be met before its parent's fork
// returns: such a pid gets a provisional table, merged over a copy of the parent's when the fork
// result arrives (what the child did itself wins).
import type { SyscallEvent } from "../core/events.js";

export interface Counted {
  refs: number;
}

export interface Entry<S> {
  socket: S;
  cloexec: boolean;
  /** The call that installed this fd (socket, accept, dup…), when the trace shows it. */
  madeBy?: SyscallEvent;
}

/** One epoll instance as a table sees it: watched fd → the event data it was registered with. */
export interface EpollInterest {
  readonly watched: ReadonlyMap<number, string | undefined>;
  /** The other way round: registered data → the fd it was registered for (the latest). */
  readonly byData: ReadonlyMap<string, number>;
  /** Made with EPOLL_CLOEXEC, or first seen in an epoll_ctl (assumed: most programs ask for it). */
  readonly cloexec: boolean;
}

interface Epoll {
  watched: Map<number, string | undefined>;
  byData: Map<string, number>;
  cloexec: boolean;
}

function unwatch(ep: Epoll, fd: number): void {
  const data = ep.watched.get(fd);
  if (!ep.watched.delete(fd)) return;
  if (data !== undefined && ep.byData.get(data) === fd) ep.byData.delete(data);
}

function watch(ep: Epoll, fd: number, data: string | undefined): void {
  unwatch(ep, fd);
  ep.watched.set(fd, data);
  if (data !== undefined) ep.byData.set(data, fd);
}

export const MAX_EPOLLS = 64;
export const MAX_WATCHED = 4096;

interface Table<S> {
  entries: Map<number, Entry<S>>;
  /** Epoll instances by their fd (created on first use). */
  epolls?: Map<number, Epoll>;
  users: Set<number>;
  provisional: boolean;
  /** fds the child closed while its table was provisional: inherited copies to drop on merge. */
  closedEarly: Set<number>;
}

export interface FdTables<S extends Counted> {
  get(pid: number, fd: number): S | undefined;
  entry(pid: number, fd: number): Entry<S> | undefined;
  /** Installs `socket` at `fd`; returns sockets whose last reference went (a replaced fd). */
  set(pid: number, fd: number, socket: S, cloexec: boolean, madeBy?: SyscallEvent): S[];
  setCloexec(pid: number, fd: number, cloexec: boolean): void;
  /** Removes `fd`; returns the socket if that was its last reference. */
  remove(pid: number, fd: number): S[];
  /** close_range(first, last): removes every fd in the range. */
  removeRange(pid: number, first: number, last: number): S[];
  /** close_range(…, CLOSE_RANGE_CLOEXEC): marks every fd in the range close-on-exec. */
  cloexecRange(pid: number, first: number, last: number): void;
  /** close_range(…, CLOSE_RANGE_UNSHARE) or unshare(CLONE_FILES): the pid gets its own copy. */
  unshare(pid: number): void;
  /** A child was created by `parent`: share its table (threads) or copy it (fork). */
  spawn(parent: number, child: number, shareFiles: boolean): S[];
  /** execve succeeded in `pid`: close-on-exec fds go; returns [released, survivors]. */
  exec(pid: number): { released: S[]; kept: Array<[number, Entry<S>]> };
  /** `pid` exited: if it was the table's last user, every fd goes. */
  exit(pid: number): S[];
  /** Lines of pid `from` (0: not printed) turned out to be pid `to`'s. */
  alias(from: number, to: number): void;
  /** epoll_create* returned `epfd`: a new, empty instance (any old one at that fd is gone). */
  epollCreate(pid: number, epfd: number, cloexec: boolean): void;
  /** A successful epoll_ctl: ADD and MOD set `target`'s data, DEL removes it. */
  epollCtl(pid: number, epfd: number, op: "add" | "mod" | "del", target: number, data?: string): void;
  /** The interest set of the instance at `epfd`, if the trace showed one. */
  epoll(pid: number, epfd: number): EpollInterest | undefined;
  /** A new fd (not a socket) took the number `fd`: an instance there, and watches of it, are gone. */
  reused(pid: number, fd: number): void;
  /** The socket fds of `pid`. */
  entries(pid: number): Array<[number, Entry<S>]>;
  /** Every (pid, fd) still open, with its socket (once per shared table). */
  open(): Array<{ pid: number; fd: number; socket: S }>;
}

export function createFdTables<S extends Counted>(): FdTables<S> {
  const tables = new Map<number, Table<S>>();

  const newTable = (pid: number, provisional: boolean): Table<S> => ({
    entries: new Map(),
    users: new Set([pid]),
    provisional,
    closedEarly: new Set(),
  });

  const tableOf = (pid: number): Table<S> => {
    let t = tables.get(pid);
    if (!t) {
      t = newTable(pid, pid !== 0);
      tables.set(pid, t);
    }
    return t;
  };

  /** The fd `fd` of table `t` went: its instance, if it was an epoll fd, and its watches. */
  const fdGone = (t: Table<S>, fd: number) => {
    if (t.epolls === undefined) return;
    t.epolls.delete(fd);
    for (const ep of t.epolls.values()) unwatch(ep, fd);
  };

  const copyEpolls = (from: Table<S>, to: Table<S>) => {
    if (from.epolls === undefined) return;
    to.epolls = new Map(
      [...from.epolls].map(([fd, ep]) => [
        fd,
        { watched: new Map(ep.watched), byData: new Map(ep.byData), cloexec: ep.cloexec },
      ]),
    );
  };

  const instance = (t: Table<S>, epfd: number, cloexec: boolean): Epoll | undefined => {
    t.epolls ??= new Map();
    let ep = t.epolls.get(epfd);
    if (ep === undefined) {
      if (t.epolls.size >= MAX_EPOLLS) return undefined;
      ep = { watched: new Map(), byData: new Map(), cloexec };
      t.epolls.set(epfd, ep);
    }
    return ep;
  };

  const release = (socket: S, out: S[]) => {
    socket.refs--;
    if (socket.refs === 0) out.push(socket);
  };

  const dropWhere = (t: Table<S>, out: S[], which: (fd: number, e: Entry<S>) => boolean) => {
    for (const [fd, e] of t.entries) {
      if (!which(fd, e)) continue;
      t.entries.delete(fd);
      fdGone(t, fd);
      release(e.socket, out);
    }
  };

  const copy = (from: Table<S>, pid: number, skip?: Set<number>): Table<S> => {
    const t = newTable(pid, false);
    for (const [fd, e] of from.entries) {
      if (skip?.has(fd)) continue;
      e.socket.refs++;
      t.entries.set(fd, { ...e });
    }
    copyEpolls(from, t);
    return t;
  };

  return {
    get: (pid, fd) => tables.get(pid)?.entries.get(fd)?.socket,
    entry: (pid, fd) => tables.get(pid)?.entries.get(fd),
    set(pid, fd, socket, cloexec, madeBy) {
      const t = tableOf(pid);
      const out: S[] = [];
      const old = t.entries.get(fd);
      fdGone(t, fd);
      socket.refs++;
      t.entries.set(fd, madeBy === undefined ? { socket, cloexec } : { socket, cloexec, madeBy });
      if (old) release(old.socket, out);
      return out;
    },
    setCloexec(pid, fd, cloexec) {
      const e = tables.get(pid)?.entries.get(fd);
      if (e) e.cloexec = cloexec;
    },
    remove(pid, fd) {
      const t = tableOf(pid);
      const out: S[] = [];
      const e = t.entries.get(fd);
      fdGone(t, fd);
      if (e) {
        t.entries.delete(fd);
        release(e.socket, out);
      } else if (t.provisional) t.closedEarly.add(fd);
      return out;
    },
    removeRange(pid, first, last) {
      const out: S[] = [];
      const t = tables.get(pid);
      if (t) {
        dropWhere(t, out, (fd) => fd >= first && fd <= last);
        for (const epfd of [...(t.epolls?.keys() ?? [])]) if (epfd >= first && epfd <= last) fdGone(t, epfd);
        for (const ep of t.epolls?.values() ?? [])
          for (const fd of [...ep.watched.keys()]) if (fd >= first && fd <= last) unwatch(ep, fd);
      }
      return out;
    },
    cloexecRange(pid, first, last) {
      const t = tables.get(pid);
      if (!t) return;
      for (const [fd, e] of t.entries) if (fd >= first && fd <= last) e.cloexec = true;
    },
    unshare(pid) {
      const t = tables.get(pid);
      if (!t || t.users.size <= 1) return;
      t.users.delete(pid);
      tables.set(pid, copy(t, pid));
    },
    spawn(parent, child, shareFiles) {
      const p = tableOf(parent);
      const early = tables.get(child);
      const out: S[] = [];
      if (shareFiles) {
        if (early) for (const [fd, e] of early.entries) p.entries.set(fd, e);
        for (const [fd, ep] of early?.epolls ?? []) {
          p.epolls ??= new Map();
          p.epolls.set(fd, ep);
        }
        p.users.add(child);
        tables.set(child, p);
        return out;
      }
      const t = copy(p, child, early?.closedEarly);
      if (early) {
        for (const [fd, ep] of early.epolls ?? []) {
          t.epolls ??= new Map();
          t.epolls.set(fd, ep);
        }
        for (const [fd, e] of early.entries) {
          const copied = t.entries.get(fd);
          t.entries.set(fd, e);
          if (copied) release(copied.socket, out);
        }
      }
      tables.set(child, t);
      return out;
    },
    exec(pid) {
      const released: S[] = [];
      const t = tables.get(pid);
      if (!t) return { released, kept: [] };
      dropWhere(t, released, (_fd, e) => e.cloexec);
      for (const [epfd, ep] of [...(t.epolls ?? [])]) if (ep.cloexec) fdGone(t, epfd);
      return { released, kept: [...t.entries] };
    },
    exit(pid) {
      const out: S[] = [];
      const t = tables.get(pid);
      if (!t) return out;
      tables.delete(pid);
      t.users.delete(pid);
      if (t.users.size === 0) dropWhere(t, out, () => true);
      return out;
    },
    alias(from, to) {
      const t = tables.get(from);
      if (!t) return;
      tables.delete(from);
      t.users.delete(from);
      const target = tables.get(to);
      if (target) {
        for (const [fd, e] of t.entries) if (!target.entries.has(fd)) target.entries.set(fd, e);
        for (const [fd, ep] of t.epolls ?? []) {
          target.epolls ??= new Map();
          if (!target.epolls.has(fd)) target.epolls.set(fd, ep);
        }
        return;
      }
      t.users.add(to);
      t.provisional = false;
      tables.set(to, t);
    },
    epollCreate(pid, epfd, cloexec) {
      const t = tableOf(pid);
      fdGone(t, epfd);
      instance(t, epfd, cloexec);
    },
    epollCtl(pid, epfd, op, target, data) {
      const t = tableOf(pid);
      if (op === "del") {
        const ep = t.epolls?.get(epfd);
        if (ep !== undefined) unwatch(ep, target);
        return;
      }
      const ep = instance(t, epfd, true);
      if (ep === undefined || (ep.watched.size >= MAX_WATCHED && !ep.watched.has(target))) return;
      watch(ep, target, data);
    },
    epoll: (pid, epfd) => tables.get(pid)?.epolls?.get(epfd),
    reused(pid, fd) {
      const t = tables.get(pid);
      if (t) fdGone(t, fd);
    },
    entries: (pid) => [...(tables.get(pid)?.entries ?? [])],
    open() {
      const seen = new Set<Table<S>>();
      const out: Array<{ pid: number; fd: number; socket: S }> = [];
      for (const [pid, t] of tables) {
        if (seen.has(t)) continue;
        seen.add(t);
        for (const [fd, e] of t.entries) out.push({ pid, fd, socket: e.socket });
      }
      return out;
    },
  };
}
