// The tracer stage: starts strace (execa, an argument array, never a shell) with its trace written
// to a FIFO in a private 0700 temp dir, and hands back the trace as text chunks while it runs.
// The traced program keeps the caller's stdin, stdout, stderr, environment and cwd; strace's output
// never passes through them. The fds sockscope was given reach the program at the same numbers;
// sockscope's own never do (Node opens them close-on-exec, and so does strace its -o FIFO).
import { spawn } from "node:child_process";
import { closeSync, constants, openSync, readlinkSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa, type Options, type ResultPromise } from "execa";
import { SockscopeError } from "../errors.js";
import { createFifoReader } from "./fifo-reader.js";

export interface TraceSpec {
  strace: string;
  /**
   * strace flags from buildStraceArgs, with `-o` pointing at the FIFO. May be a promise: the strace
   * version it needs is read while the FIFO is made.
   */
  straceArgs: (fifo: string) => string[] | Promise<string[]>;
  /** Variables added to strace's own environment (straceEnv); the program's is untouched. */
  straceEnv?: Record<string, string> | undefined;
  /** The program and its arguments (run), or none (attach). */
  command: string[];
  /** Capture strace's own stderr (attach: nothing else writes there) instead of sharing ours. */
  captureStraceStderr: boolean;
  /** "ignore": the program gets /dev/null for stdin, stdout and stderr (the terminal belongs to --tui). */
  programStdio?: "inherit" | "ignore";
  /** fds above 2 that the program gets at the same numbers (the ones sockscope was given). */
  passFds?: readonly number[];
  /** Signal numbers strace, and through it the program, start with ignored (the caller's). */
  ignoreSignals?: readonly number[];
  /** Which of fds 0-2 strace, and through it the program, start with closed (the caller's). */
  closeStdio?: readonly number[];
}

/**
 * The command that starts strace. libuv resets every signal disposition to the default in a child
 * and opens /dev/null on any of fds 0-2 it is not given, so when the caller ignored signals or
 * closed a standard fd, strace starts through `sh -c`, which ignores those signals and closes those
 * fds, then execs strace with its arguments as they are ("$0" "$@": nothing of them is ever part of
 * the script, which holds only numbers). strace passes both on to the program: it starts the
 * program before it installs its own signal handlers, and it fills a closed fd 0-2 with a
 * close-on-exec placeholder (strace/strace src/strace.c: startup_child is called before
 * set_sighandler; ensure_standard_fds_opened).
 */
export function straceCommand(
  strace: string,
  args: readonly string[],
  ignoreSignals: readonly number[] = [],
  closeStdio: readonly number[] = [],
): [string, string[]] {
  const signals = ignoreSignals.filter((n) => Number.isInteger(n) && n > 0 && n < 65 && n !== 9 && n !== 19);
  const fds = closeStdio.filter((fd) => fd === 0 || fd === 1 || fd === 2);
  if (signals.length === 0 && fds.length === 0) return [strace, [...args]];
  const trap = signals.length > 0 ? `trap '' ${signals.join(" ")}; ` : "";
  const close = fds.map((fd) => ` ${fd}>&-`).join("");
  return ["/bin/sh", ["-c", `${trap}exec "$0" "$@"${close}`, strace, ...args]];
}

type Std = "inherit" | "ignore" | "pipe";
type Stdio = Std | number;

/**
 * The stdio array for strace: 0-2 as asked, then every passed fd at its own number. strace, like a
 * shell, hands the program every fd it has that is not close-on-exec, so these reach the program.
 */
export function stdioFor(
  std: "inherit" | "ignore",
  stderr: "inherit" | "ignore" | "pipe",
  passFds: readonly number[],
): [Std, Std, Std, ...Stdio[]] {
  const stdio: [Std, Std, Std, ...Stdio[]] = [std, std, stderr];
  for (const fd of [...passFds].sort((a, b) => a - b)) {
    if (fd <= 2) continue;
    while (stdio.length < fd) stdio.push("ignore");
    stdio[fd] = fd;
  }
  return stdio;
}

export interface TraceResult {
  /** strace's exit code, or null when a signal ended it. */
  exitCode: number | null;
  /** The signal that ended strace (strace re-raises the traced program's fatal signal). */
  signal: string | null;
  /** strace's own messages, when captured. */
  straceStderr: string;
}

export interface TraceSession {
  chunks: AsyncIterable<string>;
  done: Promise<TraceResult>;
  /** strace's pid. */
  stracePid: number | undefined;
  /** Sends a signal to strace itself. */
  signalStrace(signal: NodeJS.Signals): void;
  /** The pid of the program strace started (its first child), when it is known. */
  programPid(): Promise<number | undefined>;
  /**
   * Stops reading the trace and lets strace run on without sockscope: a detached `cat` drains the
   * FIFO into /dev/null from then on (strace must not meet a FIFO without a reader), the chunks
   * end, and strace no longer keeps sockscope's event loop alive. `done` then never settles here.
   */
  handOff(): Promise<void>;
  /** Removes the temp dir (idempotent); called on every exit path. */
  cleanup(): Promise<void>;
}

const STOPPED: unique symbol = Symbol("stopped");

/**
 * The chunks of `inner` until `stopped` settles (the inner read left pending is dropped). Not a
 * `Promise.race([inner.next(), stopped])` per chunk: each race leaves a reaction on `stopped`, which
 * settles only at the end, and every reaction keeps its chunk: a 10-minute live run grew by
 * 2 MB/s that way (bench/RESULTS.md, soak). Here `stopped` has one reaction, and each wait a
 * promise of its own.
 */
