// The one syscall table: for every call sockscope understands, where its fd, address, payload and
// flags are among the arguments, which way its bytes go and how they are counted, and which classes
// it belongs to. Every list of syscall names elsewhere (the model's handlers, the network filter,
// redaction, diagnostics, the strace command line, the summary's hints) is derived from it.
// Argument positions follow the x86_64 prototypes in the man pages (syscalls(2) and each call's page)
// and what strace prints for them (strace/strace src/net.c, src/io.c, src/desc.c).

export type SyscallClass =
  /** strace's %network set: the socket API. */
  | "network"
  /** Moves payload bytes through an fd (read/write family, send/recv family, sendfile). */
  | "data"
  /** Waits for fds to be ready (poll, select, epoll). */
  | "wait"
  | "sleep"
  /** Creates a process or thread; returns the new pid. */
  | "fork"
  | "exec"
  | "exit"
  /** Returns a new fd that is not a socket (open, pipe, eventfd…). */
  | "open"
  /** Changes the fd table or an fd's flags (close, dup, fcntl, ioctl). */
  | "fdtable";

/** How the bytes a data call moved are counted. */
export type ByteRule =
  /** The return value is the byte count. */
  | "ret"
  /** sendmmsg/recvmmsg: the return is a message count; the bytes are the `msg_len` of those messages. */
  | "mmsg";

/** The shape of the payload argument. */
export type PayloadShape = "str" | "iov" | "msg" | "mmsg";

export interface SyscallSpec {
  readonly name: string;
  /** Index of the fd argument the call works on. */
  readonly fd?: number;
  /**
   * Index of a second fd the call may work on when the first is not a socket (splice's fd_out): the
   * bytes then go out through it, the other way from `dir`.
   */
  readonly outFd?: number;
  /** Index of a sockaddr argument (in for bind/connect/sendto, out for accept/getsockname/recvfrom). */
  readonly addr?: number;
  /** Index of the payload argument (a buffer, an iovec array, a msghdr or an mmsghdr vector). */
  readonly payload?: number;
  readonly shape?: PayloadShape;
  /**
   * How many arguments strace prints for a call with a payload. Of a call seen only as its resumed
   * half (`<... read resumed>"…", 100) = 5`), the seen arguments are the last ones: the payload is
   * the one `arity - payload` from the end.
   */
  readonly arity?: number;
  /** Index of the byte count the program asked for (write's count, recv's length). */
  readonly count?: number;
  /** Index of the flags argument: MSG_* for send/recv, SOCK_* for socket/accept4, O_* for dup3. */
  readonly flags?: number;
  /** Which way payload goes: out of the program, or into it. */
  readonly dir?: "in" | "out";
  /** How the model counts the bytes moved (none when absent; none either for MSG_PEEK). */
  readonly bytes?: ByteRule;
  /**
   * The arguments that hold a pid (kill, wait4, tgkill, setpgid…), by index, for --stable's
   * renaming. A negative number there names a process group (kill(-pgid, …)).
   */
  readonly pids?: readonly number[];
  /** The return value is a pid or a process group (getpgid, getsid, setsid). */
  readonly retPid?: boolean;
  /**
   * A pid argument or return that only some commands have (fcntl F_SETOWN, ioctl SIOCSPGRP,
   * waitid P_PID): the command's index; for the commands in `arg`, the argument at `at` holds a
   * pid (a number, `[pid]`, or a struct with a `pid` field); for those in `ret`, the return does.
   */
  readonly pidByCommand?: {
    readonly cmd: number;
    readonly at: number;
    readonly arg: readonly string[];
    readonly ret?: readonly string[];
  };
  /** Its part in the epoll API: making an instance, changing its interest set, waiting on it. */
  readonly epoll?: "create" | "ctl" | "wait";
  /** Traced by sockscope's strace command line: with --net-only too ("net"), or by default ("all"). */
  readonly strace?: "net" | "all";
  readonly classes: readonly SyscallClass[];
}

type Spec = Omit<SyscallSpec, "name">;

const send = (
  payload: number,
  shape: PayloadShape,
  flags: number,
  arity: number,
  extra: Partial<Spec> = {},
): Spec => ({
  fd: 0,
  payload,
  shape,
  arity,
  flags,
  dir: "out",
  bytes: shape === "mmsg" ? "mmsg" : "ret",
  classes: ["network", "data"],
  ...extra,
});
const recv = (
  payload: number,
  shape: PayloadShape,
  flags: number,
  arity: number,
  extra: Partial<Spec> = {},
): Spec => ({
  ...send(payload, shape, flags, arity, extra),
  dir: "in",
});
const io = (dir: "in" | "out", shape: "str" | "iov", arity: number, strace?: "all"): Spec => ({
  fd: 0,
  payload: 1,
  shape,
  arity,
  ...(shape === "str" ? { count: 2 } : {}),
  dir,
  bytes: "ret",
  ...(strace ? { strace } : {}),
  classes: ["data"],
});
const onFd: Spec = { fd: 0, classes: [] };
const opens: Spec = { classes: ["open"] };
const wait = (strace?: "all"): Spec => ({ classes: ["wait"], ...(strace ? { strace } : {}) });
const epollWait: Spec = { fd: 0, epoll: "wait", strace: "all", classes: ["wait"] };

