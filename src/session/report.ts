// Writes a stream of events through a renderer into a sink, batching writes and stopping quietly
// when the reader goes away. Shared by read, run, attach and demo.
import type { SummaryEvent, TraceEvent } from "../core/events.js";
import { isNetworkStory } from "../render/filter.js";
import type { AnyRenderer } from "../render/renderer.js";
import { createSelector, isSelectingAll, type Selection } from "../render/select.js";
import type { Sink } from "./io.js";

export interface WriteOptions {
  /** Show every event in human views (not only the network story). JSON is never filtered. */
  all: boolean;
  json: boolean;
  /** Called for every event before rendering (the CLI follows pids and exits through it). */
  onEvent?: (e: TraceEvent) => void;
  /** Flush after every event batch the source yields, so a live trace shows up as it happens. */
  live: boolean;
  /** Write the summary at the end (--no-summary turns it off; it is still returned). */
  summary: boolean;
  /** --pid, --fd, --syscall, --conn, --errors-only (every format). */
  selection?: Selection;
}

/**
 * Output gathered as UTF-8 bytes, each event's text encoded as it comes: V8 encodes a short string
 * fast, but a long one that holds any non-ASCII character (the ↳ of an explanation) many times slower.
 */
function createByteBatch(sink: Sink) {
  const SIZE = 256 * 1024;
  let buffer = Buffer.allocUnsafe(SIZE);
  let used = 0;
  return {
    /** Whether `text` surely fits (UTF-8 takes at most 3 bytes per UTF-16 code unit). */
    fits: (text: string | Uint8Array) =>
      used + (typeof text === "string" ? text.length * 3 : text.length) <= SIZE,
    put(text: string | Uint8Array): void {
      if (typeof text === "string") used += buffer.write(text, used);
      else {
        buffer.set(text, used);
        used += text.length;
      }
    },
    get size() {
      return used;
    },
    async flush(): Promise<void> {
      if (used === 0) return;
      const bytes = buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(SIZE);
      used = 0;
      await sink.write(bytes);
    },
  };
}

/**
 * Which events a view shows: the selection (--pid, --fd, --syscall, --conn, --errors-only) in
 * every format, and in the human views only the network story unless --all. undefined: all.
 */
export function shownBy(options: {
  all: boolean;
  json: boolean;
  selection?: Selection | undefined;
}): ((e: TraceEvent) => boolean) | undefined {
  const network = options.json || options.all ? undefined : isNetworkStory;
  const selected =
    options.selection && !isSelectingAll(options.selection) ? createSelector(options.selection) : undefined;
  return network && selected ? (e: TraceEvent) => selected(e) && network(e) : (selected ?? network);
}

export interface ReportWriter {
  /** Renders a batch of events; in a live trace the batch is written at once. */
  write(group: readonly TraceEvent[]): Promise<void>;
  /** Writes the renderer's ending; returns the summary event seen, if any. */
  end(): Promise<SummaryEvent | undefined>;
  readonly summary: SummaryEvent | undefined;
}

/** A report being written: events in, filtered and rendered, out to the sink in batches. */
export function createReportWriter(renderer: AnyRenderer, sink: Sink, options: WriteOptions): ReportWriter {
  const batch = createByteBatch(sink);
  let summary: SummaryEvent | undefined;
  const filter = shownBy(options);
  const { onEvent } = options;
  return {
    get summary() {
      return summary;
    },
    async write(group) {
      for (const event of group) {
        onEvent?.(event);
        if (event.type === "summary") {
          summary = event;
          if (!options.summary) continue;
        } else if (filter && !filter(event)) continue;
        if (sink.closed) continue;
        const text = renderer.event(event);
        if (text.length === 0) continue;
        if (!batch.fits(text)) {
          await batch.flush();
          if (sink.closed) continue;
          // Longer than a whole batch (a huge argument): written as it is.
          if (!batch.fits(text)) {
            await sink.write(text);
            continue;
          }
        }
        batch.put(text);
      }
      // Live: write each batch as soon as it is ready.
      if (options.live && batch.size > 0 && !sink.closed) await batch.flush();
    },
    async end() {
      if (!sink.closed) {
        const last = renderer.end();
        if (batch.fits(last)) batch.put(last);
        else {
          await batch.flush();
          await sink.write(last);
        }
        await batch.flush();
      }
      return summary;
    },
  };
}

/** Writes a whole stream of event batches as one report; resolves to its summary event. */
export async function writeReport(
  batches: AsyncIterable<readonly TraceEvent[]>,
  renderer: AnyRenderer,
  sink: Sink,
  options: WriteOptions,
): Promise<SummaryEvent | undefined> {
  const writer = createReportWriter(renderer, sink, options);
  for await (const group of batches) await writer.write(group);
  return await writer.end();
}
