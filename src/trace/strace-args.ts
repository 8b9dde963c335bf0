// Builds strace's argument list from what the user asked for and what this strace supports.
// Pure: every flag the parser relies on is pinned here (-f, -yy unless --no-decode-fds, -ttt, -T, -s,
// -e trace=, -o).
import { NETWORK_CALLS } from "../core/syscalls.js";

export interface StraceVersion {
  major: number;
  minor: number;
  text: string;
}

export interface StraceArgsInput {
  version: StraceVersion;
  /** Where strace writes the trace (a FIFO sockscope reads). */
  output: string;
  /** Trace only %network, close and the process calls (for programs with heavy file I/O). */
  netOnly: boolean;
  /**
   * -yy: every fd printed with its path or socket addresses (default); false: -y, paths and socket
   * inodes only. strace caches a socket's addresses by inode (strace/strace src/socketutils.c), but
   * the netlink lookup it makes for each new TCP or UDP socket dumps the whole table: on a program
   * that opens many short connections -yy costs strace 3-4x, -y next to nothing (bench/DECODE-FDS.md).
   */
  decodeFds?: boolean;
  /** strace -s: bytes of each buffer strace prints. */
  stringLimit: number;
  /** Attach to these pids instead of starting a program. */
  attach?: number[];
  /** Extra flags for experts (--strace-arg), appended before the program. */
  extra: string[];
  /**
   * The program's environment has no TZ: strace runs with one (see straceEnv) and `-E TZ` takes it
   * out again before the program starts, so the program sees the environment it was given.
   */
  unsetTz?: boolean;
  /**
   * --inject: strace's `-e inject=` flags, and the calls they inject into (added to the trace set:
   * strace injects only into calls it traces).
   */
  inject?: { readonly args: readonly string[]; readonly calls: readonly string[] };
}

/**
 * The environment strace itself runs in. Without TZ, glibc's localtime() stats /etc/localtime on
 * every call, and strace calls it for each line it stamps: on a socket-heavy program that is a
 * quarter of strace's time (measured in bench/RESULTS.md). TZ=":/etc/localtime" names the same zone
 * that an unset TZ means, and glibc then reads the file once. Returns undefined when TZ is already set.
 */
export function straceEnv(env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  return env.TZ === undefined ? { TZ: ":/etc/localtime" } : undefined;
}

// The process calls needed to follow fd tables across fork, threads and exec.
const PROCESS_CALLS = ["clone", "clone3", "fork", "vfork", "execve", "execveat", "exit_group"];
// Calls that use or change fds that may be sockets: the socket story beyond %network.
const FD_CALLS = [
  "close",
  "close_range",
  "dup",
  "dup2",
  "dup3",
  "fcntl",
  "ioctl",
  "read",
  "write",
  "readv",
  "writev",
  "sendfile",
  "splice",
  "poll",
  "ppoll",
  "select",
  "pselect6",
  "epoll_wait",
  "epoll_pwait",
  "epoll_pwait2",
  "epoll_ctl",
];

/** strace learned --seccomp-bpf in 5.3. */
export function supportsSeccompBpf(v: StraceVersion): boolean {
  return v.major > 5 || (v.major === 5 && v.minor >= 3);
}

// What --net-only keeps besides %network: closes, and the calls that set a socket's blocking mode
// (fcntl F_SETFL O_NONBLOCK, ioctl FIONBIO), without which an EAGAIN could not be told apart from
// a timeout.
const NET_ONLY_CALLS = ["close", "close_range", "fcntl", "ioctl"];

export function traceSet(netOnly: boolean, extra: readonly string[] = []): string {
  const calls = netOnly ? [...NET_ONLY_CALLS, ...PROCESS_CALLS] : [...FD_CALLS, ...PROCESS_CALLS];
  const more = extra.filter((c) => !calls.includes(c) && !NETWORK_CALLS.has(c));
  return `trace=%network,${[...calls, ...more].join(",")}`;
}

export function buildStraceArgs(input: StraceArgsInput): string[] {
  const args = [
    "-f",
    "-q",
    input.decodeFds === false ? "-y" : "-yy",
    "-ttt",
    "-T",
    "-s",
    String(input.stringLimit),
    "-e",
    traceSet(input.netOnly, input.inject?.calls),
    ...(input.inject?.args ?? []),
  ];
  // The seccomp filter stops the tracee only at traced calls (the difference between ~1x and ~300x
  // on programs doing millions of other syscalls). strace ignores it for -p (attached processes).
  if (input.attach === undefined && supportsSeccompBpf(input.version)) args.push("--seccomp-bpf");
  if (input.unsetTz === true && input.attach === undefined) args.push("-E", "TZ");
  args.push("-o", input.output);
  args.push(...input.extra);
  for (const pid of input.attach ?? []) args.push("-p", String(pid));
  return args;
}

/** Parses the first line of `strace -V` ("strace -- version 6.1"). */
export function parseStraceVersion(text: string): StraceVersion | null {
  const m = /version (\d+)\.(\d+)/.exec(text);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), text: `${m[1]}.${m[2]}` };
}
