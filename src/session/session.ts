// The session service: one trace, from one source (a log, a program it runs, processes it attaches
// to), shown in one view (a report, or the interactive view) and written to its sinks (the report
// file, the --summary-file Markdown). It owns what every mode shares: the checks before anything
// starts, the exit-status policy, strace-failure diagnosis and cleanup. cli/ only maps argv to a
// SessionSpec; tests run whole sessions in process with their own streams.
//
// Start-up is on the traced program's clock, so strace starts before the pipeline and the renderers
// are loaded (consume.ts is imported once the feed is on its way).
import { SockscopeError } from "../errors.js";
import { type Feed, openLogFeed, prepareLive, type Source, startLiveFeed } from "./feeds.js";
import { openOutput, type Sink } from "./io.js";
import type { LessonRun } from "./lesson-hook.js";
import type { ReportOptions, TraceOptions } from "./options.js";
import type { Io, Terminalish } from "./process-io.js";

export type { Source };

export type SessionSpec =
  | { source: { kind: "read"; file: string }; options: ReportOptions }
  | {
      source: { kind: "run"; command: string[] } | { kind: "attach"; pids: number[] };
      options: TraceOptions;
      /** sockscope lesson NAME: the story told around the trace. */
      lesson?: LessonRun;
    };

/** What --tui cannot be combined with: refused with exit 2 before anything runs. */
function checkView(spec: SessionSpec, io: Io): void {
  const { options, source } = spec;
  if (!options.tui) return;
  const refuse = (why: string) => {
    throw new SockscopeError("BAD_USAGE", `--tui ${why}`);
  };
  if (source.kind === "read" && source.file === "-")
    refuse("reads its keys from stdin, so the log must come from a file (sockscope read --tui FILE)");
  if (options.output === "-") refuse("draws on stdout, so the report cannot go there too: give -o FILE");
  if (options.format !== undefined && options.output === undefined)
    refuse(`takes the terminal: a ${options.format} report needs -o FILE beside it`);
  if (!io.stdin.isTTY || !io.stdout.isTTY)
    refuse("needs a terminal on stdin and stdout; use --format text or json otherwise");
}

/**
 * Where the report goes: -o FILE, "-" (stdout), or by default stdout for a log and stderr for a
 * live trace (the program owns stdout). Under --tui only -o FILE writes one.
 */
async function openReportTarget(
  spec: SessionSpec,
  io: Io,
): Promise<{ sink: Sink; dest: Terminalish | undefined } | undefined> {
  const { options } = spec;
  if (options.tui && options.output === undefined) return undefined;
  const fallback = spec.source.kind === "read" ? io.stdout : io.stderr;
  const sink = await openOutput(options.output, fallback, io.stdout);
  const dest = options.output === undefined ? fallback : options.output === "-" ? io.stdout : undefined;
  return { sink, dest };
}

/** Runs one session to its end; resolves to sockscope's exit status (see README, exit codes). */
export async function runSession(spec: SessionSpec, io: Io): Promise<number> {
  checkView(spec, io);
  let feed: Feed;
  let report: Awaited<ReturnType<typeof openReportTarget>>;
  if (spec.source.kind === "read") {
    feed = await openLogFeed(spec.source.file, io);
    try {
      report = await openReportTarget(spec, io);
    } catch (err) {
      await feed.dispose();
      throw err;
    }
  } else {
    const options = spec.options as TraceOptions;
    const prepared = await prepareLive(spec.source, options, io);
    // The report's file is opened before the program starts: a bad -o must not cost a run.
    report = await openReportTarget(spec, io);
    try {
      feed = await startLiveFeed(prepared, options, io);
    } catch (err) {
      await report?.sink.close().catch(() => undefined);
      throw err;
    }
  }
  try {
    const { consume } = await import("./consume.js");
    const lesson = "lesson" in spec ? spec.lesson : undefined;
    return await consume(feed, spec.options, report, io, lesson);
  } finally {
    await feed.dispose();
  }
}
