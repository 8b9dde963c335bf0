// Over-long lines and lines that never end (fixtures/hostile/README-bounded.md): the splitter keeps
// at most MAX_LINE characters of a line, an over-long line becomes one `unparsed` event with its
// head, and the rejoining of strace's embedded notes stays linear. Time limits are stated per test;
// the memory limits are in bounded.live.test.ts (the built CLI under --max-old-space-size).
import { describe, expect, it } from "vitest";
import type { TraceLine } from "../../src/core/lines.js";
import { createParser } from "../../src/parse/parser.js";
import { createLineSplitter, LINE_HEAD, MAX_LINE, MAX_SKIP } from "../../src/parse/split-lines.js";
import { createEventPipeline } from "../../src/pipeline.js";

const CLOSE = "4000 1700000000.000002 close(3) = 0 <0.000010>\n";

describe("line-length cap", () => {
  it("keeps the head of a 3 MiB line fed in 64 KiB chunks, and the next line whole", () => {
    const splitter = createLineSplitter();
    const line = `4000 1700000000.000001 write(3, "${"a".repeat(3 * 1024 * 1024)}", 4) = 4\n${CLOSE}`;
    const out = [];
    for (let at = 0; at < line.length; at += 64 * 1024)
      out.push(...splitter.push(line.slice(at, at + 64 * 1024)));
    out.push(...splitter.flush());
    expect(out).toHaveLength(2);
    expect(out[0]?.text).toHaveLength(LINE_HEAD);
    expect(out[0]?.text.startsWith("4000 1700000000.000001 write(3,")).toBe(true);
    expect(out[0]?.overlong).toBe(line.indexOf("\n"));
    expect(out[1]).toEqual({ text: CLOSE.trimEnd(), lineNo: 2 });
  });

  it("makes an over-long line in one chunk one unparsed event, and reads on", () => {
    const pipeline = createEventPipeline({ summary: false });
    const text = `${"x".repeat(MAX_LINE + 1)}\n${CLOSE}`;
    const events = [...pipeline.push(text), ...pipeline.end()];
    expect(events.map((e) => e.type)).toEqual(["unparsed", "syscall"]);
    const first = events[0];
    expect(first?.type === "unparsed" && first.raw.length).toBe(LINE_HEAD);
    expect(first?.type === "unparsed" && first.reason).toMatch(/longer than 1 MiB \(1048577 characters\)/);
    expect(pipeline.abandoned).toBeUndefined();
  });

  it("gives up on a line that runs past 64 MiB with no newline (read /dev/zero), within 10 s", () => {
    const started = Date.now();
    const pipeline = createEventPipeline({ summary: false });
    const zeros = "\0".repeat(1024 * 1024);
    const events = [];
    let fed = 0;
    while (pipeline.abandoned === undefined && fed < 2 * MAX_SKIP) {
      events.push(...pipeline.push(zeros));
      fed += zeros.length;
    }
    events.push(...pipeline.end());
    expect(pipeline.abandoned).toMatch(/line 1 runs past 64 MiB with no newline: this is not a strace log/);
    expect(fed).toBe(MAX_SKIP);
    expect(events.map((e) => e.type)).toEqual(["unparsed"]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("strace's embedded notes at the end of every line", () => {
  it("parses 40,000 lines that all end in `strace: Process 1 attached` in under 5 s", () => {
    const started = Date.now();
    const parser = createParser();
    const out: TraceLine[] = [];
    const line = '100 1.0 write(3, "x", 1strace: Process 1 attached\n';
    for (let i = 0; i < 400; i++) parser.push(line.repeat(100), out);
    parser.end(out);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Every note is still its own line; no line grows past the join bound.
    expect(out.filter((l) => l.kind === "note").length).toBe(40_000);
    expect(Math.max(...out.map((l) => (l.kind === "unparsed" ? l.raw.length : 0)))).toBeLessThan(2000);
  });

  it("still joins a clone line that one note broke in two", () => {
    const parser = createParser();
    const out: TraceLine[] = [];
    parser.push(
      "100 1.0 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLDstrace: Process 101 attached\n" +
        ", child_tidptr=0x7f0) = 101\n",
      out,
    );
    parser.end(out);
    expect(out.map((l) => l.kind)).toEqual(["syscall", "note"]);
  });
});
