// The Chrome trace-event format as sockscope writes it (`--format perfetto`), as a zod schema, and
// the checks a schema cannot make: every flow arrow has both ends and each end lies inside a slice
// of its thread, every async begin has its end, and a thread's slices never overlap (a viewer drops
// or misnests overlapping complete events). Shared by the unit and the live tests.
import { expect } from "vitest";
import { z } from "zod";

const pid = z.number().int().nonnegative();
const ts = z.number().nonnegative();
const args = z.record(z.string(), z.unknown());

const complete = z.strictObject({
  ph: z.literal("X"),
  cat: z.enum(["syscall", "net"]),
  name: z.string().min(1),
  pid,
  tid: pid,
  ts,
  dur: z.number().nonnegative(),
  args: args.and(z.object({ args: z.string(), ret: z.union([z.string(), z.number(), z.null()]) })),
});
const metadata = z.strictObject({
  ph: z.literal("M"),
  name: z.enum(["process_name", "thread_name"]),
  pid,
  tid: pid.optional(),
  args: z.strictObject({ name: z.string() }),
});
const instant = z.strictObject({
  ph: z.literal("i"),
  cat: z.enum(["signal", "exit", "diagnostic"]),
  name: z.string().min(1),
  s: z.enum(["g", "p", "t"]),
  pid: pid.optional(),
  tid: pid.optional(),
  ts,
  args,
});
const flowStart = z.strictObject({
  ph: z.literal("s"),
  cat: z.literal("flow"),
  name: z.enum(["connect → accept", "bytes"]),
  id: z.number().int().positive(),
  pid,
  tid: pid,
  ts,
});
const flowEnd = flowStart.extend({ ph: z.literal("f"), bp: z.literal("e") });
const asyncBegin = z.strictObject({
  ph: z.literal("b"),
  cat: z.literal("connection"),
  name: z.string().min(1),
  id: z.number().int().nonnegative(),
  pid,
  tid: pid,
  ts,
  args: args.and(z.object({ bytesIn: z.number(), bytesOut: z.number(), outcome: z.string() })),
});
const asyncEnd = asyncBegin.omit({ args: true }).extend({ ph: z.literal("e") });

export const TraceEventSchema = z.discriminatedUnion("ph", [
  complete,
  metadata,
  instant,
  flowStart,
  flowEnd,
  asyncBegin,
  asyncEnd,
]);
export const TraceSchema = z.strictObject({
  traceEvents: z.array(TraceEventSchema),
  displayTimeUnit: z.literal("ms"),
  otherData: z.record(z.string(), z.unknown()).and(z.object({ generator: z.literal("sockscope") })),
});
export type Trace = z.infer<typeof TraceSchema>;
export type TraceItem = z.infer<typeof TraceEventSchema>;
export type Slice = z.infer<typeof complete>;
export type Flow = { id: number; name: string; from: Slice; to: Slice };

/** The slice of thread `tid` in process `pid` that holds time `t`. */
function sliceAt(slices: Slice[], pid: number, tid: number, t: number): Slice | undefined {
  return slices.find((s) => s.pid === pid && s.tid === tid && s.ts <= t && t <= s.ts + s.dur);
}

/**
 * Parses and checks a trace: the schema, flows with both ends inside slices, async begins with their
 * ends, no overlapping slices on a thread. Returns it with its flows resolved to the slices they join.
 */
export function checkTrace(text: string): { trace: Trace; slices: Slice[]; flows: Flow[] } {
  const parsed = TraceSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const trace = parsed.data;
  const slices = trace.traceEvents.filter((e): e is Slice => e.ph === "X");

  const byThread = new Map<number, Slice[]>();
  for (const s of slices) byThread.set(s.tid, [...(byThread.get(s.tid) ?? []), s]);
  for (const [tid, list] of byThread) {
    const sorted = [...list].sort((a, b) => a.ts - b.ts);
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1] as Slice;
      const after = sorted[i] as Slice;
      if (after.ts < before.ts + before.dur - 1e-6)
        throw new Error(
          `thread ${tid}: ${after.name} at ${after.ts} overlaps ${before.name} at ${before.ts}`,
        );
    }
  }

  const starts = new Map<number, Extract<TraceItem, { ph: "s" }>>();
  const ends = new Map<number, Extract<TraceItem, { ph: "f" }>>();
  for (const e of trace.traceEvents) {
    if (e.ph === "s") {
      expect(starts.has(e.id), `flow ${e.id} starts twice`).toBe(false);
      starts.set(e.id, e);
    } else if (e.ph === "f") {
      expect(ends.has(e.id), `flow ${e.id} ends twice`).toBe(false);
      ends.set(e.id, e);
    }
  }
  expect([...starts.keys()].sort()).toEqual([...ends.keys()].sort());
  const flows: Flow[] = [];
  for (const [id, s] of starts) {
    const f = ends.get(id);
    if (f === undefined) throw new Error(`flow ${id} has no end`);
    expect(f.name).toBe(s.name);
    const from = sliceAt(slices, s.pid, s.tid, s.ts);
    const to = sliceAt(slices, f.pid, f.tid, f.ts);
    if (from === undefined || to === undefined)
      throw new Error(`flow ${id} (${s.name}) is not inside slices`);
    flows.push({ id, name: s.name, from, to });
  }

  const open = new Map<number, number>();
  for (const e of trace.traceEvents) {
    if (e.ph === "b") open.set(e.id, (open.get(e.id) ?? 0) + 1);
    if (e.ph === "e") {
      expect(open.get(e.id), `async end ${e.id} without its begin`).toBeGreaterThan(0);
      open.set(e.id, (open.get(e.id) ?? 0) - 1);
    }
  }
  for (const [id, n] of open) expect(n, `async ${id} begun and never ended`).toBe(0);
  return { trace, slices, flows };
}
