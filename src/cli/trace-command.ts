// run, attach and demo: preflight, start strace, stream its trace through the pipeline into the
// report while the program runs, pass signals on, and turn the outcome into sockscope's exit status.
import { constants as osConstants } from "node:os";
import { EXIT, SockscopeError } from "../errors.js";
import type { Event } from "../events/schema.js";
import { streamEvents } from "../pipeline.js";
import { checkPid, checkPtrace, explainStraceError, findStrace, resolveCommand } from "../trace/preflight.js";
import { startTrace, type TraceResult, type TraceSession } from "../trace/session.js";
import { buildStraceArgs } from "../trace/strace-args.js";
import { editDistance } from "../util/edit-distance.js";
import { openReport } from "./output.js";
import { pipelineOptions } from "./pipeline-options.js";
import type { TraceOptions } from "./program.js";
import { writeReport } from "./report.js";
import { createSignalRelay } from "./signals.js";
import { requireTerminal } from "./terminal.js";
import { runInteractive } from "./tui.js";
import { finalStatus, reportViolations } from "./verdict.js";

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

export type TraceTarget = { kind: "run"; command: string[] } | { kind: "attach"; pids: number[] };

function signalNumber(name: string): number {
  return (osConstants.signals as Record<string, number>)[name] ?? 0;
}

/** Follows the trace's processes: which are alive, and how the first one (the program) ended. */
function createProcessWatch() {
  const alive = new Set<number>();
  let root: number | undefined;
  let rootExit: { code?: number; signal?: string } | undefined;
  let execFailure: string | undefined;
  let execSeen = false;
  return {
    onEvent(e: Event) {
      if (e.type === "syscall" || e.type === "signal") {
        if (root === undefined && e.pid !== 0) root = e.pid;
        alive.add(e.pid);
        // The program's own first execve (strace runs it): did the kernel refuse to start it?
        if (e.type === "syscall" && e.name === "execve" && e.pid === root && !execSeen) {
          execSeen = e.errno === undefined;
          execFailure = e.errno;
        }
      } else if (e.type === "exit") {
        alive.delete(e.pid);
        if (e.pid === root && e.supersededBy === undefined) {
          rootExit = {};
          if (e.code !== undefined) rootExit.code = e.code;
          if (e.signal !== undefined) rootExit.signal = e.signal;
        }
      }
    },
    get root() {
      return root;
    },
    get alive() {
      return [...alive];
    },
    get rootExit() {
      return rootExit;
    },
    /** The errno of the program's execve when it never started (strace then exits 1). */
    get execFailure() {
      return execSeen ? undefined : execFailure;
    },
  };
}

/** Ends a traced program from the interactive view: SIGTERM, then SIGKILL if it is still there. */
async function stopProgram(
  watch: ReturnType<typeof createProcessWatch>,
  session: TraceSession,
): Promise<void> {
  const pid = watch.root ?? (await session.programPid());
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
    for (const p of watch.alive) if (p > 1) send("SIGKILL");
    send("SIGKILL");
  }, 1000);
  await session.done;
  clearTimeout(timer);
}

/** The traced program's own status, as a shell would report it. */
function programStatus(
  target: TraceTarget,
  result: TraceResult,
  watch: ReturnType<typeof createProcessWatch>,
): number {
  if (target.kind === "attach") {
    const exit = watch.rootExit;
    if (exit?.signal !== undefined) return 128 + signalNumber(exit.signal);
    return exit?.code ?? EXIT.ok;
  }
  if (result.signal !== null) return 128 + signalNumber(result.signal);
  // Like a shell: a program that cannot be found is 127, one that cannot be executed 126.
  const failure = watch.execFailure;
  if (failure !== undefined && result.exitCode === 1)
    return failure === "ENOENT" ? EXIT.notFound : EXIT.notExecutable;
  return result.exitCode ?? 1;
}

export async function runTraceCommand(target: TraceTarget, options: TraceOptions): Promise<number> {
  const env = process.env;
  const strace = await findStrace(options.strace ?? env.SOCKSCOPE_STRACE, env.PATH, process.cwd());
  if (target.kind === "run") {
    const [program] = target.command;
    if (program === undefined)
      throw new SockscopeError(
        "BAD_USAGE",
        "no program to trace: sockscope [options] -- <program> [args...]",
      );
    await resolveCommand(program, env.PATH, process.cwd()).catch((err: unknown) => {
      throw withCommandSuggestion(err, program);
    });
    const probe = await resolveCommand("true", env.PATH, process.cwd()).catch(() => undefined);
    if (probe !== undefined) await checkPtrace(strace.path, probe);
  } else {
    for (const pid of target.pids) checkPid(pid);
  }

  if (options.tui) requireTerminal();
  const { sink, renderer, format, tee, finish } = await openReport(options, process.stderr);
  const watch = createProcessWatch();
  const session: TraceSession = await startTrace({
    strace: strace.path,
    straceArgs: (fifo) =>
      buildStraceArgs({
        version: strace.version,
        output: fifo,
        netOnly: options.netOnly,
        // strace is never asked for more bytes than will be shown.
        stringLimit: options.noPayload ? 0 : options.payload,
        extra: options.straceArg,
        ...(target.kind === "attach" ? { attach: target.pids } : {}),
      }),
    command: target.kind === "run" ? target.command : [],
    // Under --tui the terminal belongs to the view: the program gets /dev/null, strace's messages are kept.
    captureStraceStderr: target.kind === "attach" || options.tui,
    programStdio: options.tui ? "ignore" : "inherit",
  });

  const relay = createSignalRelay({
    attach: target.kind === "attach",
    session,
    programPid: async () => watch.root ?? (await session.programPid()),
    tracees: () => watch.alive,
  });
  try {
    if (options.tui) {
      const events = streamEvents(session.chunks, pipelineOptions({ ...options, explain: "full" }, true));
      const followed = (async function* () {
        for await (const e of events) {
          if (!options.stable) watch.onEvent(e);
          yield e;
        }
      })();
      // q: a traced program is stopped (SIGTERM, then SIGKILL); an attached one is left running.
      const quit = () => {
        if (target.kind === "attach") session.signalStrace("SIGINT");
        else void stopProgram(watch, session);
      };
      const { summary } = await runInteractive(followed, options.all, quit);
      const result = await session.done;
      const violated = reportViolations(summary, process.stderr, process.env.GITHUB_ACTIONS === "true");
      return finalStatus(programStatus(target, result, watch), violated);
    }
    const summary = await writeReport(
      streamEvents(session.chunks, pipelineOptions(options, true)),
      renderer,
      sink,
      {
        summary: options.summary,
        selection: options.selection,
        all: options.all,
        json: format === "json",
        live: true,
        // Under --stable the events carry renumbered pids: never follow (or signal) those.
        onEvent: options.stable
          ? tee
          : (e) => {
              watch.onEvent(e);
              tee(e);
            },
      },
    );
    const result = await session.done;
    await sink.close();
    await finish();
    if (target.kind === "attach" && result.exitCode !== 0 && watch.root === undefined && !relay.interrupted) {
      throw (
        explainStraceError(result.straceStderr) ??
        new SockscopeError("STRACE_FAILED", `strace exited with ${result.exitCode}`)
      );
    }
    const violated = reportViolations(summary, process.stderr, process.env.GITHUB_ACTIONS === "true");
    return finalStatus(programStatus(target, result, watch), violated);
  } finally {
    relay.dispose();
    await session.cleanup();
  }
}
