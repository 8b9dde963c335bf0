// What the components show, computed from events and rows: one line per event, the connection table's
// cells and the explanation pane's lines. Pure, and every string from the trace goes through
// sanitizeText here, so components only lay text out.
import { assertNever } from "../../core/assert-never.js";
import type { SyscallEvent, TraceEvent } from "../../core/events.js";

type Event = TraceEvent;

import { formatExplain, formatLayers } from "../explain-text.js";
import { formatCall, formatConnection } from "../text.js";
import { sanitizeText } from "./sanitize.js";
import { clipGraphemes, displayWidth, fitPrefix, fitToWidth, truncateToWidth } from "./text-width.js";
import type { ConnectionRow } from "./trace-store.js";

export type Tone = "normal" | "error" | "warning" | "info" | "dim";

export interface EventLineModel {
  seq: number;
  /** Seconds since the first event, or "" when the trace has no times. */
  time: string;
  pid: string;
  text: string;
  tone: Tone;
}

/** Longer lines are cut before layout: nobody reads 800 bytes of a binary read() on one line. */
const MAX_LINE = 2000;

function clean(text: string): string {
  // Cut between graphemes: a surrogate pair split in half would show as a replacement character.
  return sanitizeText(clipGraphemes(text, MAX_LINE));
}

function exitText(e: Extract<Event, { type: "exit" }>): string {
  if (e.supersededBy !== undefined) return `+++ superseded by execve in pid ${e.supersededBy} +++`;
  if (e.signal !== undefined) return `+++ killed by ${e.signal}${e.coreDumped ? " (core dumped)" : ""} +++`;
  return `+++ exited with ${e.code} +++`;
}

export function eventLine(e: Event, origin: number | undefined): EventLineModel {
  const t = e.type === "connection" ? e.closed : "time" in e ? e.time : undefined;
  const time = origin === undefined || t === undefined ? "" : (t - origin).toFixed(6);
  const pid = "pid" in e && e.pid !== undefined ? String(e.pid) : "";
  const line = (text: string, tone: Tone): EventLineModel => ({
    seq: e.seq,
    time,
    pid,
    text: clean(text),
    tone,
  });
  switch (e.type) {
    case "syscall":
      return line(formatCall(e), e.errno !== undefined || e.incomplete !== undefined ? "error" : "normal");
    case "signal":
      return line(`--- ${e.signal}${e.stopped ? " (stopped)" : ""} ---`, "warning");
    case "exit":
      return line(exitText(e), "dim");
    case "note":
      return line(`(${e.text})`, "dim");
    case "connection":
      return line(formatConnection(e), e.outcome === "closed" ? "info" : "warning");
    case "diagnostic":
      return line(`!! ${e.severity} ${e.code}: ${e.message}`, e.severity === "error" ? "error" : "warning");
    case "unparsed":
      return line(`line ${e.lineNo} not understood (${e.reason}): ${e.raw}`, "error");
    case "summary":
      return line("-- summary --", "dim");
    default:
      return assertNever(e, "event");
  }
}

// ---- the connection table ----

export interface TableLayout {
  header: string;
  lines: string[];
}

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GiB`;
}

interface Column {
  title: string;
  right?: boolean;
  /** The least width, so that columns jump less as rows change. */
  min: number;
  value: (r: ConnectionRow) => string;
}

const ALL_COLUMNS: Column[] = [
  { title: "conn", min: 4, value: (r) => `#${r.id}` },
  { title: "pid", min: 3, value: (r) => String(r.pid) },
  { title: "transport", min: 9, value: (r) => (r.role ? `${r.transport} ${r.role}` : r.transport) },
  {
    title: "local → remote",
    min: 14,
    value: (r) => `${r.local ?? "?"}${r.remote !== undefined ? ` → ${r.remote}` : ""}`,
  },
  { title: "state", min: 10, value: (r) => r.state },
  { title: "in", right: true, min: 4, value: (r) => size(r.bytesIn) },
  { title: "out", right: true, min: 4, value: (r) => size(r.bytesOut) },
  { title: "outcome", min: 7, value: (r) => r.outcome ?? "open" },
  // The kernel's view, when taken (live traces with kernel state): the round trip and retransmits.
  // Last, and shown only when some row has it.
  {
    title: "rtt/retr",
    min: 8,
    value: (r) =>
      r.kernel === undefined
        ? ""
        : `${r.kernel.rttMs === undefined ? "-" : `${r.kernel.rttMs.toFixed(1)}ms`}/${r.kernel.retransmits ?? 0}`,
  },
];
/** The column that gives way when the table is wider than the terminal. */
const FLEX = 3;
const GAP = "  ";

