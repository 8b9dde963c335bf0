// The process around a session: its standard streams, environment, working directory and the fds
// the caller gave it. The CLI passes the real ones (processIo); tests pass their own streams and run
// a whole session in process.
import { readdirSync, readFileSync } from "node:fs";
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
  delete process.env[INHERITED_FDS_VARIABLE];
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
  };
}
