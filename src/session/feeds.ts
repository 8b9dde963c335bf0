// Where a session's trace comes from: a recorded log (read), or strace tracing a program it starts
// (run, demo) or processes it attaches to (attach). Each is a Feed: text chunks, what ends it, and
// what its end means for the exit status. The live feed starts strace before anything heavy is
// loaded: start-up is on the traced program's clock.
import { readlinkSync } from "node:fs";
import { stat } from "node:fs/promises";
import { constants as osConstants } from "node:os";
import type { ProcessFacts } from "../core/model-view.js";
import { EXIT, SockscopeError } from "../errors.js";
import { injectArgs, injectedSyscalls, injectUnsupported } from "../inject/spec.js";
import { startKernelCollector } from "../kernel/collector.js";
import { isSockscopeJson } from "../replay/sniff.js";
import {
  checkPid,
  checkPtrace,
  explainStraceError,
  locateStrace,
  readStraceVersion,
  resolveCommand,
} from "../trace/preflight.js";
import { readProcStat } from "../trace/proc.js";
import { expandAttach } from "../trace/process-tree.js";
import { startTrace, type TraceResult, type TraceSession } from "../trace/session.js";
import { buildStraceArgs, straceEnv } from "../trace/strace-args.js";
import { editDistance } from "../util/edit-distance.js";
import { textChunks } from "../util/text-chunks.js";
import { openInput } from "./io.js";
import type { KernelSource } from "./kernel-state.js";
import type { TraceOptions } from "./options.js";
import type { Io } from "./process-io.js";
import { createSignalRelay } from "./signals.js";

/** Bytes of each buffer strace captures at least: a classic DNS message (RFC 1035 4.2.1) is at most 512. */
const CAPTURE_BYTES = 512;

export type Source =
  | { kind: "read"; file: string }
  | { kind: "run"; command: string[] }
  | { kind: "attach"; pids: number[] };

export interface Feed {
  chunks: AsyncIterable<string>;
  /** The trace is of this machine, now (its sysctls are the program's). */
  live: boolean;
  /** What the text is: a strace log, or sockscope's own JSON lines (a `--json` recording). */
  input?: "strace" | "json";
  /** The log's size in bytes, when known (for the progress line). */
  size?: number;
  /** The process whose exit is the program's, when known before the trace (attach's first pid). */
  root?: number;
  /** The kernel's view beside a live trace (absent: --no-kernel-state, --stable, or a log). */
  kernel?: KernelSource;
  /** The model's view of the trace's processes (the program's pid, its exit, who is alive). */
  watch(processes: ProcessFacts): void;
  /** The user quit the interactive view: stop reading, or stop the program (attach: detach). */
  quit(): void;
  /**
   * After the last chunk: the status of what was traced (the program's, as a shell reports it;
   * 0 for a log). Throws the diagnosis when strace failed before tracing anything.
   */
  end(traced: boolean): Promise<number>;
  /** Removes what the feed made (temp dir, signal handlers); called on every path. */
  dispose(): Promise<void>;
}

/** A strace log from a file, or from stdin ("-"). */
export async function openLogFeed(file: string, io: Io): Promise<Feed> {
  const input = await openInput(file, io.stdin);
  const size = file === "-" ? undefined : (await stat(file)).size;
  const { kind, chunks } = await sniff(textChunks(input));
  return {
    chunks,
    live: false,
    input: kind,
    ...(size !== undefined ? { size } : {}),
    watch() {},
    quit: () => input.destroy(),
    end: async () => EXIT.ok,
    dispose: async () => {
      if (file !== "-") input.destroy();
    },
  };
}

/** How much is read, at most, to find the first non-blank line. */
const SNIFF_LIMIT = 1024 * 1024;

/**
 * Whether a log is sockscope's own JSON lines: its first non-blank line is a sockscope event. The
 * text read to decide is handed on with the rest.
 */
async function sniff(
  source: AsyncIterable<string>,
): Promise<{ kind: "strace" | "json"; chunks: AsyncIterable<string> }> {
  const it = source[Symbol.asyncIterator]();
  const seen: string[] = [];
  let text = "";
  let done = false;
  let first: string | undefined;
  while (first === undefined && !done && text.length < SNIFF_LIMIT) {
    const next = await it.next();
    if (next.done) done = true;
    else {
      seen.push(next.value);
      text += next.value;
    }
    const lines = text.split("\n");
    const complete = done ? lines : lines.slice(0, -1);
    first = complete.find((l) => l.trim() !== "");
  }
  const chunks = (async function* () {
    yield* seen;
    if (done) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  })();
  return { kind: first !== undefined && isSockscopeJson(first) ? "json" : "strace", chunks };
}

