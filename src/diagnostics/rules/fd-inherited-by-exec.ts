// fd-inherited-by-exec: execve() succeeded while the process held socket fds without close-on-exec,
// so the sockets live on in the new program (the port stays bound, the connection open, as long as
// it runs). The verdict waits until the new program exits (or the trace ends):
//   warning : an inherited socket on fd 3 or above that the new program never used;
//   info    : sockets on fds 0-2 (dup2 onto stdin/stdout: the inetd pattern), or fds the new
//             program did use (a deliberate hand-over).
// Only fds whose creation the trace shows are judged (cloexec-table.ts); CLOEXEC fds never fire.
import type { DiagnosticEvent, ModelEvent, SocketRef, SyscallEvent } from "../../events/schema.js";
import { createCloexecTable, type FdEntry } from "../cloexec-table.js";
import {
  createThreadGroups,
  describeFd,
  FORK_CALLS,
  processName,
  RECV_CALLS,
  SEND_CALLS,
} from "../helpers.js";
import { diagnostic, NONE, type Rule, type RuleOptions } from "../rule.js";

interface Exec {
  call: SyscallEvent;
  inherited: Array<[number, FdEntry]>;
  /** Inherited fds the new program made a call on (other than closing them). */
  used: Set<number>;
  closed: Set<number>;
  /**
   * The exec came before the parent's clone() returned: the parent's fds join when the clone shows
   * up, except those the child closed, replaced or marked close-on-exec (true for them).
   */
  early?: (fd: number) => boolean;
}

const FIX =
  "Create sockets close-on-exec: socket(..., SOCK_STREAM | SOCK_CLOEXEC, ...), accept4(..., " +
  "SOCK_CLOEXEC), socketpair with SOCK_CLOEXEC, fcntl(fd, F_DUPFD_CLOEXEC); or set it later with " +
  "fcntl(fd, F_SETFD, FD_CLOEXEC), or close them in the child before execve (close_range(3, ~0U, " +
  "CLOSE_RANGE_CLOEXEC)).";
const FIX_INFO =
  "Nothing to fix if the new program is meant to use these sockets; keep every other socket " +
  "close-on-exec (SOCK_CLOEXEC, F_DUPFD_CLOEXEC) so that only the intended ones are passed on.";

/** Calls that use a socket (probing it with fcntl/fstat, as runtimes do at start-up, is not use). */
// biome-ignore format: a list of names reads better packed
const USES = new Set([
  ...SEND_CALLS, ...RECV_CALLS, "accept", "accept4", "listen", "connect", "bind", "shutdown",
  "getsockname", "getpeername", "getsockopt", "setsockopt",
]);

function program(e: SyscallEvent): string {
  const path = e.args[e.name === "execveat" ? 1 : 0];
  return path?.kind === "str" ? `"${path.value}"` : "";
}