/** fcntl's owner commands: F_SETOWN's pid (negative: a process group), F_[GS]ETOWN_EX's struct. */
const FCNTL_OWNER = {
  cmd: 1,
  at: 2,
  arg: ["F_SETOWN", "F_SETOWN_EX", "F_GETOWN_EX"],
  ret: ["F_GETOWN"],
} as const;
/** The socket ioctls that set or read the process (group) that gets SIGIO/SIGURG: `[pid]`. */
const IOCTL_OWNER = { cmd: 1, at: 2, arg: ["SIOCSPGRP", "SIOCGPGRP", "FIOSETOWN", "FIOGETOWN"] } as const;

const TABLE = {
  // The socket API (strace's %network).
  socket: { flags: 1, classes: ["network"] },
  socketpair: { flags: 1, classes: ["network"] },
  bind: { fd: 0, addr: 1, classes: ["network"] },
  listen: { fd: 0, classes: ["network"] },
  accept: { fd: 0, addr: 1, classes: ["network"] },
  accept4: { fd: 0, addr: 1, flags: 3, classes: ["network"] },
  connect: { fd: 0, addr: 1, classes: ["network"] },
  getsockname: { fd: 0, addr: 1, classes: ["network"] },
  getpeername: { fd: 0, addr: 1, classes: ["network"] },
  setsockopt: { fd: 0, classes: ["network"] },
  getsockopt: { fd: 0, classes: ["network"] },
  shutdown: { fd: 0, classes: ["network"] },
  sendto: send(1, "str", 3, 6, { count: 2, addr: 4 }),
  recvfrom: recv(1, "str", 3, 6, { count: 2, addr: 4 }),
  send: send(1, "str", 3, 4, { count: 2 }),
  recv: recv(1, "str", 3, 4, { count: 2 }),
  sendmsg: send(1, "msg", 2, 3),
  recvmsg: recv(1, "msg", 2, 3),
  sendmmsg: send(1, "mmsg", 3, 4),
  recvmmsg: recv(1, "mmsg", 3, 5),
  // Data through any fd.
  read: io("in", "str", 3, "all"),
  write: io("out", "str", 3, "all"),
  readv: io("in", "iov", 3, "all"),
  writev: io("out", "iov", 3, "all"),
  pread64: io("in", "str", 4),
  pwrite64: io("out", "str", 4),
  preadv: io("in", "iov", 4),
  pwritev: io("out", "iov", 4),
  preadv2: io("in", "iov", 5),
  pwritev2: io("out", "iov", 5),
  // sendfile(out_fd, in_fd, offset, count): the bytes go out of fd 0 (a socket, usually).
  sendfile: { fd: 0, dir: "out", bytes: "ret", strace: "all", classes: ["data"] },
  sendfile64: { fd: 0, dir: "out", bytes: "ret", classes: ["data"] },
  // splice(fd_in, off_in, fd_out, off_out, len, flags): the socket is fd_in (bytes in) or fd_out (out).
  splice: { fd: 0, outFd: 2, dir: "in", bytes: "ret", strace: "all", classes: ["data"] },
  tee: onFd,
  // The fd table.
  close: { fd: 0, strace: "net", classes: ["fdtable"] },
  close_range: { strace: "net", classes: ["fdtable"] },
  dup: { fd: 0, strace: "all", classes: ["fdtable"] },
  dup2: { fd: 0, strace: "all", classes: ["fdtable"] },
  dup3: { fd: 0, flags: 2, strace: "all", classes: ["fdtable"] },
  fcntl: { fd: 0, pidByCommand: FCNTL_OWNER, strace: "net", classes: ["fdtable"] },
  fcntl64: { fd: 0, pidByCommand: FCNTL_OWNER, classes: ["fdtable"] },
  ioctl: { fd: 0, pidByCommand: IOCTL_OWNER, strace: "net", classes: ["fdtable"] },
  fstat: onFd,
  lseek: onFd,
  fsync: onFd,
  fdatasync: onFd,
  ftruncate: onFd,
  getdents64: onFd,
  fchdir: onFd,
  fchmod: onFd,
  fchown: onFd,
  flock: onFd,
  // Waiting for readiness.
  poll: wait("all"),
  ppoll: wait("all"),
  select: wait("all"),
  pselect6: wait("all"),
  _newselect: wait(),
  epoll_wait: epollWait,
  epoll_pwait: epollWait,
  epoll_pwait2: epollWait,
  epoll_ctl: { fd: 0, epoll: "ctl", strace: "all", classes: [] },
  nanosleep: { classes: ["sleep"] },
  clock_nanosleep: { classes: ["sleep"] },
  // Processes.
  clone: { strace: "net", classes: ["fork"] },
  clone3: { strace: "net", classes: ["fork"] },
  fork: { strace: "net", classes: ["fork"] },
  vfork: { strace: "net", classes: ["fork"] },
  execve: { strace: "net", classes: ["exec"] },
  execveat: { strace: "net", classes: ["exec"] },
  exit_group: { strace: "net", classes: ["exit"] },
  exit: { classes: ["exit"] },
  wait4: { pids: [0], retPid: true, classes: [] },
  // waitid(idtype, id, infop, options, rusage): id is a pid for P_PID, a group for P_PGID (an fd
  // for P_PIDFD); infop's si_pid is renamed with the signal fields.
  waitid: { pidByCommand: { cmd: 0, at: 1, arg: ["P_PID", "P_PGID"] }, classes: [] },
  kill: { pids: [0], classes: [] },
  tkill: { pids: [0], classes: [] },
  tgkill: { pids: [0, 1], classes: [] },
  rt_sigqueueinfo: { pids: [0], classes: [] },
  rt_tgsigqueueinfo: { pids: [0, 1], classes: [] },
  setpgid: { pids: [0, 1], classes: [] },
  getpgid: { pids: [0], retPid: true, classes: [] },
  getsid: { pids: [0], retPid: true, classes: [] },
  setsid: { retPid: true, classes: [] },
  getpgrp: { retPid: true, classes: [] },
  getpid: { retPid: true, classes: [] },
  getppid: { retPid: true, classes: [] },
  gettid: { retPid: true, classes: [] },
  // Returns the caller's thread id.
  set_tid_address: { retPid: true, classes: [] },
  sched_setaffinity: { pids: [0], classes: [] },
  sched_getaffinity: { pids: [0], classes: [] },
  prlimit64: { pids: [0], classes: [] },
  process_vm_readv: { pids: [0], classes: [] },
  process_vm_writev: { pids: [0], classes: [] },
  // Calls that return a new fd that is not a socket.
  open: opens,
  openat: opens,
  openat2: opens,
  creat: opens,
  pipe: opens,
  pipe2: opens,
  eventfd: opens,
  eventfd2: opens,
  epoll_create: { ...opens, epoll: "create" },
  epoll_create1: { ...opens, epoll: "create" },
  timerfd_create: opens,
  signalfd: opens,
  signalfd4: opens,
  memfd_create: opens,
  inotify_init: opens,
  inotify_init1: opens,
  fanotify_init: opens,
  userfaultfd: opens,
  pidfd_open: { ...opens, pids: [0] },
  pidfd_getfd: opens,
  perf_event_open: opens,
} as const satisfies Record<string, Spec>;

