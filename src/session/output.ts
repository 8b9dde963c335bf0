// Where the report goes and how it looks, decided once: the sink (a file, stdout or stderr), the
// format (pretty on a terminal, plain text otherwise, unless --format says), the colour level
// (NO_COLOR and FORCE_COLOR honoured) and the width to wrap to.

import { supportsColor } from "chalk";
import { SockscopeError } from "../errors.js";
import { type AnyRenderer, BINARY_FORMATS, type Format, RENDERERS } from "../render/renderer.js";
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
): { renderer: AnyRenderer; format: Format } {
  const isTTY = dest?.isTTY === true;
  const format: Format = options.format ?? (isTTY ? "pretty" : "text");
  if (isTTY && BINARY_FORMATS.has(format))
    throw new SockscopeError(
      "BAD_USAGE",
      `--format ${format} writes binary data, not text for a terminal: add -o FILE (e.g. -o trace.pcapng) or pipe it`,
    );
  const renderer = RENDERERS[format]({
    stable: options.stable,
    fold: options.fold,
    colorLevel: format === "pretty" ? colorLevel(env, isTTY) : 0,
    // A pseudo-terminal can report 0 columns: wrap at 100 then.
    columns: dest?.columns || 100,
    payload: { limit: options.payload, none: options.noPayload, mask: options.redact },
  });
  return { renderer, format };
}
