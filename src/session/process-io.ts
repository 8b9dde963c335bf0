// The process around a session: its standard streams, environment, working directory and the fds
// the caller gave it. The CLI passes the real ones (processIo); tests pass their own streams and run
// a whole session in process.
import { readdirSync, readFileSync } from "node:fs";
import { constants as osConstants } from "node:os";
import type { Readable, Writable } from "node:stream";
import { SockscopeError } from "../errors.js";

export type Terminalish = { isTTY?: boolean; columns?: number; rows?: number };

export interface Io {
  stdin: Readable & Terminalish;
  stdout: Writable & Terminalish;
  stderr: Writable & Terminalish;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Open fds above 2 that the caller handed sockscope, passed on to a traced program as they are. */
  inheritedFds: readonly number[];
  /** Which of fds 0-2 the caller closed: a traced program gets them closed too. */
  closedStdio?: readonly number[];
  /**
   * Signals the caller ignored (nohup: SIGHUP): sockscope ignores them too, never passes them on,
   * and a traced program starts with them ignored, as it would without sockscope.
   */
  ignoredSignals?: readonly NodeJS.Signals[];
}

/**
 * The launcher (bin/sockscope) lists the fds it was given before Node starts, because Node marks
 * the low fds it finds at start-up close-on-exec, and opens its own (epoll, eventfd, pipes) with
 * the same flags and types as a caller's: once Node runs, the two cannot be told apart.
 */
export const INHERITED_FDS_VARIABLE = "SOCKSCOPE_INHERITED_FDS";

/** fd numbers from the launcher's list ("7 9"), or undefined when it gave none. */
export function parseFdList(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const fds = text
    .split(/[\s,]+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number)
    .filter((fd) => fd > 2 && fd < 65536);
  return [...new Set(fds)].sort((a, b) => a - b);
}

/** The launcher's note of the fds 0-2 its caller closed ("0 2"). */
export const CLOSED_STDIO_VARIABLE = "SOCKSCOPE_CLOSED_STDIO";
/** The launcher's SigIgn mask (hex, from /proc/PID/status): Node resets dispositions at start-up. */
export const IGNORED_SIGNALS_VARIABLE = "SOCKSCOPE_IGNORED_SIGNALS";

/** Signal names from a SigIgn mask (bit N-1 is signal N); unknown numbers are left out. */
export function parseSignalMask(text: string | undefined): NodeJS.Signals[] {
  if (text === undefined || !/^[0-9a-fA-F]{1,32}$/.test(text.trim())) return [];
  const mask = BigInt(`0x${text.trim()}`);
  const names = new Map<number, NodeJS.Signals>();
  for (const [name, number] of Object.entries(osConstants.signals)) {
    // SIGIOT and SIGPOLL are other names of SIGABRT and SIGIO: the first name wins.
    if (!names.has(number)) names.set(number, name as NodeJS.Signals);
  }
  const out: NodeJS.Signals[] = [];
  for (let n = 1; n <= 64; n++) {
    if ((mask >> BigInt(n - 1)) & 1n) {
      const name = names.get(n);
      if (name !== undefined) out.push(name);
    }
  }
  return out;
}

/** Which of 0-2 the launcher found closed. */
export function parseClosedStdio(text: string | undefined): number[] {
  return [
    ...new Set(
      (text ?? "")
        .split(/\s+/)
        .filter((s) => /^[012]$/.test(s))
        .map(Number),
    ),
  ].sort();
}

// The signals whose default would end sockscope and that Node lets a listener catch: one the
// caller ignored gets a listener that does nothing, which is how Node can ignore it. (SIGPIPE and
// SIGXFSZ Node ignores itself; SIGUSR1 starts Node's inspector; the stop signals are left alone.)
const CATCHABLE: ReadonlySet<string> = new Set([
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGTERM",
  "SIGUSR2",
  "SIGALRM",
  "SIGVTALRM",
  "SIGPROF",
  "SIGXCPU",
  "SIGIO",
  "SIGPWR",
  "SIGSTKFLT",
]);

function ignoreInSockscope(signals: readonly NodeJS.Signals[]): void {
  for (const signal of signals) {
    if (CATCHABLE.has(signal)) process.on(signal, () => {});
  }
}

const O_CLOEXEC = 0o2000000;

/** Without the launcher's list (`node bin/sockscope.js`): the open fds that are not close-on-exec. */
function openWithoutCloexec(): number[] {
  const fds: number[] = [];
  let names: string[];
  try {
    names = readdirSync("/proc/self/fd");
  } catch {
    return fds;
  }
  for (const name of names) {
    const fd = Number(name);
    if (!(fd > 2)) continue;
    try {
      const flags = /flags:\s*([0-7]+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"))?.[1];
      if (flags !== undefined && (Number.parseInt(flags, 8) & O_CLOEXEC) === 0) fds.push(fd);
    } catch {
      // Closed meanwhile (the directory's own fd).
    }
  }
  return fds.sort((a, b) => a - b);
}

/** Which of the launcher's fds are still open here (Node may have reused none of them). */
function stillOpen(fds: number[]): number[] {
  return fds.filter((fd) => {
    try {
      readFileSync(`/proc/self/fdinfo/${fd}`);
      return true;
    } catch {
      return false;
    }
  });
}

/** The real process's streams; the launcher's variable is taken out so no child ever sees it. */
export function processIo(): Io {
  const listed = parseFdList(process.env[INHERITED_FDS_VARIABLE]);
  const closedStdio = parseClosedStdio(process.env[CLOSED_STDIO_VARIABLE]);
  const ignoredSignals = parseSignalMask(process.env[IGNORED_SIGNALS_VARIABLE]);
  delete process.env[INHERITED_FDS_VARIABLE];
  delete process.env[CLOSED_STDIO_VARIABLE];
  delete process.env[IGNORED_SIGNALS_VARIABLE];
  // As early as possible: nohup's SIGHUP must not end sockscope while it starts.
  ignoreInSockscope(ignoredSignals);
  return {
    // Touched only when read: opening stdin as a stream could change it for a program sharing it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    // Asked for only when a relative program path needs it: a deleted working directory is an
    // error then (one line), not at start, where `sockscope --version` or `read /abs/log` need none.
    get cwd() {
      try {
        return process.cwd();
      } catch (cause) {
        throw new SockscopeError(
          "CWD_GONE",
          "the current directory no longer exists (it was deleted): cd to one that does, or give the program's full path",
          { cause },
        );
      }
    },
    inheritedFds: listed !== undefined ? stillOpen(listed) : openWithoutCloexec(),
    closedStdio,
    ignoredSignals,
  };
}
