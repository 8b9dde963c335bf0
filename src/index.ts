// The public API: the pure pipeline stages and their types.

export type { Event, SummaryEvent, SyscallEvent } from "./events/schema.js";
export { EventSchema, SCHEMA_VERSION, SummaryEventSchema, SyscallEventSchema } from "./events/schema.js";
export { parseArgList, parseArgText } from "./parse/args.js";
export { parseLine } from "./parse/parse-line.js";
export type { Address, TraceLine, Value } from "./parse/schema.js";
export { TraceLineSchema, ValueSchema } from "./parse/schema.js";
export { createLineSplitter } from "./parse/split-lines.js";
export { createEventPipeline, eventsFromText, streamEvents } from "./pipeline.js";
export { createStitcher } from "./stitch/stitcher.js";