const SUBCOMMANDS = ["run", "attach", "demo", "read"];

/** `sockscope atach 12`: the "program" is a mistyped subcommand; say so. */
function withCommandSuggestion(err: unknown, program: string): unknown {
  if (!(err instanceof SockscopeError) || err.code !== "PROGRAM_NOT_FOUND" || program.includes("/"))
    return err;
  const near = SUBCOMMANDS.find((c) => editDistance(c, program) <= 2);
  if (near === undefined) return err;
  return new SockscopeError("PROGRAM_NOT_FOUND", `${err.message} (did you mean 'sockscope ${near}'?)`, {
    cause: err,
  });
}

function signalNumber(name: string): number {
  return (osConstants.signals as Record<string, number>)[name] ?? 0;
}

/** Ends a traced program from the interactive view: SIGTERM, then SIGKILL if it is still there. */
async function stopProgram(watch: ProcessFacts | undefined, session: TraceSession): Promise<void> {
  const pid = watch?.root ?? (await session.programPid());
  if (pid === undefined || pid <= 1) return;
  const send = (signal: NodeJS.Signals) => {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  };
  send("SIGTERM");
  const timer = setTimeout(() => {
    for (const p of watch?.alive() ?? []) if (p > 1) send("SIGKILL");
    send("SIGKILL");
  }, 1000);
  await session.done;
  clearTimeout(timer);
}

/** How long only daemons must be left before sockscope stops waiting for them. */
const DAEMON_GRACE_MS = 300;

/**
 * After the program has exited, strace -f still follows every process it started, and strace ends
 * only when they all have. Those still in the program's session (a pipeline, a shell's background
 * job) are part of its work: sockscope waits for them. Those that left it with setsid (daemons) are
 * not: once only they have been left for DAEMON_GRACE_MS, `onlyDaemons` gets them. The program's
 * session is sockscope's, or the program's own when it called setsid itself.
 */
function watchForDaemons(
  facts: () => ProcessFacts | undefined,
  onlyDaemons: (pids: number[]) => void,
): () => void {
  const own = readProcStat("self")?.session;
  let rootSession: number | undefined;
  let since: number | undefined;
  const timer = setInterval(() => {
    const watch = facts();
    const root = watch?.root;
    if (watch === undefined || root === undefined) return;
    if (watch.rootExit === undefined) {
      rootSession = readProcStat(root)?.session ?? rootSession;
      return;
    }
    const sessions = new Set([own, root, rootSession]);
    const left = [...new Set(watch.alive().map((pid) => watch.tgid(pid)))].filter((pid) => pid !== root);
    const stats = left
      .map((pid) => ({ pid, stat: readProcStat(pid) }))
      .filter(({ stat }) => stat !== undefined && stat.state !== "Z" && stat.state !== "X");
    if (stats.length === 0 || stats.some(({ stat }) => sessions.has(stat?.session))) {
      since = undefined;
      return;
    }
    since ??= Date.now();
    if (Date.now() - since < DAEMON_GRACE_MS) return;
    clearInterval(timer);
    onlyDaemons(stats.map(({ pid }) => pid));
  }, 100);
  timer.unref();
  return () => clearInterval(timer);
}

function describePids(pids: number[]): string {
  const named = pids.slice(0, 4).map((pid) => `${pid} ${readProcStat(pid)?.comm ?? "?"}`);
  return pids.length > 4 ? `${named.join(", ")}, …` : named.join(", ");
}

/** The traced program's own status, as a shell would report it. */
function programStatus(
  source: Source,
  result: TraceResult | undefined,
  watch: ProcessFacts | undefined,
): number {
  if (source.kind === "attach" || result === undefined) {
    const exit = watch?.rootExit;
    if (exit?.signal !== undefined) return 128 + signalNumber(exit.signal);
    return exit?.code ?? EXIT.ok;
  }
  if (result.signal !== null) return 128 + signalNumber(result.signal);
  // Like a shell: a program that cannot be found is 127, one that cannot be executed 126.
  const failure = watch?.rootExecFailure;
  if (failure !== undefined && result.exitCode === 1)
    return failure === "ENOENT" ? EXIT.notFound : EXIT.notExecutable;
  return result.exitCode ?? 1;
}

