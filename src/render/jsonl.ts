// JSON lines: one event per line, exactly the schema in src/events/schema.ts.
import type { Event } from "../events/schema.js";
import type { Renderer } from "./renderer.js";

export function createJsonRenderer(): Renderer {
  return { event: (e: Event) => `${JSON.stringify(e)}\n`, end: () => "" };
}
