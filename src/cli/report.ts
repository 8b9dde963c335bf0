// Writes a stream of events through a renderer into a sink, batching writes and stopping quietly
// when the reader goes away. Shared by read, run, attach and demo.
import type { Event, SummaryEvent } from "../events/schema.js";
import { EVENT_BATCHES, type EventStream } from "../pipeline.js";
import { createNetworkFilter } from "../render/filter.js";
import type { Renderer } from "../render/renderer.js";
import { createSelector, isSelectingAll, type Selection } from "../render/select.js";
import type { Sink } from "./io.js";

export interface ReportOptions {
  /** Show every event in human views (not only the network story). JSON is never filtered. */
  all: boolean;
  json: boolean;
  /** Called for every event before rendering (the CLI follows pids and exits through it). */
  onEvent?: (e: Event) => void;
  /** Flush after every event batch the source yields, so a live trace shows up as it happens. */
  live: boolean;
  /** Write the summary at the end (--no-summary turns it off; it is still returned). */
  summary: boolean;
  /** --pid, --fd, --syscall, --conn, --errors-only (every format). */
  selection?: Selection;
}

export async function writeReport(
  events: AsyncIterable<Event>,
  renderer: Renderer,
  sink: Sink,
  options: ReportOptions,
): Promise<SummaryEvent | undefined> {
  let batch = "";
  let summary: SummaryEvent | undefined;
  const network = options.json || options.all ? undefined : createNetworkFilter();
  const selected =
    options.selection && !isSelectingAll(options.selection) ? createSelector(options.selection) : undefined;
  const filter = network && selected ? (e: Event) => selected(e) && network(e) : (selected ?? network);
  const { onEvent } = options;
  for await (const group of batchesOf(events)) {
    for (const event of group) {
      onEvent?.(event);
      if (event.type === "summary") {
        summary = event;
        if (!options.summary) continue;
      } else if (filter && !filter(event)) continue;
      batch += renderer.event(event);
      // Reading a file: up to 64 KiB per write.
      if (batch.length > 64 * 1024) {
        await sink.write(batch);
        batch = "";
        if (sink.closed) return summary;
      }
    }
    // Live: write each batch as soon as it is ready.
    if (options.live && batch.length > 0) {
      await sink.write(batch);
      batch = "";
      if (sink.closed) return summary;
    }
  }
  batch += renderer.end();
  await sink.write(batch);
  return summary;
}

/** The events in batches: whole as the pipeline made them (streamEvents), or one by one. */
function batchesOf(events: AsyncIterable<Event>): AsyncIterable<Event[]> {
  const take = (events as EventStream)[EVENT_BATCHES];
  if (take) return take();
  return (async function* () {
    for await (const event of events) yield [event];
  })();
}