export type KnownSyscall = keyof typeof TABLE;

const SPECS = new Map<string, SyscallSpec>(
  Object.entries(TABLE).map(([name, spec]): [string, SyscallSpec] => [
    name,
    Object.freeze({ name, ...spec }),
  ]),
);

/** The table's entry for a syscall name, or undefined for a call sockscope has no knowledge of. */
export function specOf(name: string): SyscallSpec | undefined {
  return SPECS.get(name);
}

/** Every syscall in the table. */
export const SYSCALLS: readonly SyscallSpec[] = [...SPECS.values()];

const namesWhere = (pick: (s: SyscallSpec) => boolean): ReadonlySet<string> =>
  new Set(SYSCALLS.filter(pick).map((s) => s.name));
const inClass = (c: SyscallClass) => namesWhere((s) => s.classes.includes(c));

/** strace's %network: the socket API. */
export const NETWORK_CALLS = inClass("network");
/** The %network calls that work on a socket fd (all of them but socket and socketpair). */
export const SOCKET_FD_CALLS = namesWhere((s) => s.classes.includes("network") && s.fd !== undefined);
export const DATA_CALLS = inClass("data");
export const SEND_CALLS = namesWhere((s) => s.dir === "out");
export const RECV_CALLS = namesWhere((s) => s.dir === "in");
export const WAIT_CALLS = inClass("wait");
export const SLEEP_CALLS = inClass("sleep");
export const FORK_CALLS = inClass("fork");
export const EXEC_CALLS = inClass("exec");
export const OPEN_CALLS = inClass("open");
/** Calls whose argument at `fd` is an fd even when strace prints it bare (no -y). */
export const FD_CALLS = namesWhere((s) => s.fd !== undefined);
/** Process creation, exec: the calls that change which program a pid runs. */
export const PROCESS_CALLS = namesWhere((s) => s.classes.includes("fork") || s.classes.includes("exec"));

/** The calls sockscope asks strace to trace, besides %network: `net` with --net-only, `all` by default. */
export function straceCalls(netOnly: boolean): string[] {
  return SYSCALLS.filter(
    (s) => !s.classes.includes("network") && (s.strace === "net" || (!netOnly && s.strace === "all")),
  ).map((s) => s.name);
}
