// For every recorded log: our per-syscall call and error counts equal strace's own -C table of the
// same run, no line is left unparsed (except program output mixed in on purpose), and every event's
// JSON line (the wire projection, render/jsonl.ts) validates against the published schema.
import { describe, expect, test } from "vitest";
import type { SummaryEvent } from "../src/core/events.js";
import { EventSchema } from "../src/events/schema.js";
import { eventsFromText } from "../src/pipeline.js";
import { eventJson } from "../src/render/jsonl.js";
import { MIXED_OUTPUT_LOGS, recordedLogs } from "./helpers/logs.js";
import { countsOf, parseStraceSummary } from "./helpers/strace-summary.js";

const logs = recordedLogs();

const wellFormed = logs.filter((log) => !MIXED_OUTPUT_LOGS.has(log.name));

describe.each(logs.map((log) => ({ ...log, label: log.name })))("$label", (log) => {
  const events = eventsFromText(log.text);

  test("ends with a summary, every event's JSON line schema-valid", () => {
    expect(events.at(-1)?.type).toBe("summary");
    for (const e of events) {
      const line = eventJson(e);
      const parsed = EventSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${line.slice(0, 300)}\n${parsed.error.message}`);
      // The wire form is the event itself: nothing the schema does not know is written.
      expect(parsed.data).toEqual(JSON.parse(line));
    }
  });
});

describe.each(wellFormed.map((log) => ({ ...log, label: log.name })))("$label (well-formed)", (log) => {
  const events = eventsFromText(log.text);
  const summary = events.at(-1) as SummaryEvent;

  test("counts equal strace -C", () => {
    if (log.summary === undefined) throw new Error(`${log.name} has no .summary file`);
    expect(countsOf(summary.syscalls)).toEqual(parseStraceSummary(log.summary));
  });

  test("has no unparsed lines", () => {
    expect(events.filter((e) => e.type === "unparsed")).toEqual([]);
  });
});

test("there are recorded logs of every scenario", () => {
  const scenarios = new Set(logs.map((l) => l.name.split(".")[0]));
  for (const s of [
    "tcp-echo",
    "forking-server",
    "udp",
    "unix",
    "nonblocking-connect",
    "ipv6",
    "threads",
    "errors",
  ]) {
    expect(scenarios).toContain(s);
  }
});

test("program output mixed into strace's stderr is accounted for, line by line", () => {
  // fixtures/README.md: the program writes 7 chunks to its stderr, which strace shares; each
  // lands inside strace's own line for that write(2, …) and splits it in two. The halves are joined
  // again; where the program's text itself ends like a strace line (`… 5) = 5`), that line counts as
  // the call and the real tail (`) = 39`) is reported as not understood instead of being lost.
  const log = logs.find((l) => l.name === "mixed-stderr.err-yy-tt.strace");
  if (!log) throw new Error("missing mixed-stderr log");
  const events = eventsFromText(log.text);
  const unparsed = events.filter((e) => e.type === "unparsed");
  expect(unparsed.map((u) => u.raw.replace(/<[\d.]+>/, "<T>"))).toEqual([") = 39 <T>", ") = 40 <T>"]);
  const writes = events.filter((e) => e.type === "syscall" && e.name === "write");
  expect(writes.map((w) => (w.type === "syscall" ? w.ret : null))).toEqual([6, 13, 19, 5, 29, 0, 21]);
  const summary = events.at(-1) as SummaryEvent;
  expect(countsOf(summary.syscalls)).toEqual(parseStraceSummary(log.summary ?? ""));
});
