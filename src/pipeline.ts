// The composition root: the only place the stages meet. Text in, events out:
//
//   parse (lines)  →  stitch (whole calls, births in order)  →  model (facts, connections)
//   →  explain  →  number (seq, once)  →  summary, policy, diagnostics  →  redact  →  [stable]
//
// Push-based, so it runs in constant memory on a trace of any length (--stable, which reorders the
// whole trace, excepted); `streamEventBatches` adapts it to async iterables for the CLI.
import { createTestTracker } from "./attribution/tracker.js";
import type {
  DiagnosticEvent,
  Explain,
  ModelEvent,
  Mutable,
  NetworkInventory,
  Stitched,
  SummaryEvent,
  SyscallEvent,
  TraceEvent,
  Violation,
} from "./core/events.js";
import type { MachineFacts } from "./core/kernel.js";
import type { TraceLine } from "./core/lines.js";
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from "./diagnostics/rule.js";
import { createDiagnostics } from "./diagnostics/stage.js";
import { SockscopeError } from "./errors.js";
import { SCHEMA_VERSION } from "./events/version.js";
import { createAnnotator, type ExplainOptions } from "./explain/annotate.js";
import { createModel, type ModelView } from "./model/model.js";
import { createProcesses } from "./model/processes.js";
import { createNameBook } from "./names/names.js";
import { createParser } from "./parse/parser.js";
import { createLineSplitter, MAX_SKIP } from "./parse/split-lines.js";
import { compareBaseline } from "./policy/baseline.js";
import { createPolicy, type PolicyOptions } from "./policy/policy.js";
import { createDumpRedactor } from "./redact/dump.js";
import {
  MAYBE_SECRET_PATH,
  maskDeep,
  maskSecrets,
  type RedactOptions,
  redactArgs,
  redactEvent,
} from "./redact/redact.js";
import { describeMachine } from "./replay/machine.js";
import { createRebuilder } from "./replay/rebuild.js";
import { readWireLine } from "./replay/wire.js";
import { createStabilizer } from "./stable/stabilize.js";
import { createStitcher } from "./stitch/stitcher.js";
import { createSummaryCounter } from "./summary/counter.js";
import { createInventory, entryKey, entryText } from "./summary/inventory.js";

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
  /**
   * The process whose exit is the program's (attach: the first pid named). By default the first
   * process the trace shows, which under an attach to several processes may be any of them.
   */
  root?: number;
  /**
   * A live trace: the traced machine's sysctls, written first as a "machine" note so that a trace
   * read later from its JSON lines explains with these values rather than the reader's.
   */
  machine?: MachineFacts;
  /** --baseline: the reviewed inventory this run is compared with (rules unexpected, missing). */
  baseline?: { file: string; inventory: NetworkInventory };
}

export interface EventPipeline {
  push(chunk: string): TraceEvent[];
  end(): TraceEvent[];
  /** What the model knows now (processes: the root, its exit, who is alive). */
  readonly view: ModelView;
  /** Why the input stopped being read: a line ran on past the parser's limit (see parse/split-lines.ts). */
  readonly abandoned: string | undefined;
}

const MAX_VIOLATIONS = 1000;