export function fdInheritedByExec(_options: RuleOptions): Rule {
  const table = createCloexecTable();
  const groups = createThreadGroups();
  const execs = new Map<number, Exec>();
  /** The latest view of each socket (its address shows up after the call that made the fd). */
  const latest = new Map<number, SocketRef>();
  /** The socket fds of `pid` without CLOEXEC, with their sockets' latest view. */
  const inheritable = (pid: number): Array<[number, FdEntry]> =>
    table
      .entries(pid)
      .filter(([, entry]) => !entry.cloexec)
      .map(([fd, entry]): [number, FdEntry] => {
        const now = entry.socket.id === undefined ? undefined : latest.get(entry.socket.id);
        return [fd, now ? { ...entry, socket: now } : entry];
      });
  const list = (fds: Array<[number, FdEntry]>): string =>
    fds.map(([fd, entry]) => describeFd(fd, entry.socket)).join(", ");

  const report = (pid: number): readonly DiagnosticEvent[] => {
    const x = execs.get(pid);
    if (!x) return NONE;
    execs.delete(pid);
    const e = x.call;
    const prog = program(e);
    const unused = x.inherited.filter(([fd]) => fd > 2 && !x.used.has(fd));
    const intended = x.inherited.filter(([fd]) => fd <= 2 || x.used.has(fd));
    const socketId = (fds: Array<[number, FdEntry]>) => {
      const ids = new Set(fds.map(([, entry]) => entry.socket.id));
      const [only] = ids;
      return ids.size === 1 && only !== undefined ? { socket: only } : {};
    };
    const events = (fds: Array<[number, FdEntry]>) =>
      [...new Set([...fds.map(([, entry]) => entry.made), e.seq])].sort((a, b) => a - b);
    const out: DiagnosticEvent[] = [];
    if (unused.length > 0) {
      const closedLater = unused.some(([fd]) => x.closed.has(fd));
      out.push(
        diagnostic({
          code: "fd-inherited-by-exec",
          severity: "warning",
          message:
            `execve(${prog}) in ${processName(pid)} succeeded while ${list(unused)} ${unused.length > 1 ? "were" : "was"} ` +
            `open without close-on-exec: the new program inherited ${unused.length > 1 ? "these sockets" : "the socket"} ` +
            `and never used ${unused.length > 1 ? "them" : "it"}${closedLater ? " before closing" : ""}; ` +
            "the port or connection stays open for as long as that program runs.",
          fix: FIX,
          pid,
          ...socketId(unused),
          events: events(unused),
        }),
      );
    }
    if (intended.length > 0) {
      const stdio = intended.every(([fd]) => fd <= 2);
      out.push(
        diagnostic({
          code: "fd-inherited-by-exec",
          severity: "info",
          message:
            `execve(${prog}) in ${processName(pid)} passed ${list(intended)} to the new program on purpose ` +
            (stdio
              ? "(dup2 onto standard input/output, the inetd pattern): it talks to the peer through stdio."
              : "(no close-on-exec, and the new program uses it)."),
          fix: FIX_INFO,
          pid,
          ...socketId(intended),
          events: events(intended),
        }),
      );
    }
    return out;
  };

  const onSyscall = (e: SyscallEvent): readonly DiagnosticEvent[] => {
    const out: DiagnosticEvent[] = [];
    if ((e.name === "execve" || e.name === "execveat") && e.ret === 0) {
      const x: Exec = { call: e, inherited: inheritable(e.pid), used: new Set(), closed: new Set() };
      // A program that execs again (a shell, a wrapper) passes what it still holds on: those fds
      // are judged by what the next program does; the ones it closed are reported now.
      const before = execs.get(e.pid);
      if (before) {
        const onward = new Set(x.inherited.map(([fd]) => fd));
        for (const fd of before.used) if (onward.has(fd)) x.used.add(fd);
        before.inherited = before.inherited.filter(([fd]) => !onward.has(fd));
      }
      out.push(...report(e.pid));
      const early = table.provisional(e.pid);
      if (early) x.early = early;
      execs.set(e.pid, x);
      return out;
    }
    // vfork/posix_spawn: the child's execve is printed before the parent's clone() returns; the
    // parent's fds without CLOEXEC (that the child did not close or replace) went into the exec too.
    const child = FORK_CALLS.has(e.name) && e.ret !== null && e.ret > 0 ? execs.get(e.ret) : undefined;
    if (child?.early) {
      const dropped = child.early;
      for (const [fd, entry] of inheritable(e.pid)) if (!dropped(fd)) child.inherited.push([fd, entry]);
      child.inherited.sort((a, b) => a[0] - b[0]);
      delete child.early;
    }
    const x = execs.get(groups.groupOf(e.pid));
    const fd = e.fd;
    const entry = fd === undefined ? undefined : x?.inherited.find(([n]) => n === fd)?.[1];
    if (x && fd !== undefined && entry && !x.closed.has(fd)) {
      if (e.name === "close") x.closed.add(fd);
      else if (USES.has(e.name) && e.socket?.id === entry.socket.id) x.used.add(fd);
    }
    return out;
  };

  return {
    push(event: ModelEvent) {
      groups.push(event);
      if (event.type === "syscall")
        for (const ref of [event.socket, event.newSocket]) if (ref?.id !== undefined) latest.set(ref.id, ref);
      if (event.type === "connection") latest.delete(event.id);
      const found = event.type === "syscall" ? onSyscall(event) : NONE;
      const out =
        event.type === "exit" && event.supersededBy === undefined ? [...found, ...report(event.pid)] : found;
      table.push(event);
      return out;
    },
    flush() {
      return [...execs.keys()].flatMap((pid) => report(pid));
    },
  };
}