async function* until(inner: AsyncGenerator<string>, stopped: Promise<void>): AsyncGenerator<string> {
  let isStopped = false;
  let wake: ((stop: typeof STOPPED) => void) | undefined;
  void stopped.then(() => {
    isStopped = true;
    wake?.(STOPPED);
  });
  for (;;) {
    if (isStopped) return;
    const next = await new Promise<IteratorResult<string> | typeof STOPPED>((resolve, reject) => {
      wake = resolve;
      inner.next().then(resolve, reject);
    });
    wake = undefined;
    if (next === STOPPED || next.done === true) return;
    yield next.value;
  }
}

/** Waits until process `pid` has `path` open as its stdin (at most `ms`). */
async function stdinIs(pid: number, path: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/0`) === path) return true;
    } catch {
      // Not started yet, or gone.
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

export async function startTrace(spec: TraceSpec): Promise<TraceSession> {
  const dir = await mkdtemp(join(tmpdir(), "sockscope-")).catch((cause: unknown) => {
    const why =
      cause instanceof Error
        ? cause.message.replace(/^[A-Z]+: /, "").replace(/, mkdtemp .*$/, "")
        : String(cause);
    throw new SockscopeError(
      "TEMP_UNWRITABLE",
      `cannot create a temporary directory in ${tmpdir()} (${why}): set TMPDIR to a writable directory`,
      { cause },
    );
  });
  const fifo = join(dir, "trace.fifo");
  let removed = false;
  const cleanup = async () => {
    if (removed) return;
    removed = true;
    await rm(dir, { recursive: true, force: true });
  };
  // Both settle before the temp dir can be removed, so that no mkfifo outlives the cleanup.
  const [made, args] = await Promise.allSettled([
    execa("mkfifo", ["-m", "600", fifo]),
    Promise.resolve().then(() => spec.straceArgs(fifo)),
  ]);
  if (made.status === "rejected" || args.status === "rejected") {
    await cleanup();
    throw made.status === "rejected" ? made.reason : (args as PromiseRejectedResult).reason;
  }
  const straceArgs = args.value;

  const [file, argv] = straceCommand(
    spec.strace,
    [...straceArgs, ...(spec.command.length > 0 ? ["--", ...spec.command] : [])],
    spec.ignoreSignals,
    spec.closeStdio,
  );
  const child: ResultPromise = execa(file, argv, {
    stdio: stdioFor(
      spec.programStdio ?? "inherit",
      spec.captureStraceStderr ? "pipe" : (spec.programStdio ?? "inherit"),
      spec.passFds ?? [],
      // execa's types leave out plain fd numbers after the third entry; Node takes them.
    ) as unknown as Options["stdio"],
    reject: false,
    // Keep the environment exactly as it is: no local node_modules/.bin on PATH, nothing added.
    extendEnv: true,
    ...(spec.straceEnv !== undefined ? { env: spec.straceEnv } : {}),
    preferLocal: false,
    // strace blocks fatal signals itself while the program runs (-o FILE PROG); sockscope decides
    // what reaches the program, so execa must not kill strace when sockscope exits on a signal.
    cleanup: false,
  });

  // The reader's thread starts once strace is running (see createFifoReader), and drains the FIFO
  // from then on, also while the pipeline is still being loaded. Until then the FIFO holds 64 KiB.
  const reader = createFifoReader();
  reader.open(fifo);

  // Opening a FIFO for reading waits for a writer. If strace dies before opening it (bad flags,
  // ptrace refused), be that writer until the reader's open has happened (it may not even have
  // started yet), so that the reader sees end-of-file instead of waiting for ever. O_RDWR opens a
  // FIFO at once on Linux, with or without a reader.
  const done: Promise<TraceResult> = child.then(async (r) => {
    if (!reader.opened) {
      let writer: number | undefined;
      try {
        writer = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
        await reader.opening;
      } catch {
        // The directory is gone: nothing can be waiting on the FIFO.
      } finally {
        if (writer !== undefined) closeSync(writer);
      }
    }
    return {
      exitCode: r.exitCode ?? null,
      signal: r.signal ?? null,
      straceStderr: typeof r.stderr === "string" ? r.stderr : "",
    };
  });

  let stopReading: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stopReading = resolve));

  return {
    chunks: until(reader.chunks, stopped),
    done,
    stracePid: child.pid,
    signalStrace(signal) {
      child.kill(signal);
    },
    async programPid() {
      if (child.pid === undefined) return undefined;
      try {
        const children = await readFile(`/proc/${child.pid}/task/${child.pid}/children`, "utf8");
        const first = Number.parseInt(children.trim().split(/\s+/)[0] ?? "", 10);
        return Number.isFinite(first) ? first : undefined;
      } catch {
        return undefined;
      }
    },
    async handOff() {
      // Its own session: a later Ctrl-C in the terminal must not end it while strace still writes.
      const drain = spawn("/bin/sh", ["-c", 'exec cat <"$0" >/dev/null', fifo], {
        detached: true,
        stdio: "ignore",
      });
      drain.on("error", () => undefined);
      drain.unref();
      if (drain.pid !== undefined) await stdinIs(drain.pid, fifo, 2000);
      child.unref();
      stopReading();
      await reader.release(fifo, 2000);
    },
    cleanup,
  };
}