/** One text line per row, the columns sized (in terminal columns) to the rows shown and fitted to `width`. */
export function connectionTable(rows: readonly ConnectionRow[], width: number): TableLayout {
  const columns = rows.some((r) => r.kernel !== undefined) ? ALL_COLUMNS : ALL_COLUMNS.slice(0, -1);
  const cells = rows.map((r) => columns.map((c) => sanitizeText(c.value(r))));
  const widths = columns.map((c, i) =>
    Math.max(c.min, displayWidth(c.title), ...cells.map((row) => displayWidth(row[i] ?? ""))),
  );
  const others =
    widths.reduce((sum, w, i) => (i === FLEX ? sum : sum + w), 0) + GAP.length * (columns.length - 1);
  widths[FLEX] = Math.max(12, Math.min(widths[FLEX] ?? 0, width - others));
  // Cut at the width here too (the other columns' least widths can add up to more than a narrow
  // terminal has): ink's own cut can leave a wide character over the edge.
  const line = (values: readonly string[]) =>
    truncateToWidth(
      columns
        .map((c, i) => fitToWidth(values[i] ?? "", widths[i] ?? 0, c.right))
        .join(GAP)
        .trimEnd(),
      width,
    );
  return { header: line(columns.map((c) => c.title)), lines: cells.map(line) };
}

// ---- the explanation pane ----

export interface PaneLine {
  text: string;
  tone: Tone;
  /** Continuation lines of a wrapped line keep the label's indent. */
  indent?: number;
}

function textLines(out: PaneLine[], label: string, text: string, tone: Tone = "normal"): void {
  out.push({ text: clean(`${label}${text}`), tone, indent: label.length });
}

/** What the pane says about an event: the summary at brief, the whole kernel story at full. */
export function explainLines(e: Event | undefined, depth: "brief" | "full"): PaneLine[] {
  if (!e) return [{ text: "no event selected", tone: "dim" }];
  const out: PaneLine[] = [];
  switch (e.type) {
    case "syscall":
      syscallLines(out, e, depth);
      break;
    case "connection": {
      textLines(out, "", formatConnection(e), "info");
      const options = Object.entries(e.options);
      if (options.length) textLines(out, "options: ", options.map(([k, v]) => `${k}=${v}`).join(", "));
      const errors = Object.entries(e.errors);
      if (errors.length) textLines(out, "errors: ", errors.map(([k, n]) => `${k} ×${n}`).join(", "), "error");
      if (e.inherited) textLines(out, "", "already open when first seen (inherited)", "dim");
      break;
    }
    case "diagnostic":
      textLines(out, `${e.severity} ${e.code}: `, e.message, e.severity === "error" ? "error" : "warning");
      textLines(out, "fix: ", e.fix);
      break;
    case "unparsed":
      textLines(out, "", `line ${e.lineNo} not understood: ${e.reason}`, "error");
      textLines(out, "raw: ", e.raw, "dim");
      break;
    default:
      textLines(out, "", eventLine(e, undefined).text, "dim");
  }
  return out;
}

