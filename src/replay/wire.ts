// Recognising and reading sockscope's own JSON lines (`--json`) as input: one event per line,
// checked against the wire schema (events/schema.ts). Recognising them is sniff.ts (no zod).
import { type Event, EventSchema, SCHEMA_VERSION } from "../events/schema.js";

export type WireLine =
  | { ok: true; event: Event }
  | { ok: false; reason: string }
  /** Written by a newer sockscope: its schema version. */
  | { ok: false; newer: number };

/** One line of JSON lines: the event, or why it is not one. */
export function readWireLine(line: string): WireLine {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  const v = (o as { v?: unknown } | null)?.v;
  if (typeof v === "number" && v > SCHEMA_VERSION) return { ok: false, newer: v };
  const parsed = EventSchema.safeParse(o);
  // The line as written, once checked: zod's copy orders an object's keys as the schema lists them,
  // and the values (an argument's struct, an address) are written again as they were read.
  if (parsed.success) return { ok: true, event: o as Event };
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
  return {
    ok: false,
    reason: `not a sockscope v${SCHEMA_VERSION} event${where}: ${issue?.message ?? "invalid"}`,
  };
}