/**
 * strace ended without tracing anything of the program (run): find out whether ptrace was
 * refused, and say what to do.
 */
async function straceFailure(strace: string, result: TraceResult, io: Io): Promise<SockscopeError> {
  const probe = await resolveCommand("true", io.env.PATH, () => io.cwd).catch(() => undefined);
  if (probe !== undefined) {
    try {
      await checkPtrace(strace, probe);
    } catch (err) {
      if (err instanceof SockscopeError) return err;
    }
  }
  const how = result.signal !== null ? `was killed by ${result.signal}` : `exited with ${result.exitCode}`;
  return new SockscopeError(
    "STRACE_FAILED",
    `strace ${how} before the program started (its own message, if any, is above)`,
  );
}

/** Checks what can be checked before anything starts: strace, the program or the pids. */
export async function prepareLive(source: Exclude<Source, { kind: "read" }>, options: TraceOptions, io: Io) {
  const stracePath = await locateStrace(options.strace ?? io.env.SOCKSCOPE_STRACE, io.env.PATH, () => io.cwd);
  // Runs while the program is looked up and the FIFO is made; awaited when strace's flags are built.
  const version = readStraceVersion(stracePath);
  version.catch(() => undefined);
  if (options.inject.length > 0) {
    const why = injectUnsupported(await version, options.inject);
    if (why !== undefined) throw new SockscopeError("STRACE_FAILED", why);
  }
  if (source.kind === "run") {
    const [program] = source.command;
    if (program === undefined)
      throw new SockscopeError(
        "BAD_USAGE",
        "no program to trace: sockscope [options] -- <program> [args...]",
      );
    await resolveCommand(program, io.env.PATH, () => io.cwd).catch((err: unknown) => {
      throw withCommandSuggestion(err, program);
    });
    return { stracePath, version, source };
  }
  for (const pid of source.pids) checkPid(pid);
  // Also the processes they forked before the attach; the first pid named stays the root.
  const pids = expandAttach(source.pids, options.children, io.stderr);
  return { stracePath, version, source: { kind: "attach" as const, pids } };
}

/** No kernel view, and the one line the summary gives for why. */
function kernelNote(why: string): KernelSource {
  return {
    onSocket() {},
    watchListener() {},
    finish: async () => ({
      sockets: [],
      summary: { scope: "system", counters: [], listeners: [], notes: [why] },
    }),
    close() {},
  };
}

/** Whether the traced processes share sockscope's network namespace (a run always does). */
function sameNetns(source: Awaited<ReturnType<typeof prepareLive>>["source"]): boolean {
  if (source.kind === "run") return true;
  try {
    const own = readlinkSync("/proc/self/ns/net");
    return source.pids.every((pid) => readlinkSync(`/proc/${pid}/ns/net`) === own);
  } catch {
    return false;
  }
}