export function createEventPipeline(options: PipelineOptions = {}): EventPipeline {
  const parser = createParser();
  const stitcher = createStitcher();
  const model = createModel({ root: options.root });
  const diagnostics = createDiagnostics(options.diagnostics ?? DEFAULT_RULE_OPTIONS, model.view);
  const counter = createSummaryCounter();
  const inventory = createInventory();
  const tests = createTestTracker();
  const policy = options.policy ? createPolicy(options.policy) : undefined;
  const explain = options.explain === undefined ? undefined : createAnnotator(options.explain);
  const redact = options.redact;
  const dumps = redact === undefined ? undefined : createDumpRedactor(redact);
  const names = createNameBook();
  const violations: NonNullable<ReturnType<NonNullable<typeof policy>["check"]>> = [];
  let seq = 0;

  // Reused between calls: each stage appends to its array, the next one drains it.
  const lines: TraceLine[] = [];
  const stitched: Stitched[] = [];
  const modelled: ModelEvent[] = [];

  /** Numbers an event (its `seq` is given here and nowhere else), checks it, and emits it redacted. */
  const emit = (e: ModelEvent | DiagnosticEvent, out: TraceEvent[]) => {
    // A hex dump's lines are redacted together, before numbering: those past the payload limit go.
    if (dumps !== undefined) {
      if (e.type === "note" && e.note === "dump") {
        const shown = dumps.line(e);
        if (shown === null) return;
        e = shown;
      } else if (e.type !== "diagnostic") dumps.reset();
    }
    // Names first, from the whole bytes: the summary, the policy and every view then see them.
    e = names.name(e);
    e.seq = ++seq;
    // Per-test attribution reads the payload before redaction cuts or hides it.
    const test = tests.push(e);
    if (test !== undefined && (e.type === "connection" || e.type === "diagnostic"))
      (e as { test?: string }).test = test;
    counter.add(e);
    inventory.add(e);
    if (policy)
      for (const v of policy.check(e)) {
        if (violations.length >= MAX_VIOLATIONS) break;
        violations.push(inTest(v, test));
      }
    out.push(redact === undefined ? e : redacted(e, redact));
  };

  /** The model's events of one stitched event, each explained, numbered and diagnosed. */
  const finish = (out: TraceEvent[]) => {
    for (const e of modelled) {
      if (explain !== undefined && e.type === "syscall") {
        const x = explain(e);
        if (x) e.explain = x;
      }
      emit(e, out);
      for (const d of diagnostics.push(e)) emit(d, out);
    }
    modelled.length = 0;
  };

  // One stitched event at a time through the model and what reads it, so that the model's view
  // (which the diagnostics consult) is the state at that event, not ahead of it.
  const drain = (out: TraceEvent[]) => {
    for (const line of lines) stitcher.push(line, stitched);
    lines.length = 0;
    finish(out);
    for (const s of stitched) {
      model.push(s, modelled);
      finish(out);
    }
    stitched.length = 0;
  };

  // The machine note goes first, before anything the trace shows.
  let machine = options.machine;
  const head = (out: TraceEvent[]) => {
    if (machine === undefined) return;
    emit({ type: "note", seq: 0, lineNo: 0, note: "machine", text: describeMachine(machine), machine }, out);
    machine = undefined;
  };

  const inner: EventPipeline = {
    push(chunk) {
      const out: TraceEvent[] = [];
      head(out);
      parser.push(chunk, lines);
      drain(out);
      return out;
    },
    end() {
      const out: TraceEvent[] = [];
      head(out);
      parser.end(lines);
      drain(out);
      stitcher.flush(stitched);
      drain(out);
      model.flush(modelled);
      drain(out);
      for (const d of diagnostics.flush()) emit(d, out);
      if (options.summary !== false) {
        const network = inventory.result();
        const summary = counter.result(++seq, {
          lines: parser.lines,
          truncated: parser.truncated,
          processes: model.view.processes.count,
          violations,
          tests: tests.names,
        });
        summary.network = network;
        withBaseline(summary, options, violations, (key) => inventory.firstSeq(key));
        summary.hints.push(...names.hints());
        out.push(redact === undefined ? summary : redactEvent(summary, redact));
      }
      return out;
    },
    view: model.view,
    get abandoned() {
      return parser.abandoned;
    },
  };
  return options.stable ? stabilized(inner) : inner;
}

/** --stable: everything is held, then written in a run-independent order with stable names. */
function stabilized(inner: EventPipeline): EventPipeline {
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
    get abandoned() {
      return inner.abandoned;
    },
    view: inner.view,
  };
}

/**
 * The pipeline for sockscope's own JSON lines (`read` of a `--json` recording): each line is checked
 * against the wire schema and turned back into the internal event it was (replay/rebuild.ts), with
 * its recorded `seq`; nothing is parsed, modelled or diagnosed again. Explanations are told again at
 * the depth asked, with the recorded machine's sysctls when the trace has its "machine" note (else
 * the reader's, which then do not count as the traced machine's). --fail-on checks the events again
 * and its violations replace the recorded ones in the summary (none when no rule is asked). A line that is not an event becomes
 * an `unparsed` event, as a strace line not understood does; a line of a newer schema ends the read.
 */
