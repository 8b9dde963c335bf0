// The public API: the pure pipeline and its stages, the internal event types, and the JSON-lines
// contract (its zod schemas, and the projection that writes it).

export type { SummaryEvent, SyscallEvent, TraceEvent } from "./core/events.js";
export type { TraceLine } from "./core/lines.js";
export { SYSCALLS, type SyscallSpec, specOf } from "./core/syscalls.js";
export type { Address, Value } from "./core/values.js";
export type { Event, WireSummaryEvent, WireSyscallEvent } from "./events/schema.js";
export {
  EventSchema,
  SCHEMA_VERSION,
  SummaryEventSchema,
  SyscallEventSchema,
  ValueSchema,
} from "./events/schema.js";
export { parseArgList, parseArgText } from "./grammar/args.js";
export { parseLine } from "./parse/parse-line.js";
export { createLineSplitter } from "./parse/split-lines.js";
export { createEventPipeline, eventsFromText, streamEventBatches, streamEvents } from "./pipeline.js";
export { eventJson } from "./render/jsonl.js";
export { createStitcher } from "./stitch/stitcher.js";
