// Composes the pure stages: text chunks → lines → trace lines → stitched events → summary.
// The only place the stages meet. Push-based so it runs in constant memory on any trace length;
// `streamEvents` adapts it to async iterables for the CLI.

import { DEFAULT_RULE_OPTIONS, type RuleOptions } from "./diagnostics/rule.js";
import { createDiagnostics } from "./diagnostics/stage.js";
import type { Event, ModelEvent } from "./events/schema.js";
import { annotate, type ExplainOptions } from "./explain/annotate.js";
import { NO_RETURN, parseLine } from "./parse/parse-line.js";
import { createLineRejoiner } from "./parse/rejoin.js";
import { createLineSplitter, type SplitLine } from "./parse/split-lines.js";
import { createPolicy, type PolicyOptions, type Violation } from "./policy/policy.js";
import { type RedactOptions, redactEvent } from "./redact/redact.js";
import { createSocketTracker } from "./sockets/tracker.js";
import { createStabilizer } from "./stable/stabilize.js";
import { createStitcher } from "./stitch/stitcher.js";
import { createSummaryCounter } from "./summary/counter.js";

const BROKEN_TAIL = /^\)\s+= /;

export interface PipelineOptions {
  /** Emit a final `summary` event (default true). */
  summary?: boolean;
  /** Annotate syscall events with the kernel's side of the story (default: none). */
  explain?: ExplainOptions;
  /** Thresholds and machine facts for the diagnostics (default: DEFAULT_RULE_OPTIONS). */
  diagnostics?: RuleOptions;
  /** --stable: hold everything and write it in a run-independent order with stable names. */
  stable?: boolean;
  /** --fail-on: the rules to check; violations go into the summary. */
  policy?: PolicyOptions;
  /** Cut buffers and mask credentials in everything written (the CLI always sets it). */
  redact?: RedactOptions;
}

const MAX_VIOLATIONS = 1000;

export interface EventPipeline {
  push(chunk: string): Event[];
  end(): Event[];
}

export function createEventPipeline(options: PipelineOptions = {}): EventPipeline {
  const splitter = createLineSplitter();
  const rejoiner = createLineRejoiner();
  const stitcher = createStitcher();
  const tracker = createSocketTracker();
  const diagnostics = createDiagnostics(options.diagnostics ?? DEFAULT_RULE_OPTIONS);
  const counter = createSummaryCounter();
  let lines = 0;
  let truncated = false;
  let lastSeq = 0;
  const explain = options.explain?.depth === "none" ? undefined : options.explain;

  // Stitched events go through the socket model, which may add connection events; `seq` is the
  // order of the final stream.
  const policy = options.policy ? createPolicy(options.policy) : undefined;
  const violations: Violation[] = [];
  const number = (e: Event, out: Event[]) => {
    e.seq = ++lastSeq;
    if (e.type !== "summary") counter.add(e);
    if (policy) for (const v of policy.check(e)) if (violations.length < MAX_VIOLATIONS) violations.push(v);
    out.push(options.redact ? redactEvent(e, options.redact) : e);
  };
  const emit = (events: ModelEvent[], out: Event[]) => {
    for (const e of events) {
      if (explain && e.type === "syscall") {
        const x = annotate(e, explain);
        if (x) e.explain = x;
      }
      number(e, out);
      for (const d of diagnostics.push(e)) number(d, out);
    }
  };
  const collect = (events: ReturnType<typeof stitcher.push>, out: Event[]) => {
    for (const e of events) emit(tracker.push(e), out);
  };
  // A syscall line the traced program's own stderr output broke in two (`write(2, "hi\n", 3hi` then
  // `) = 3`): held back one line so the halves can be joined again.
  let broken: SplitLine | null = null;
  const parse = (line: SplitLine, out: Event[]) => {
    if (line.truncated) truncated = true;
    if (broken) {
      const first = broken;
      broken = null;
      if (BROKEN_TAIL.test(line.text)) {
        collect(stitcher.push(parseLine(first.text + line.text, first.lineNo, line.truncated === true)), out);
        return;
      }
      collect(stitcher.push(parseLine(first.text, first.lineNo, first.truncated === true)), out);
    }
    const parsed = parseLine(line.text, line.lineNo, line.truncated === true);
    if (parsed.kind === "unparsed" && parsed.reason === NO_RETURN && !line.truncated) {
      broken = line;
      return;
    }
    collect(stitcher.push(parsed), out);
  };
  const feed = (split: SplitLine[], out: Event[]) => {
    for (const raw of split) {
      lines++;
      for (const line of rejoiner.push(raw)) parse(line, out);
    }
  };

  const inner = {
    push(chunk: string): Event[] {
      const out: Event[] = [];
      feed(splitter.push(chunk), out);
      return out;
    },
    end(): Event[] {
      const out: Event[] = [];
      feed(splitter.flush(), out);
      for (const line of rejoiner.flush()) parse(line, out);
      if (broken) {
        collect(stitcher.push(parseLine(broken.text, broken.lineNo, broken.truncated === true)), out);
        broken = null;
      }
      collect(stitcher.flush(), out);
      emit(tracker.flush(), out);
      for (const d of diagnostics.flush()) number(d, out);
      if (options.summary !== false) out.push(counter.result(lastSeq + 1, lines, truncated, violations));
      return out;
    },
  };
  if (!options.stable) return inner;
  const stabilizer = createStabilizer();
  return {
    push(chunk) {
      for (const e of inner.push(chunk)) stabilizer.push(e);
      return [];
    },
    end() {
      for (const e of inner.end()) stabilizer.push(e);
      return stabilizer.end();
    },
  };
}

