// Shared helpers for the parser, stitcher and property tests: reading the recorded strace logs under
// fixtures/logs, picking exact lines out of them, and feeding text to the streaming stages in chunks.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Stitched, TraceEvent } from "../../src/core/events.js";
import { parseLine } from "../../src/parse/parse-line.js";
import { createLineRejoiner } from "../../src/parse/rejoin.js";
import { createLineSplitter, type SplitLine } from "../../src/parse/split-lines.js";
import { createEventPipeline } from "../../src/pipeline.js";
import { createStitcher } from "../../src/stitch/stitcher.js";

export const LOGS_DIR = join(import.meta.dirname, "..", "..", "fixtures", "logs");

const cache = new Map<string, string>();

/** The names of all recorded logs (`tcp-echo.o-yy-tt-T.strace`, …), sorted. */
export function logNames(): string[] {
  return readdirSync(LOGS_DIR)
    .filter((f) => f.endsWith(".strace"))
    .sort();
}

/** The whole text of a recorded log. */
export function readLog(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(LOGS_DIR, name), "utf8");
    cache.set(name, text);
  }
  return text;
}

/** The physical lines of a log, without the final empty string after the last newline. */
export function logLines(name: string): string[] {
  const lines = readLog(name).split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Line `lineNo` (1-based) of a log, exactly as recorded. */
export function logLine(name: string, lineNo: number): string {
  const line = logLines(name)[lineNo - 1];
  if (line === undefined) throw new Error(`${name} has no line ${lineNo}`);
  return line;
}

/** The first line of a log matching `pattern`, with its 1-based number. Throws when there is none. */
export function findLine(name: string, pattern: RegExp | string): { line: string; lineNo: number } {
  const lines = logLines(name);
  const index = lines.findIndex((l) => (typeof pattern === "string" ? l.includes(pattern) : pattern.test(l)));
  const line = lines[index];
  if (line === undefined) throw new Error(`${name} has no line matching ${String(pattern)}`);
  return { line, lineNo: index + 1 };
}

/** Cuts `text` at the given indices (any order, duplicates and out-of-range values allowed). */
export function splitAt(text: string, indices: readonly number[]): string[] {
  const cuts = [...new Set(indices.map((i) => Math.max(0, Math.min(text.length, i))))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const cut of cuts) {
    chunks.push(text.slice(last, cut));
    last = cut;
  }
  chunks.push(text.slice(last));
  return chunks;
}

/** Cuts `text` into pieces of `size` characters (the last one shorter). */
export function chunksOf(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

/** Cuts `text` after every newline, so each chunk is one line with its terminator. */
export function linesWithNewlines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** Runs the line splitter over chunks and returns every line, flush included. */
export function splitChunks(chunks: readonly string[]): SplitLine[] {
  const splitter = createLineSplitter();
  const out: SplitLine[] = [];
  for (const chunk of chunks) out.push(...splitter.push(chunk));
  out.push(...splitter.flush());
  return out;
}

/** Runs the whole event pipeline over chunks, as the CLI does with a stream. */
export function feedChunks(chunks: readonly string[], options: { summary?: boolean } = {}): TraceEvent[] {
  const pipeline = createEventPipeline(options);
  const events: TraceEvent[] = [];
  for (const chunk of chunks) events.push(...pipeline.push(chunk));
  events.push(...pipeline.end());
  return events;
}

/**
 * The stages before the pipeline's own stderr repair: split, rejoin strace's spliced notes, parse each
 * line, stitch. For stitcher tests that want to look at one stage without the pipeline around it.
 */
export function stitchText(text: string): Stitched[] {
  const splitter = createLineSplitter();
  const rejoiner = createLineRejoiner();
  const stitcher = createStitcher();
  const out: Stitched[] = [];
  const take = (lines: SplitLine[]) => {
    for (const raw of lines) {
      for (const line of rejoiner.push(raw)) stitcher.push(parseLine(line.text, line.lineNo), out);
    }
  };
  take(splitter.push(text));
  take(splitter.flush());
  for (const line of rejoiner.flush()) stitcher.push(parseLine(line.text, line.lineNo, true), out);
  stitcher.flush(out);
  return out;
}

/** Parses lines (numbered from 1) and stitches them, flushing at the end. */
export function stitchLines(lines: readonly string[]): Stitched[] {
  const stitcher = createStitcher();
  const out: Stitched[] = [];
  lines.forEach((text, i) => {
    stitcher.push(parseLine(text, i + 1), out);
  });
  stitcher.flush(out);
  return out;
}
