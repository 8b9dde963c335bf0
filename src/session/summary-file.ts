// --summary-file FILE: the Markdown report appended to a file (a CI job summary). Under GitHub
// Actions, GITHUB_STEP_SUMMARY is used unless --summary-file none.
import { appendFile } from "node:fs/promises";
import type { TraceEvent as Event } from "../core/events.js";
import { SockscopeError } from "../errors.js";
import { createMarkdownRenderer } from "../render/markdown.js";
import type { RenderOptions } from "../render/renderer.js";

export function summaryFilePath(option: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (option === "none") return undefined;
  return option ?? env.GITHUB_STEP_SUMMARY ?? undefined;
}

/** A second renderer that sees every event and appends its Markdown to `path` at the end. */
export function createSummaryFile(path: string, options: RenderOptions) {
  const markdown = createMarkdownRenderer(options);
  return {
    event: (e: Event) => {
      markdown.event(e);
    },
    async finish() {
      try {
        await appendFile(path, `${markdown.end()}\n`);
      } catch (cause) {
        const message = cause instanceof Error ? cause.message : String(cause);
        throw new SockscopeError("OUTPUT_UNWRITABLE", `cannot append the summary to '${path}': ${message}`, {
          cause,
        });
      }
    },
  };
}
