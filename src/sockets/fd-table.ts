// File descriptor tables per process, as the kernel keeps them: fork copies the table, a thread
// (CLONE_FILES) shares it, execve drops close-on-exec fds, close and dup2 drop one reference. A
// socket lives while any fd in any table refers to it; the tables report when the last one goes.
//
// strace may print a child's first calls before the parent's clone() returns, so a pid seen before
// we know its parent gets a provisional table; when the clone result arrives the provisional table
// is merged over a copy of the parent's (what the child did itself wins).

export interface Counted {
  refs: number;
}

interface Entry<S> {
  socket: S;
  cloexec: boolean;
}

interface Table<S> {
  entries: Map<number, Entry<S>>;
  users: Set<number>;
  provisional: boolean;
  /** fds the child closed while its table was provisional: inherited copies to drop on merge. */
  closedEarly: Set<number>;
}

export interface FdTables<S extends Counted> {
  get(pid: number, fd: number): S | undefined;
  isCloexec(pid: number, fd: number): boolean;
  /** Installs `socket` at `fd`; returns sockets whose last reference went (a replaced fd). */
  set(pid: number, fd: number, socket: S, cloexec: boolean): S[];
  setCloexec(pid: number, fd: number, cloexec: boolean): void;
  /** Removes `fd`; returns the socket if that was its last reference. */
  remove(pid: number, fd: number): S[];
  /** A child was created by `parent`: share its table (threads) or copy it (fork). */
  spawn(parent: number, child: number, shareFiles: boolean): S[];
  /** execve succeeded in `pid`: close-on-exec fds go. */
  exec(pid: number): S[];
  /** `pid` exited: if it was the table's last user, every fd goes. */
  exit(pid: number): S[];
  /** Lines of pid `from` (0: not printed) turned out to be pid `to`'s. */
  alias(from: number, to: number): void;
  /** Every (pid, fd) still open, with its socket. */
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

  const release = (socket: S, out: S[]) => {
    socket.refs--;
    if (socket.refs === 0) out.push(socket);
  };

  const dropAll = (t: Table<S>, out: S[], which: (e: Entry<S>) => boolean) => {
    for (const [fd, e] of t.entries) {
      if (!which(e)) continue;
      t.entries.delete(fd);
      release(e.socket, out);
    }
  };

  return {
    get: (pid, fd) => tables.get(pid)?.entries.get(fd)?.socket,
    isCloexec: (pid, fd) => tables.get(pid)?.entries.get(fd)?.cloexec === true,
    set(pid, fd, socket, cloexec) {
      const t = tableOf(pid);
      const out: S[] = [];
      const old = t.entries.get(fd);
      socket.refs++;
      t.entries.set(fd, { socket, cloexec });
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
      if (e) {
        t.entries.delete(fd);
        release(e.socket, out);
      } else if (t.provisional) t.closedEarly.add(fd);
      return out;
    },
    spawn(parent, child, shareFiles) {
      const p = tableOf(parent);
      const early = tables.get(child);
      const out: S[] = [];
      if (shareFiles) {
        if (early) for (const [fd, e] of early.entries) p.entries.set(fd, e);
        p.users.add(child);
        tables.set(child, p);
        return out;
      }
      const t = newTable(child, false);
      for (const [fd, e] of p.entries) {
        if (early?.closedEarly.has(fd)) continue;
        e.socket.refs++;
        t.entries.set(fd, { ...e });
      }
      if (early) {
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
      const out: S[] = [];
      const t = tables.get(pid);
      if (t) dropAll(t, out, (e) => e.cloexec);
      return out;
    },
    exit(pid) {
      const out: S[] = [];
      const t = tables.get(pid);
      if (!t) return out;
      tables.delete(pid);
      t.users.delete(pid);
      if (t.users.size === 0) dropAll(t, out, () => true);
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
        return;
      }
      t.users.add(to);
      t.provisional = false;
      tables.set(to, t);
    },
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