// A chunk is fed to the stages in slices of about this many characters, so that the events of one
// slice are rendered and dropped while they are still young: a 256 KiB chunk at once keeps
// thousands of events alive together, and V8 then promotes them to the old generation (more
// memory, slower collections).
const SLICE = 32 * 1024;

/** Runs the whole pipeline over async text chunks, yielding the events of each chunk as one batch. */
export async function* streamEventBatches(
  chunks: AsyncIterable<string>,
  options: PipelineOptions = {},
): AsyncGenerator<Event[]> {
  const pipeline = createEventPipeline(options);
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += SLICE) {
      const events = pipeline.push(chunk.length <= SLICE ? chunk : chunk.slice(at, at + SLICE));
      if (events.length > 0) yield events;
    }
  }
  const rest = pipeline.end();
  if (rest.length > 0) yield rest;
}

/** Where `streamEvents` keeps its batches, for consumers that take them whole (cli/report.ts). */
export const EVENT_BATCHES: unique symbol = Symbol("sockscope.eventBatches");

export type EventStream = AsyncGenerator<Event> & { [EVENT_BATCHES]?: () => AsyncIterable<Event[]> };

/**
 * Runs the whole pipeline over async text chunks, yielding events as they complete. A consumer
 * that handles whole batches (one per chunk, far fewer awaits) iterates `stream[EVENT_BATCHES]()`
 * instead; either way the chunks are read once.
 */
export function streamEvents(chunks: AsyncIterable<string>, options: PipelineOptions = {}): EventStream {
  let batches: AsyncGenerator<Event[]> | undefined;
  const take = () => {
    if (batches) throw new Error("streamEvents: the stream is already being read");
    batches = streamEventBatches(chunks, options);
    return batches;
  };
  async function* events(): AsyncGenerator<Event> {
    for await (const batch of take()) yield* batch;
  }
  return Object.assign(events(), { [EVENT_BATCHES]: take });
}

/** Convenience for tests and small inputs: the events of a whole text. */
export function eventsFromText(text: string, options: PipelineOptions = {}): Event[] {
  const pipeline = createEventPipeline(options);
  return [...pipeline.push(text), ...pipeline.end()];
}
