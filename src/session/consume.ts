// The heavy half of a session, loaded once the feed is on its way: the pipeline, and every sink a
// session writes to: the report (a file, stdout or stderr), the --summary-file Markdown, the
// interactive view, the progress line. Each event passes through all of them once, so the report
// a --tui run leaves in -o FILE is the one the same run without --tui would write.
import type { Explain, SummaryEvent, TraceEvent } from "../core/events.js";
import { SockscopeError } from "../errors.js";
import type { Depth } from "../explain/annotate.js";
import { createEventPipeline, createReplayPipeline, streamEventBatches } from "../pipeline.js";
import type { AnyRenderer } from "../render/renderer.js";
import { suggestedAllow, writeBaseline } from "./baseline.js";
import type { Feed } from "./feeds.js";
import type { Sink } from "./io.js";
import { withKernelState } from "./kernel-state.js";
import type { LessonRun } from "./lesson-hook.js";
import type { ReportOptions } from "./options.js";
import { colorLevel, reportRenderer } from "./output.js";
import { pipelineOptions } from "./pipeline-options.js";
import type { Io, Terminalish } from "./process-io.js";
import { createProgress } from "./progress.js";
import { createReportWriter, shownBy } from "./report.js";
import { createSummaryFile, summaryFilePath } from "./summary-file.js";
import { finalStatus, reportViolations } from "./verdict.js";

export interface ReportTarget {
  sink: Sink;
  /** The stream behind the sink (a terminal decides the format), or undefined for a file. */
  dest: Terminalish | undefined;
}

