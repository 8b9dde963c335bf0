// Where the report goes and how it looks, decided once: the sink (a file, stdout or stderr), the
// format (pretty on a terminal, plain text otherwise, unless --format says), the colour level
// (NO_COLOR and FORCE_COLOR honoured) and the width to wrap to.

import type { Writable } from "node:stream";
import { supportsColor } from "chalk";
import type { TraceEvent as Event } from "../core/events.js";
import { type Format, RENDERERS, type Renderer } from "../render/renderer.js";
import { openOutput, type Sink } from "./io.js";
import type { ReportOptions } from "./program.js";
import { createSummaryFile, summaryFilePath } from "./summary-file.js";

export interface Report {
  sink: Sink;
  renderer: Renderer;
  format: Format;
  /** Feeds the --summary-file Markdown, if any; call `finish` after the last event. */
  tee: (e: Event) => void;
  finish: () => Promise<void>;
}

type Level = 0 | 1 | 2 | 3;

export function colorLevel(env: NodeJS.ProcessEnv, isTTY: boolean): Level {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "false" && env.FORCE_COLOR !== "0") {
    return supportsColor ? (supportsColor.level as Level) || 1 : 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (!isTTY || env.TERM === "dumb") return 0;
  return supportsColor ? (supportsColor.level as Level) : 1;
}

/**
 * Opens the report's destination (unless `opened` is it already); `fallback` is where it goes
 * without -o (stderr when tracing, stdout for read).
 */
export async function openReport(
  options: ReportOptions,
  fallback: Writable & { isTTY?: boolean; columns?: number },
  opened?: Sink,
): Promise<Report> {
  const sink = opened ?? (await openOutput(options.output, fallback, process.stdout));
  const dest = options.output === undefined ? fallback : options.output === "-" ? process.stdout : undefined;
  const isTTY = dest?.isTTY === true;
  const format: Format = options.format ?? (isTTY ? "pretty" : "text");
  const renderer = RENDERERS[format]({
    stable: options.stable,
    colorLevel: format === "pretty" ? colorLevel(process.env, isTTY) : 0,
    // A pseudo-terminal can report 0 columns: wrap at 100 then.
    columns: (dest as { columns?: number } | undefined)?.columns || 100,
  });
  const path = summaryFilePath(options.summaryFile, process.env);
  const summary = path === undefined ? undefined : createSummaryFile(path, { stable: options.stable });
  return {
    sink,
    renderer,
    format,
    tee: (e) => summary?.event(e),
    finish: async () => {
      await summary?.finish();
    },
  };
}