/** Starts strace on the program (run) or the pids (attach); the program runs from here on. */
export async function startLiveFeed(
  prepared: Awaited<ReturnType<typeof prepareLive>>,
  options: TraceOptions,
  io: Io,
): Promise<Feed> {
  const { stracePath, version, source } = prepared;
  let watch: ProcessFacts | undefined;
  const extraEnv = straceEnv(io.env);
  // The kernel's view is read from sockscope's network namespace: it must be the program's.
  const wanted = options.kernelState && !options.stable;
  const kernel: (KernelSource & { ready?: Promise<void> }) | undefined = !wanted
    ? undefined
    : sameNetns(source)
      ? startKernelCollector(io.env.SOCKSCOPE_SS ? { ss: io.env.SOCKSCOPE_SS } : {})
      : kernelNote(
          "the traced processes are in another network namespace than sockscope: their sockets are not in its view",
        );
  // ss -E must be listening before the program's first socket can go.
  await kernel?.ready;
  const session: TraceSession = await startTrace({
    strace: stracePath,
    straceArgs: async (fifo) =>
      buildStraceArgs({
        version: await version,
        output: fifo,
        netOnly: options.netOnly,
        decodeFds: options.decodeFds,
        // strace is asked for at least CAPTURE_BYTES of each buffer, whatever the report shows
        // (redaction cuts and masks before anything is written): a DNS answer (names/) and a
        // test marker need their bytes. --no-payload shows none of them either way.
        stringLimit: Math.max(options.noPayload ? 0 : options.payload, CAPTURE_BYTES),
        extra: options.straceArg,
        unsetTz: extraEnv !== undefined,
        ...(options.inject.length > 0
          ? { inject: { args: injectArgs(options.inject), calls: injectedSyscalls(options.inject) } }
          : {}),
        ...(source.kind === "attach" ? { attach: source.pids } : {}),
      }),
    straceEnv: extraEnv,
    command: source.kind === "run" ? source.command : [],
    // attach: strace's messages are read for the reason it could not attach (nothing else writes
    // there). Under --tui the terminal belongs to the view: the program gets /dev/null (its stderr
    // is strace's, so strace's own messages go there too; a failure is diagnosed by a probe).
    captureStraceStderr: source.kind === "attach",
    programStdio: options.tui ? "ignore" : "inherit",
    passFds: io.inheritedFds,
    // What the caller gave sockscope reaches the program: its ignored signals, its closed fds 0-2.
    ignoreSignals: (io.ignoredSignals ?? []).map(signalNumber).filter((n) => n > 0),
    ...(source.kind === "run" && !options.tui ? { closeStdio: io.closedStdio ?? [] } : {}),
  }).catch((err: unknown) => {
    kernel?.close();
    throw err;
  });
  // The signals the trace shows each process getting, with when sockscope read them (the relay
  // asks whether the program already got a signal that sockscope got too).
  const seenSignals: { pid: number; signal: string; at: number }[] = [];
  const scanSignals = async function* (chunks: AsyncIterable<string>) {
    for await (const chunk of chunks) {
      if (chunk.includes("--- SIG")) {
        const at = Date.now();
        for (const m of chunk.matchAll(/^(?:\[pid +)?(\d+)\]? +(?:[\d.]+ +)?--- (SIG[A-Z0-9]+) /gm)) {
          seenSignals.push({ pid: Number(m[1]), signal: m[2] as string, at });
          if (seenSignals.length > 64) seenSignals.shift();
        }
      }
      yield chunk;
    }
  };
  const relay = createSignalRelay({
    sawSignal: (pid, signal, since) =>
      seenSignals.some((s) => s.pid === pid && s.signal === signal && s.at >= since),
    attach: source.kind === "attach",
    ignored: io.ignoredSignals ?? [],
    session,
    programPid: async () => watch?.root ?? (await session.programPid()),
    tracees: () => watch?.alive() ?? [],
  });
  // run: once the program has exited and only daemons it started are left, stop waiting for them.
  let handedOff = false;
  const stopWatching =
    source.kind === "run"
      ? watchForDaemons(
          () => watch,
          (pids) => {
            handedOff = true;
            relay.dispose();
            const what = pids.length === 1 ? "1 process" : `${pids.length} processes`;
            const one = pids.length === 1;
            io.stderr.write(
              `sockscope: the program exited; ${what} it started in a new session (${describePids(pids)}) ${one ? "keeps" : "keep"} running, still under strace until ${one ? "it ends" : "they end"} (not shown)\n`,
            );
            void session.handOff();
          },
        )
      : () => undefined;
  return {
    chunks: source.kind === "run" ? scanSignals(session.chunks) : session.chunks,
    live: true,
    ...(source.kind === "attach" ? { root: source.pids[0] } : {}),
    ...(kernel !== undefined ? { kernel } : {}),
    watch(processes) {
      watch = processes;
    },
    quit() {
      // q: a traced program is stopped (SIGTERM, then SIGKILL); an attached one is left running.
      if (source.kind === "attach") session.signalStrace("SIGINT");
      else void stopProgram(watch, session);
    },
    async end(traced) {
      stopWatching();
      if (handedOff) return programStatus(source, undefined, watch);
      const result = await session.done;
      if (result.exitCode !== 0 && !traced && !relay.interrupted) {
        throw source.kind === "attach"
          ? (explainStraceError(result.straceStderr) ??
              new SockscopeError("STRACE_FAILED", `strace exited with ${result.exitCode}`))
          : await straceFailure(stracePath, result, io);
      }
      return programStatus(source, result, watch);
    },
    async dispose() {
      stopWatching();
      relay.dispose();
      kernel?.close();
      await session.cleanup();
    },
  };
}