/** An async queue of events for the interactive view, fed as the pipeline produces them. */
function createEventQueue() {
  const items: TraceEvent[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    wake?.();
    wake = undefined;
  };
  return {
    push(events: readonly TraceEvent[]) {
      for (const e of events) items.push(e);
      poke();
    },
    end(error?: { error: unknown }) {
      ended = true;
      failure = error;
      poke();
    },
    async *events(): AsyncGenerator<TraceEvent> {
      for (;;) {
        while (items.length > 0) yield items.shift() as TraceEvent;
        if (failure) throw failure.error;
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}

const reduced = new WeakMap<Explain, Explain | undefined>();

/** An explanation told at a shallower depth (the view annotates fully; the report at --explain). */
function atDepth(x: Explain, depth: Depth): Explain | undefined {
  if (depth === "full") return x;
  if (depth === "none") return undefined;
  if (!reduced.has(x)) {
    const { structures: _s, blocking: _b, layers: _l, ...brief } = x;
    reduced.set(x, Object.freeze(brief));
  }
  return reduced.get(x);
}

/** Runs the feed through the pipeline into every sink; resolves to sockscope's exit status. */
export async function consume(
  feed: Feed,
  options: ReportOptions,
  report: ReportTarget | undefined,
  io: Io,
  lesson?: LessonRun,
): Promise<number> {
  const tui = options.tui;
  // The view lets the reader open any explanation in full; the report keeps the asked depth.
  const annotated = tui ? "full" : options.explain;
  const made = pipelineOptions({ ...options, explain: annotated }, feed.live, feed.root);
  const sysctls = made.explain?.env ?? {};
  const pipeline = (feed.input === "json" ? createReplayPipeline : createEventPipeline)(made);
  feed.watch(pipeline.view.processes);

  const summaryPath = summaryFilePath(options.summaryFile, io.env);
  const summaryFile =
    summaryPath === undefined ? undefined : createSummaryFile(summaryPath, { stable: options.stable });
  const reportOnTerminal = report !== undefined && report.dest?.isTTY === true;
  const progress = createProgress(
    io.stderr as NodeJS.WriteStream,
    !feed.live && !tui && io.stderr.isTTY === true && !reportOnTerminal && !io.env.CI,
    feed.size,
  );
  // What the report and the summary file see of an explanation: the depth asked, though the
  // view's events carry it in full. Swapped for one synchronous call, so the view keeps it whole.
  const told = <T>(e: TraceEvent, sink: (e: TraceEvent) => T): T => {
    if (annotated === options.explain || e.type !== "syscall" || e.explain === undefined) return sink(e);
    const full = e.explain;
    const shown = atDepth(full, options.explain);
    if (shown === undefined) delete e.explain;
    else e.explain = shown;
    try {
      return sink(e);
    } finally {
      e.explain = full;
    }
  };
  let traced = false;
  // A lesson's story around the report (sockscope lesson NAME): loaded only then.
  const hook =
    lesson === undefined
      ? undefined
      : (await import("./lesson-hook.js")).createLessonHook(
          lesson,
          report === undefined ? "text" : reportRenderer(options, report.dest, io.env).format,
          {
            colorLevel:
              report !== undefined && reportRenderer(options, report.dest, io.env).format === "pretty"
                ? colorLevel(io.env, report.dest?.isTTY === true)
                : 0,
            columns: report?.dest?.columns || 100,
          },
        );
  const onEvent = (e: TraceEvent) => {
    hook?.observe(e);
    if (e.type === "syscall") traced = true;
    progress.event(e);
    if (summaryFile !== undefined) told(e, summaryFile.event);
  };

  let writer: ReturnType<typeof createReportWriter> | undefined;
  if (report !== undefined) {
    const { renderer, format } = reportRenderer(options, report.dest, io.env);
    let render: AnyRenderer;
    if ("binary" in renderer) {
      // Bytes (pcap): the lesson's story has no place in them.
      render = { ...renderer, event: (e: TraceEvent) => told(e, renderer.event) };
    } else {
      const told_ = { ...renderer, event: (e: TraceEvent) => told(e, renderer.event) };
      render = hook === undefined ? told_ : hook.wrap(told_);
    }
    writer = createReportWriter(render, report.sink, {
      summary: options.summary,
      selection: options.selection,
      all: options.all,
      json: format === "json",
      live: feed.live,
    });
  }

  const queue = tui ? createEventQueue() : undefined;
  const shown = shownBy({ all: options.all, json: false, selection: options.selection });
  let view: Promise<void> | undefined;
  if (queue !== undefined) {
    const { runInteractive } = await import("./tui.js");
    view = runInteractive(queue.events(), io, () => feed.quit(), lesson?.lesson);
  }

  let summary: SummaryEvent | undefined;
  const counted = (async function* () {
    for await (const chunk of feed.chunks) {
      progress.chunk(chunk);
      yield chunk;
    }
  })();
  try {
    const batches = streamEventBatches(counted, pipeline);
    const joined =
      feed.kernel === undefined
        ? batches
        : withKernelState(batches, feed.kernel, {
            ...(sysctls.somaxconn !== undefined ? { somaxconn: sysctls.somaxconn } : {}),
          });
    for await (const batch of joined) {
      for (const e of batch) {
        onEvent(e);
        if (e.type === "summary") summary = e;
      }
      if (writer !== undefined) await writer.write(batch);
      queue?.push(shown === undefined ? batch : batch.filter(shown));
      // Nobody reads a log's report any more (`read log | head`): stop reading.
      if (!feed.live && !tui && report?.sink.closed === true) {
        feed.quit();
        break;
      }
    }
    // A line with no end (`read /dev/zero`): the pipeline stopped reading; nothing more will come.
    if (pipeline.abandoned !== undefined) feed.quit();
    queue?.end();
  } catch (err) {
    if (queue === undefined) throw err;
    // The view shows what broke the stream, and the session fails with it after the user quit.
    queue.end({ error: err });
  } finally {
    progress.done();
  }
  if (writer !== undefined) await writer.end();
  if (hook !== undefined && report !== undefined && !tui) {
    const { keyWaiter } = await import("./lesson-hook.js");
    const keys = keyWaiter(io.stdin as NodeJS.ReadStream);
    try {
      await hook.finish(report.sink, keys.wait);
    } finally {
      keys.done();
    }
  }
  await report?.sink.close();
  await summaryFile?.finish();
  // The view stays until the user quits; it rejects then with what broke the stream, if anything.
  await view;
  const status = await feed.end(traced);
  if (pipeline.abandoned !== undefined) throw new SockscopeError("INPUT_NOT_A_TRACE", pipeline.abandoned);
  if (options.recordBaseline !== undefined) writeBaseline(options.recordBaseline, summary);
  const violated = reportViolations(summary, io.stderr, io.env.GITHUB_ACTIONS === "true");
  if (options.suggestAllow === true) {
    const allow = suggestedAllow(summary);
    io.stderr.write(
      allow.length === 0
        ? "sockscope: --suggest-allow: no external connection to allow\n"
        : `sockscope: --suggest-allow: --allow '${allow.join(",")}'\n`,
    );
  }
  return finalStatus(status, violated);
}
