// The renderer registry: one entry per --format, chosen once at the edge (cli/main.ts).
import type { TraceEvent } from "../core/events.js";
import type { Format } from "./formats.js";
import { createJsonRenderer } from "./jsonl.js";
import { createMarkdownRenderer } from "./markdown.js";
import { createMermaidRenderer } from "./mermaid.js";
import { createPcapRenderer } from "./pcap/pcap.js";
import { createPerfettoRenderer } from "./perfetto.js";
import { createPrettyRenderer } from "./pretty.js";
import { createTextRenderer } from "./text.js";

export interface Renderer {
  /** The text for one event ("" to show nothing). */
  event(e: TraceEvent): string;
  /** Anything to write after the last event. */
  end(): string;
}

/** A renderer whose report is bytes (pcap): the same contract, with bytes for text. */
export interface BinaryRenderer {
  readonly binary: true;
  event(e: TraceEvent): Uint8Array;
  end(): Uint8Array;
}

export type AnyRenderer = Renderer | BinaryRenderer;

export interface RenderOptions {
  /** --stable: pids are stable numbers, shown as p1, p2… */
  stable?: boolean;
  /** Colour level for the pretty view (0: none), decided once at the edge. */
  colorLevel?: 0 | 1 | 2 | 3;
  /** Terminal width to wrap to. */
  columns?: number;
  /**
   * Text and pretty: fold long runs of data calls on one socket into one line (default true;
   * --no-fold turns it off). The other formats keep every event anyway.
   */
  fold?: boolean;
  /** What the trace may show of payload (--payload, --no-payload): pcap says so in its comments. */
  payload?: { limit: number; none: boolean; mask?: boolean };
}

export const RENDERERS = {
  pretty: createPrettyRenderer,
  text: createTextRenderer,
  json: createJsonRenderer,
  markdown: createMarkdownRenderer,
  mermaid: createMermaidRenderer,
  perfetto: createPerfettoRenderer,
  pcap: createPcapRenderer,
} as const satisfies Record<Format, (options?: RenderOptions) => AnyRenderer>;

export { BINARY_FORMATS, FORMATS, type Format } from "./formats.js";
