// run, attach and demo: preflight, start strace, stream its trace through the pipeline into the
// report while the program runs, pass signals on, and turn the outcome into sockscope's exit status.
//
// Start-up is on the traced program's clock, so strace starts before the pipeline and the renderers
// are loaded (they load while the program runs: imported below, not at the top), its version is read
// while the FIFO is made, and ptrace is probed only when strace failed before the program started.
import { constants as osConstants } from "node:os";
import type { ProcessFacts } from "../core/model-view.js";
import { EXIT, SockscopeError } from "../errors.js";
import {
  checkPid,
  checkPtrace,
  explainStraceError,
  locateStrace,
  readStraceVersion,
  resolveCommand,
} from "../trace/preflight.js";
import { expandAttach } from "../trace/process-tree.js";
import { startTrace, type TraceResult, type TraceSession } from "../trace/session.js";
import { buildStraceArgs, straceEnv } from "../trace/strace-args.js";
import { editDistance } from "../util/edit-distance.js";
import { openOutput } from "./io.js";
import type { TraceOptions } from "./program.js";
import { createSignalRelay } from "./signals.js";
import { requireTerminal } from "./terminal.js";

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

/** The traced program's own status, as a shell would report it. */
function programStatus(target: TraceTarget, result: TraceResult, watch: ProcessFacts | undefined): number {
  if (target.kind === "attach") {
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

/** The modules that read and report the trace, loaded once strace is on its way. */
async function loadReporting() {
  const [pipeline, output, options, report, tui, verdict] = await Promise.all([
    import("../pipeline.js"),
    import("./output.js"),
    import("./pipeline-options.js"),
    import("./report.js"),
    import("./tui.js"),
    import("./verdict.js"),
  ]);
  return {
    createEventPipeline: pipeline.createEventPipeline,
    streamEventBatches: pipeline.streamEventBatches,
    openReport: output.openReport,
    pipelineOptions: options.pipelineOptions,
    writeReport: report.writeReport,
    runInteractive: tui.runInteractive,
    finalStatus: verdict.finalStatus,
    reportViolations: verdict.reportViolations,
  };
}

/**
 * strace ended without tracing anything of the program (run): its own message is already on
 * stderr; find out whether ptrace was refused, and say what to do.
 */
async function straceFailure(strace: string, result: TraceResult): Promise<SockscopeError> {
  const probe = await resolveCommand("true", process.env.PATH, process.cwd()).catch(() => undefined);
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

export async function runTraceCommand(target: TraceTarget, options: TraceOptions): Promise<number> {
  const env = process.env;
  const stracePath = await locateStrace(options.strace ?? env.SOCKSCOPE_STRACE, env.PATH, process.cwd());
  // Runs while the program is looked up and the FIFO is made; awaited when strace's flags are built.
  const version = readStraceVersion(stracePath);
  version.catch(() => undefined);
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
  } else {
    for (const pid of target.pids) checkPid(pid);
    // Also the processes they forked before the attach; the first pid named stays the root.
    target = { kind: "attach", pids: expandAttach(target.pids, options.children, process.stderr) };
  }
  const root = target.kind === "attach" ? target.pids[0] : undefined;

  if (options.tui) requireTerminal();
  // The report's file is opened before the program starts: a bad -o must not cost a run.
  const sink = await openOutput(options.output, process.stderr, process.stdout);
  // What the model knows of the trace's processes: the program's pid, its exit, who is alive.
  let watch: ProcessFacts | undefined;
  const extraEnv = straceEnv(env);
  const session: TraceSession = await startTrace({
    strace: stracePath,
    straceArgs: async (fifo) =>
      buildStraceArgs({
        version: await version,
        output: fifo,
        netOnly: options.netOnly,
        decodeFds: options.decodeFds,
        // strace is never asked for more bytes than will be shown.
        stringLimit: options.noPayload ? 0 : options.payload,
        extra: options.straceArg,
        unsetTz: extraEnv !== undefined,
        ...(target.kind === "attach" ? { attach: target.pids } : {}),
      }),
    straceEnv: extraEnv,
    command: target.kind === "run" ? target.command : [],
    // Under --tui the terminal belongs to the view: the program gets /dev/null, strace's messages are kept.
    captureStraceStderr: target.kind === "attach" || options.tui,
    programStdio: options.tui ? "ignore" : "inherit",
  });

  const relay = createSignalRelay({
    attach: target.kind === "attach",
    session,
    programPid: async () => watch?.root ?? (await session.programPid()),
    tracees: () => watch?.alive() ?? [],
  });
  try {
    const {
      createEventPipeline,
      streamEventBatches,
      openReport,
      pipelineOptions,
      writeReport,
      runInteractive,
      finalStatus,
      reportViolations,
    } = await loadReporting();
    const { renderer, format, tee, finish } = await openReport(options, process.stderr, sink);
    if (options.tui) {
      const pipeline = createEventPipeline(pipelineOptions({ ...options, explain: "full" }, true, root));
      watch = pipeline.view.processes;
      // q: a traced program is stopped (SIGTERM, then SIGKILL); an attached one is left running.
      const quit = () => {
        if (target.kind === "attach") session.signalStrace("SIGINT");
        else void stopProgram(watch, session);
      };
      const { summary } = await runInteractive(
        streamEventBatches(session.chunks, pipeline),
        options.all,
        quit,
      );
      const result = await session.done;
      const violated = reportViolations(summary, process.stderr, process.env.GITHUB_ACTIONS === "true");
      return finalStatus(programStatus(target, result, watch), violated);
    }
    let traced = false;
    const pipeline = createEventPipeline(pipelineOptions(options, true, root));
    watch = pipeline.view.processes;
    const summary = await writeReport(streamEventBatches(session.chunks, pipeline), renderer, sink, {
      summary: options.summary,
      selection: options.selection,
      all: options.all,
      json: format === "json",
      live: true,
      onEvent: (e) => {
        if (e.type === "syscall") traced = true;
        tee(e);
      },
    });
    const result = await session.done;
    await sink.close();
    await finish();
    if (result.exitCode !== 0 && !traced && !relay.interrupted) {
      throw target.kind === "attach"
        ? (explainStraceError(result.straceStderr) ??
            new SockscopeError("STRACE_FAILED", `strace exited with ${result.exitCode}`))
        : await straceFailure(stracePath, result);
    }
    const violated = reportViolations(summary, process.stderr, process.env.GITHUB_ACTIONS === "true");
    return finalStatus(programStatus(target, result, watch), violated);
  } finally {
    relay.dispose();
    await session.cleanup();
  }
}
