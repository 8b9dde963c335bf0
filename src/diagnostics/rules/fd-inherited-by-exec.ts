// fd-inherited-by-exec: execve() succeeded while the process held socket fds without close-on-exec,
// so the sockets live on in the new program (the port stays bound, the connection open, as long as
// it runs). The verdict waits until the new program exits (or the trace ends):
//   warning : an inherited socket on fd 3 or above that the new program never used;
//   info    : sockets on fds 0-2 (dup2 onto stdin/stdout: the inetd pattern), or fds the new
//             program did use (a deliberate hand-over).
// Which fds survived is the model's (`inheritedFds` on the execve); only fds whose creation the
// trace shows are judged (an fd inherited from before the trace has unknown flags).
import type { DiagnosticEvent, InheritedFd, SyscallEvent } from "../../core/events.js";
import { EXEC_CALLS, RECV_CALLS, SEND_CALLS, SOCKET_FD_CALLS } from "../../core/syscalls.js";
import { describeFd, processName } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

/** An inherited fd whose creation the trace shows. */
type Judged = InheritedFd & { readonly madeBy: SyscallEvent };

interface Exec {
  call: SyscallEvent;
  inherited: Judged[];
  /** Inherited fds the new program made a call on (other than closing them). */
  used: Set<number>;
  closed: Set<number>;
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
const USES: ReadonlySet<string> = new Set([...SEND_CALLS, ...RECV_CALLS, ...SOCKET_FD_CALLS]);
const CALLS: ReadonlySet<string> = new Set([...EXEC_CALLS, "close", ...USES]);
const EVENTS = new Set(["exit"] as const);

function program(e: SyscallEvent): string {
  const path = e.args[e.name === "execveat" ? 1 : 0];
  return path?.kind === "str" ? `"${path.value}"` : "";
}

const list = (fds: readonly Judged[]): string => fds.map((x) => describeFd(x.fd, x.socket)).join(", ");

/** The socket of the finding, when all its fds are one socket. */
function socketOf(fds: readonly Judged[]): { socket?: number } {
  const ids = new Set(fds.map((x) => x.socket.id));
  const [only] = ids;
  return ids.size === 1 && only !== undefined ? { socket: only } : {};
}

export const fdInheritedByExec: RuleFactory = () => {
  /** Per pid that exec'd: the program's inherited fds, judged when it exits or execs again. */
  const execs = new Map<number, Exec>();

  const report = (pid: number): readonly DiagnosticEvent[] => {
    const x = execs.get(pid);
    if (!x) return NONE;
    execs.delete(pid);
    const e = x.call;
    const prog = program(e);
    const unused = x.inherited.filter(({ fd }) => fd > 2 && !x.used.has(fd));
    const intended = x.inherited.filter(({ fd }) => fd <= 2 || x.used.has(fd));
    const events = (fds: readonly Judged[]) =>
      [...new Set([...fds.map((f) => f.madeBy.seq), e.seq])].sort((a, b) => a - b);
    const out: DiagnosticEvent[] = [];
    if (unused.length > 0) {
      const closedLater = unused.some(({ fd }) => x.closed.has(fd));
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
          ...socketOf(unused),
          events: events(unused),
        }),
      );
    }
    if (intended.length > 0) {
      const stdio = intended.every(({ fd }) => fd <= 2);
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
          ...socketOf(intended),
          events: events(intended),
        }),
      );
    }
    return out;
  };

  const onExec = (e: SyscallEvent): readonly DiagnosticEvent[] => {
    const inherited = (e.inheritedFds ?? [])
      .filter((x): x is Judged => x.madeBy !== undefined)
      .sort((a, b) => a.fd - b.fd);
    const x: Exec = { call: e, inherited, used: new Set(), closed: new Set() };
    // A program that execs again (a shell, a wrapper) passes what it still holds on: those fds
    // are judged by what the next program does; the ones it closed are reported now.
    const before = execs.get(e.pid);
    if (before) {
      const onward = new Set(inherited.map(({ fd }) => fd));
      for (const fd of before.used) if (onward.has(fd)) x.used.add(fd);
      before.inherited = before.inherited.filter(({ fd }) => !onward.has(fd));
    }
    const out = report(e.pid);
    execs.set(e.pid, x);
    return out;
  };

  const onSyscall = (e: SyscallEvent): readonly DiagnosticEvent[] => {
    if (EXEC_CALLS.has(e.name)) return e.ret === 0 ? onExec(e) : NONE;
    // A thread of the new program uses (or closes) the process's fds.
    const x = execs.get(e.process?.tgid ?? e.pid);
    const fd = e.fd;
    if (x === undefined || fd === undefined || x.closed.has(fd)) return NONE;
    const entry = x.inherited.find((i) => i.fd === fd);
    if (entry === undefined) return NONE;
    if (e.name === "close") x.closed.add(fd);
    else if (USES.has(e.name) && e.socket?.id === entry.socket.id) x.used.add(fd);
    return NONE;
  };

  return {
    calls: CALLS,
    events: EVENTS,
    push(event) {
      if (event.type === "syscall") return onSyscall(event);
      if (event.type === "exit" && event.supersededBy === undefined) return report(event.pid);
      return NONE;
    },
    flush() {
      return [...execs.keys()].flatMap((pid) => report(pid));
    },
  };
};
