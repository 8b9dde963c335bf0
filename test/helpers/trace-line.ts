// The exact shape of what parseLine returns (src/core/lines.ts), as a strict zod schema: tests check
// parser output with it, so a key the types do not describe, or a value of the wrong kind, fails.
// Decoded values and decorations reuse the wire schema's definitions (src/events/schema.ts).
import { expect } from "vitest";
import { z } from "zod";
import { NOTE_KINDS } from "../../src/core/events.js";
import type { TraceLine } from "../../src/core/lines.js";
import { DecorationSchema, ValueSchema } from "../../src/events/schema.js";

const where = {
  lineNo: z.number().int().positive(),
  pid: z.number().int().nonnegative().nullable(),
  time: z.number().optional(),
  rel: z.number().optional(),
};

const ReturnSchema = z.strictObject({
  value: z.number().nullable(),
  text: z.string().min(1),
  errno: z.string().optional(),
  errnoText: z.string().optional(),
  decoration: DecorationSchema.optional(),
  detail: z.string().optional(),
  injected: z.boolean().optional(),
  delayed: z.boolean().optional(),
});

const name = z.string().regex(/^[A-Za-z_]\w*$/);

export const TraceLineSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("syscall"),
    ...where,
    name,
    argsText: z.string(),
    ret: ReturnSchema,
    duration: z.number().optional(),
  }),
  z.strictObject({ kind: z.literal("unfinished"), ...where, name, argsText: z.string() }),
  z.strictObject({
    kind: z.literal("resumed"),
    ...where,
    name,
    argsText: z.string(),
    ret: ReturnSchema.nullable(),
    duration: z.number().optional(),
  }),
  z.strictObject({ kind: z.literal("detached"), ...where, name, argsText: z.string() }),
  z.strictObject({
    kind: z.literal("signal"),
    ...where,
    signal: z.string().min(1),
    info: ValueSchema.optional(),
    stopped: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("exit"),
    ...where,
    code: z.number().int().optional(),
    signal: z.string().optional(),
    coreDumped: z.boolean().optional(),
    supersededBy: z.number().int().optional(),
  }),
  z.strictObject({
    kind: z.literal("note"),
    ...where,
    note: z.enum(NOTE_KINDS).exclude(["stitch"]),
    subject: z.number().int().optional(),
    text: z.string(),
  }),
  z.strictObject({
    kind: z.literal("unparsed"),
    lineNo: z.number().int().positive(),
    raw: z.string(),
    reason: z.string().min(1),
    noReturn: z.boolean().optional(),
  }),
]);

/**
 * Fails unless `line` is exactly a TraceLine: parsing throws on a wrong value or an unknown key at
 * the top, and what the nested schemas strip (an unknown key in a decoration) makes the copy differ.
 */
export function expectTraceLine(line: TraceLine): TraceLine {
  expect(TraceLineSchema.parse(line)).toEqual(line);
  return line;
}
