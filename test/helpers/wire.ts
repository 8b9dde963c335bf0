// The JSON-lines contract as tests check it: an internal event goes through the one projection the
// JSON sink uses (render/jsonl.ts `eventJson`) and must come out as a valid wire event.
import { expect } from "vitest";
import type { Stitched, TraceEvent } from "../../src/core/events.js";
import { type Event, EventSchema } from "../../src/events/schema.js";
import { eventJson } from "../../src/render/jsonl.js";

/** The wire form of an event, validated: throws with zod's description when it does not fit the schema. */
export function wireOf(e: TraceEvent | Stitched): Event {
  const line = eventJson(e);
  const result = EventSchema.safeParse(JSON.parse(line));
  if (!result.success) throw new Error(`not a valid wire event: ${line}\n${result.error.message}`);
  return result.data;
}

/** Every event's wire form validates, and parsing strips nothing from it (no key the schema lacks). */
export function expectWireValid(events: readonly (TraceEvent | Stitched)[]): void {
  for (const e of events) {
    const line = eventJson(e);
    const json: unknown = JSON.parse(line);
    const result = EventSchema.safeParse(json);
    expect(result.error, line).toBeUndefined();
    expect(result.data, line).toEqual(json);
  }
}