function syscallLines(out: PaneLine[], e: SyscallEvent, depth: "brief" | "full"): void {
  const s = e.socket ?? e.newSocket;
  const about = [
    `${e.name}`,
    e.fd !== undefined ? `fd ${e.fd}` : undefined,
    s?.id !== undefined ? `conn#${s.id}` : undefined,
    s?.transport,
    s?.state,
    s?.local || s?.remote ? `${s.local?.text ?? "?"}${s.remote ? ` → ${s.remote.text}` : ""}` : undefined,
  ].filter((x) => x !== undefined);
  textLines(out, "", about.join(" · "), "info");
  for (const step of e.steps ?? []) textLines(out, "kernel did: ", step.text, "warning");
  const x = e.explain;
  if (!x) {
    textLines(out, "", `no explanation for ${e.name} here (sockscope explains socket calls)`, "dim");
    return;
  }
  if (depth === "brief") {
    // formatExplain decides brief from the absence of layers: the summary, what a failure means, --os.
    const brief = formatExplain({ ...e, explain: { ...x, layers: undefined } });
    for (const l of brief.split("\n")) {
      const t = l.trim().replace(/^↳ /, "");
      if (t) textLines(out, "", t);
    }
    if (x.kernel.length || x.layers)
      out.push({ text: "enter: the kernel path, wire, notes and layers", tone: "dim" });
    return;
  }
  textLines(out, "", x.summary);
  if (x.path !== undefined) textLines(out, "path: ", x.path);
  // The wire before the (long) kernel path, so a small pane still shows what went out.
  textLines(out, "wire: ", x.wire);
  if (x.kernel.length) textLines(out, "kernel: ", x.kernel.join(" → "));
  for (const a of x.after ?? []) textLines(out, "then: ", a);
  for (const n of x.notes)
    textLines(out, "note: ", n, e.errno !== undefined && n.startsWith(e.errno) ? "error" : "normal");
  if (x.layers) {
    out.push({ text: "layers:", tone: "normal" });
    for (const l of formatLayers(x.layers)) {
      const text = `  ${l.trim()}`;
      // Wrapped function lists continue under the first function, after the dotted layer name.
      const at = text.search(/\.\s\S/);
      out.push({ text: clean(text), tone: l.includes("(not reached)") ? "dim" : "normal", indent: at + 2 });
    }
  }
  for (const st of x.structures ?? []) textLines(out, "structure: ", st);
  if (x.blocking) textLines(out, "blocking: ", x.blocking);
  if (x.os) textLines(out, `on ${x.os.name}: `, x.os.text);
}

/**
 * Word-wraps pane lines to `width` terminal columns (continuations indented like their label). A
 * line breaks at the last space that fits, or, with none in its second half, between two graphemes.
 */
export function wrapPane(lines: readonly PaneLine[], width: number): PaneLine[] {
  const out: PaneLine[] = [];
  const w = Math.max(10, width);
  for (const line of lines) {
    const indent = Math.min(line.indent ?? 0, Math.floor(w / 2));
    let rest = line.text;
    let first = true;
    while (rest.length > 0) {
      const room = first ? w : w - indent;
      let cut = rest.length;
      const fit = fitPrefix(rest, room);
      if (fit.end < rest.length) {
        // A space right after the part that fits is a break too (it is trimmed away).
        const space = rest.lastIndexOf(" ", fit.end);
        cut = space > 0 && displayWidth(rest.slice(0, space)) > room / 2 ? space : Math.max(1, fit.end);
      }
      const piece = rest.slice(0, cut).trimEnd();
      out.push({ text: first ? piece : `${" ".repeat(indent)}${piece}`, tone: line.tone });
      rest = rest.slice(cut).trimStart();
      first = false;
    }
    if (line.text === "") out.push({ text: "", tone: line.tone });
  }
  return out;
}

/** The lines of the pane on screen: `rows` of them from `offset`, the offset clamped. */
export function paneWindow<T>(
  lines: readonly T[],
  rows: number,
  offset: number,
): { shown: T[]; from: number } {
  const from = Math.max(0, Math.min(offset, lines.length - rows));
  return { shown: lines.slice(from, from + rows), from };
}

// ---- layout ----

/** The slice [start, end) of `count` items shown in `height` rows so that `index` is on screen, centred. */
export function windowAround(count: number, index: number, height: number): { start: number; end: number } {
  const h = Math.max(0, height);
  if (count <= h) return { start: 0, end: count };
  const start = Math.max(0, Math.min(count - h, index - Math.floor(h / 2)));
  return { start, end: start + h };
}

export interface Layout {
  tableRows: number;
  listRows: number;
  paneRows: number;
}

/** Shares the terminal's rows: title, table, list, pane and footer, one row spare so ink never scrolls. */
export function layout(rows: number, connections: number, paneLines: number): Layout {
  const MIN_LIST = 3;
  const fixed = 1 /* title */ + 1 /* table header */ + 1 /* pane rule */ + 1 /* footer */ + 1; /* spare */
  const tableRows = Math.min(connections, Math.max(1, Math.min(6, Math.floor((rows - fixed) / 5))));
  const free = Math.max(0, rows - fixed - tableRows);
  const paneRows = Math.max(1, Math.min(paneLines, free - MIN_LIST));
  return { tableRows, listRows: Math.max(1, free - paneRows), paneRows };
}
