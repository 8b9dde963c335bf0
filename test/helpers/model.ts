// Runs the stages up to the socket model (parse, stitch, model) over strace lines, for tests that
// look at the model's facts and connection events without the pipeline's later stages.
import type { ConnectionEvent, ModelEvent, StitchedCall } from "../../src/core/events.js";
import { createModel, type Model } from "../../src/model/model.js";
import { stitchLines, stitchText } from "./fixtures.js";

export interface Modelled {
  events: ModelEvent[];
  model: Model;
  /** The syscalls, with the facts the model set. */
  calls: StitchedCall[];
  connections: ConnectionEvent[];
}

function run(stitched: ReturnType<typeof stitchLines>): Modelled {
  const model = createModel();
  const events: ModelEvent[] = [];
  for (const e of stitched) model.push(e, events);
  model.flush(events);
  return {
    events,
    model,
    calls: events.filter((e): e is StitchedCall => e.type === "syscall"),
    connections: events.filter((e): e is ConnectionEvent => e.type === "connection"),
  };
}

/** Parses and stitches lines (numbered from 1), then runs the model over them and flushes it. */
export function modelLines(lines: readonly string[]): Modelled {
  return run(stitchLines(lines));
}

/** The same for a whole log text (split, rejoin, parse, stitch, model). */
export function modelText(text: string): Modelled {
  return run(stitchText(text));
}
