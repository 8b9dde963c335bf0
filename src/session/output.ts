// Where the report goes and how it looks, decided once: the sink (a file, stdout or stderr), the
// format (pretty on a terminal, plain text otherwise, unless --format says), the colour level
// (NO_COLOR and FORCE_COLOR honoured) and the width to wrap to.

import { supportsColor } from "chalk";
import { type Format, RENDERERS, type Renderer } from "../render/renderer.js";
import type { ReportOptions } from "./options.js";
import type { Terminalish } from "./process-io.js";

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
 * The renderer for a report written to `dest` (undefined: a file): pretty on a terminal, plain
 * text elsewhere, unless --format says.
 */
export function reportRenderer(
  options: ReportOptions,
  dest: Terminalish | undefined,
  env: NodeJS.ProcessEnv,
): { renderer: Renderer; format: Format } {
  const isTTY = dest?.isTTY === true;
  const format: Format = options.format ?? (isTTY ? "pretty" : "text");
  const renderer = RENDERERS[format]({
    stable: options.stable,
    fold: options.fold,
    colorLevel: format === "pretty" ? colorLevel(env, isTTY) : 0,
    // A pseudo-terminal can report 0 columns: wrap at 100 then.
    columns: dest?.columns || 100,
  });
  return { renderer, format };
}