export function createReplayPipeline(options: PipelineOptions = {}): EventPipeline {
  const splitter = createLineSplitter();
  const processes = createProcesses(options.root);
  const rebuilder = createRebuilder(processes);
  const policy = options.policy ? createPolicy(options.policy) : undefined;
  const violations: Violation[] = [];
  const explainOptions = options.explain;
  let explain: ((e: SyscallEvent) => Explain | undefined) | undefined;
  let seq = 0;
  const wire: Parameters<typeof rebuilder.push>[0][] = [];
  const rebuilt: TraceEvent[] = [];

  const told = (e: Mutable<SyscallEvent>) => {
    if (explainOptions === undefined) return;
    if (explain === undefined) {
      const machine = rebuilder.machine;
      explain = createAnnotator({
        ...explainOptions,
        ...(machine !== undefined ? { env: machine, envIsTraced: true } : { envIsTraced: false }),
      });
    }
    const recorded = e.explain;
    const x = explain(e);
    if (x !== undefined) e.explain = x;
    else if (recorded === undefined || explainOptions.depth === "none") delete e.explain;
    else if (explainOptions.depth === "brief") {
      // Not told again (a fact it needs is not in the JSON): the recorded one, at the depth asked.
      const { structures: _s, blocking: _b, layers: _l, ...brief } = recorded;
      e.explain = brief;
    }
  };

  const drain = (out: TraceEvent[]) => {
    for (const w of wire) rebuilder.push(w, rebuilt);
    wire.length = 0;
    for (const e of rebuilt) {
      if (e.type === "syscall") told(e);
      if (e.type === "summary") {
        // The verdict is the reader's: the rules asked now, not those of the recording.
        e.violations = violations;
        withBaseline(e, options, violations, () => undefined);
        if (e.tests !== undefined)
          e.tests = e.tests.map((t) => ({
            ...t,
            violations: violations.filter((v) => v.test === t.name).length,
          }));
        out.push(e);
        continue;
      }
      seq = Math.max(seq, e.seq);
      // Per-test attribution: the test the recording gave a connection or diagnostic (a call's
      // own test is not recorded, so a rule a call broke names none).
      const test = e.type === "connection" || e.type === "diagnostic" ? e.test : undefined;
      if (policy)
        for (const v of policy.check(e)) {
          if (violations.length >= MAX_VIOLATIONS) break;
          violations.push(inTest(v, test));
        }
      out.push(e);
    }
    rebuilt.length = 0;
  };

  const read = (lines: ReturnType<typeof splitter.push>, out: TraceEvent[]) => {
    for (const line of lines) {
      if (line.text.trim() === "") continue;
      const r = line.overlong === undefined ? readWireLine(line.text) : undefined;
      if (r?.ok === true) {
        wire.push(r.event);
        continue;
      }
      if (r !== undefined && "newer" in r)
        throw new SockscopeError(
          "INPUT_NOT_A_TRACE",
          `line ${line.lineNo} is sockscope JSON schema v${r.newer}, newer than this sockscope reads (v${SCHEMA_VERSION}): upgrade sockscope to read it`,
        );
      drain(out);
      const reason = r === undefined ? `a line of ${line.overlong} characters` : r.reason;
      out.push({ type: "unparsed", seq, lineNo: line.lineNo, raw: line.text, reason });
    }
    drain(out);
  };

  const inner: EventPipeline = {
    push(chunk) {
      const out: TraceEvent[] = [];
      read(splitter.push(chunk), out);
      return out;
    },
    end() {
      const out: TraceEvent[] = [];
      read(splitter.flush(), out);
      rebuilder.flush(rebuilt);
      drain(out);
      return out;
    },
    view: {
      processes,
      socket: () => undefined,
      sockets: () => [],
      fds: () => [],
    },
    get abandoned() {
      const line = splitter.abandoned;
      return line === undefined
        ? undefined
        : `line ${line.lineNo} runs past ${MAX_SKIP / (1024 * 1024)} MiB with no newline: this is not sockscope JSON`;
    },
  };
  return options.stable ? stabilized(inner) : inner;
}

/** A broken rule under per-test attribution: it names the test it broke in. */
function inTest(v: Violation, test: string | undefined): Violation {
  return test === undefined ? v : { ...v, test, message: `${v.message} (test: ${test})` };
}

