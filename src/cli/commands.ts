// The read command (loaded by main.ts when it runs).
import { stat } from "node:fs/promises";
import { EXIT } from "../errors.js";
import { createEventPipeline, streamEventBatches } from "../pipeline.js";
import { textChunks } from "../util/text-chunks.js";
import { openInput } from "./io.js";
import { openReport } from "./output.js";
import { pipelineOptions } from "./pipeline-options.js";
import type { ReportOptions } from "./program.js";
import { createProgress } from "./progress.js";
import { writeReport } from "./report.js";
import { requireTerminal } from "./terminal.js";
import { runInteractive } from "./tui.js";
import { finalStatus, reportViolations } from "./verdict.js";

export async function runRead(file: string, options: ReportOptions): Promise<number> {
  if (options.tui) {
    requireTerminal(file === "-" ? "reads its keys from stdin, so the log must come from a file" : undefined);
    const input = await openInput(file, process.stdin);
    const pipeline = createEventPipeline(pipelineOptions({ ...options, explain: "full" }, false));
    const { summary } = await runInteractive(
      streamEventBatches(textChunks(input), pipeline),
      options.all,
      () => input.destroy(),
    );
    return finalStatus(
      EXIT.ok,
      reportViolations(summary, process.stderr, process.env.GITHUB_ACTIONS === "true"),
    );
  }
  const input = await openInput(file, process.stdin);
  const { sink, renderer, format, tee, finish } = await openReport(options, process.stdout);
  const reportOnTerminal =
    options.output === undefined || options.output === "-" ? process.stdout.isTTY === true : false;
  const progress = createProgress(
    process.stderr,
    process.stderr.isTTY === true && !reportOnTerminal && !process.env.CI,
    file === "-" ? undefined : (await stat(file)).size,
  );
  const counted = (async function* () {
    for await (const chunk of textChunks(input)) {
      progress.chunk(chunk);
      yield chunk;
    }
  })();
  const pipeline = createEventPipeline(pipelineOptions(options, false));
  const summary = await writeReport(streamEventBatches(counted, pipeline), renderer, sink, {
    all: options.all,
    json: format === "json",
    live: false,
    summary: options.summary,
    selection: options.selection,
    onEvent: (e) => {
      progress.event(e);
      tee(e);
    },
  });
  progress.done();
  await sink.close();
  await finish();
  if (sink.closed) input.destroy();
  const violated = reportViolations(summary, process.stderr, process.env.GITHUB_ACTIONS === "true");
  return finalStatus(EXIT.ok, violated);
}