/**
 * --baseline: what this run did beyond the baseline (rule `unexpected`) and what it lists that the
 * run did not do (rule `missing`, else only reported), into the summary and its violations.
 */
function withBaseline(
  summary: SummaryEvent,
  options: PipelineOptions,
  violations: Violation[],
  firstSeq: (key: string) => number | undefined,
): void {
  const baseline = options.baseline;
  if (baseline === undefined || summary.network === undefined) return;
  const { unexpected, missing } = compareBaseline(summary.network, baseline.inventory);
  summary.baseline = {
    file: baseline.file,
    unexpected: unexpected.map(entryText),
    missing: missing.map(entryText),
  };
  const rules = new Set(options.policy?.rules ?? []);
  const by = (e: { by?: string[] }) =>
    e.by !== undefined && e.by.length > 0 ? ` by ${e.by.join(", ")}` : "";
  if (rules.has("unexpected"))
    for (const u of unexpected)
      violations.push({
        rule: "unexpected",
        seq: firstSeq(entryKey(u)) ?? summary.seq,
        ...(u.address !== undefined || u.path !== undefined ? { address: u.address ?? u.path } : {}),
        ...(u.host !== undefined ? { host: u.host } : {}),
        message: `${entryText(u)}${by(u)}: not in the baseline ${baseline.file}`,
      });
  if (rules.has("missing"))
    for (const m of missing)
      violations.push({
        rule: "missing",
        seq: summary.seq,
        message: `${entryText(m)}: in the baseline ${baseline.file}, not seen in this run`,
      });
}

/** An event with its payload cut and secrets masked; a call keeps its identity (its arguments change). */
function redacted(e: ModelEvent | DiagnosticEvent, options: RedactOptions): TraceEvent {
  // Dump lines went through the dump redactor in `emit`.
  if (e.type === "note" && e.note === "dump") return e;
  if (e.type !== "syscall") return redactEvent(e, options);
  const args = redactArgs(e, options);
  if (args !== undefined) e.setArgs(args);
  // The fd's file path (from -y) is named by the program, like a unix socket's.
  if (e.path !== undefined && MAYBE_SECRET_PATH.test(e.path)) e.path = maskSecrets(e.path);
  // The model's views of the call's sockets hold their addresses, and the explanation quotes them:
  // a unix socket path that carries a credential is masked there too.
  for (const key of ["socket", "newSocket", "waited"] as const) {
    const view = e[key];
    if (view === undefined || (view.local?.path === undefined && view.remote?.path === undefined)) continue;
    const masked = maskDeep(view);
    if (masked === view) continue;
    e[key] = masked;
    if (e.explain !== undefined) e.explain = maskDeep(e.explain);
  }
  return e;
}

// A chunk is fed to the stages in slices of about this many characters, so that the events of one
// slice are rendered and dropped while they are still young: a 256 KiB chunk at once keeps
// thousands of events alive together, and V8 then promotes them to the old generation (more
// memory, slower collections).
const SLICE = 32 * 1024;

/** Runs the whole pipeline over async text chunks, yielding the events of each slice as one batch. */
export async function* streamEventBatches(
  chunks: AsyncIterable<string>,
  pipeline: EventPipeline,
): AsyncGenerator<TraceEvent[]> {
  reading: for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += SLICE) {
      const events = pipeline.push(chunk.length <= SLICE ? chunk : chunk.slice(at, at + SLICE));
      if (events.length > 0) yield events;
      // Not a trace (a line with no end): the rest is not read.
      if (pipeline.abandoned !== undefined) break reading;
    }
  }
  const rest = pipeline.end();
  if (rest.length > 0) yield rest;
}

/** Runs the whole pipeline over async text chunks, yielding events one by one. */
export async function* streamEvents(
  chunks: AsyncIterable<string>,
  options: PipelineOptions = {},
): AsyncGenerator<TraceEvent> {
  for await (const batch of streamEventBatches(chunks, createEventPipeline(options))) yield* batch;
}

/** Convenience for tests and small inputs: the events of a whole text. */
export function eventsFromText(text: string, options: PipelineOptions = {}): TraceEvent[] {
  const pipeline = createEventPipeline(options);
  return [...pipeline.push(text), ...pipeline.end()];
}
