// Plain text, one line per event: the call in strace-like form with its result, times relative to
// the first event. No escape codes: this is what people pipe into files and diff.

import { assertNever } from "../core/assert-never.js";
import type { ConnectionEvent, SummaryEvent, SyscallEvent, TraceEvent } from "../core/events.js";
import { formatValue, quote } from "../util/format-value.js";
import { byteSize, fixed6, grouped } from "../util/number-text.js";
import { terminalSafe } from "./escape.js";
import { formatExplain } from "./explain-text.js";
import { type FoldedRun, foldedCalls, withFolding } from "./fold.js";
import { withHost } from "./host.js";
import { kernelCells, kernelPhrase, kernelSummaryLines } from "./kernel-words.js";
import type { Renderer, RenderOptions } from "./renderer.js";

const INCOMPLETE: Record<NonNullable<SyscallEvent["incomplete"]>, string> = {
  exit: "never returned: the process exited or was killed",
  detached: "never returned before strace detached",
  "end-of-trace": "still running when the trace ended",
  lost: "its end is missing from the trace",
};

export function formatCall(e: SyscallEvent): string {
  const args = e.printedArgs?.() ?? e.args.map(formatValue).join(", ");
  let ret: string;
  if (e.incomplete !== undefined) ret = `? (${INCOMPLETE[e.incomplete]})`;
  else {
    ret = e.retText ?? String(e.ret);
    if (e.newSocket?.local)
      ret += ` [${e.newSocket.local.text}${e.newSocket.remote ? ` -> ${e.newSocket.remote.text}` : ""}]`;
    if (e.errno !== undefined) ret += ` ${e.errno}${e.errnoText !== undefined ? ` (${e.errnoText})` : ""}`;
    if (e.detail !== undefined) ret += ` (${e.detail})`;
    // strace's own marks for --inject (src/syscall.c print_injected_note).
    if (e.injected === true) ret += " (INJECTED)";
    if (e.delayed === true) ret += " (DELAYED)";
  }
  const duration = e.duration !== undefined ? ` <${fixed6(e.duration)}>` : "";
  return `${e.partial ? "<... " : ""}${e.name}(${args}) = ${ret}${duration}`;
}

function bytes(n: number): string {
  return `${n} B`;
}

export function formatConnection(c: ConnectionEvent): string {
  const remote = c.remote?.text ?? (c.peers?.length ? c.peers.map((p) => p.text).join(", ") : undefined);
  const ends = [c.local?.text ?? "?", withHost(remote, c.remoteHost)]
    .filter((x) => x !== undefined)
    .join(" -> ");
  const parts = [`${c.outcome}`];
  if (c.accepted !== undefined) parts.push(`accepted ${c.accepted}`);
  if (c.role !== "listener") parts.push(`${bytes(c.bytesOut)} out, ${bytes(c.bytesIn)} in`);
  if (c.opened !== undefined && c.closed !== undefined)
    parts.push(`${((c.closed - c.opened) * 1000).toFixed(3)} ms`);
  if (c.peer !== undefined) parts.push(`other end conn#${c.peer}`);
  if (c.test !== undefined) parts.push(`test ${JSON.stringify(c.test)}`);
  const kernel = c.kernel === undefined ? "" : `; ${kernelPhrase(c.kernel)}`;
  return `conn#${c.id} ${c.transport} ${c.role} ${ends} (pid ${c.pid}, fd ${c.fd}): ${parts.join(", ")}${kernel}`;
}

function formatConnectionTable(s: SummaryEvent): string[] {
  if (s.connections.length === 0) return [];
  const out = [`-- connections: ${s.connections.length + s.connectionsOmitted} --`];
  // The kernel's columns only when the kernel's view was taken (a live trace with kernel state).
  const kernel = s.connections.some((c) => c.kernel !== undefined);
  out.push(
    [
      "conn",
      "pid",
      "transport",
      "role",
      "local",
      "remote",
      "ms",
      "out",
      "in",
      "outcome",
      "peer",
      ...(kernel ? ["rtt_ms", "retrans"] : []),
    ].join("\t"),
  );
  for (const c of s.connections) {
    out.push(
      [
        `#${c.id}`,
        c.pid,
        c.transport,
        c.role,
        c.local ?? "-",
        withHost(c.remote, c.remoteHost) ?? "-",
        c.duration === undefined ? "-" : (c.duration * 1000).toFixed(3),
        c.bytesOut,
        c.bytesIn,
        c.outcome,
        c.peer === undefined ? "-" : `#${c.peer}`,
        ...(kernel ? kernelCells(c.kernel) : []),
      ].join("\t"),
    );
  }
  if (s.connectionsOmitted > 0) out.push(`(${s.connectionsOmitted} more not listed)`);
  return out;
}

/** Per-test attribution: one line a test, when a marker named any. */
function formatTests(s: SummaryEvent): string[] {
  if (s.tests === undefined || s.tests.length === 0) return [];
  const out = [`-- per test: ${s.tests.length} --`];
  for (const t of s.tests) {
    const ends = t.endpoints.length > 0 ? ` to ${t.endpoints.join(", ")}` : "";
    const broke = t.violations > 0 ? `, ${t.violations} broken rule(s)` : "";
    out.push(
      `${JSON.stringify(t.name)}: ${t.connections} connection(s)${ends}, ${bytes(t.bytesOut)} out, ${bytes(t.bytesIn)} in${broke}`,
    );
  }
  return out;
}

export function formatSummary(s: SummaryEvent): string {
  const rows = Object.entries(s.syscalls);
  const out = formatConnectionTable(s);
  out.push(...formatTests(s));
  out.push(
    `-- summary: ${s.lines > 0 ? `${s.lines} lines, ` : ""}${s.processes} pid(s), ${rows.length} syscalls --`,
  );
  out.push(`${"calls".padStart(9)} ${"errors".padStart(9)} ${"seconds".padStart(11)}  syscall`);
  for (const [name, c] of rows) {
    out.push(
      `${String(c.calls).padStart(9)} ${String(c.errors || "").padStart(9)} ${c.time.toFixed(6).padStart(11)}  ${name}`,
    );
  }
  const errnos = Object.entries(s.errnos);
  if (errnos.length > 0) out.push(`errors: ${errnos.map(([k, n]) => `${k} ×${n}`).join(", ")}`);
  if (s.incomplete > 0) out.push(`calls that never returned: ${s.incomplete}`);
  if (s.unparsed > 0) out.push(`lines not understood: ${s.unparsed}`);
  if (s.truncated) out.push("the input ended in the middle of a line");
  for (const hint of s.hints) out.push(`hint: ${hint}`);
  for (const v of s.violations) out.push(`rule ${v.rule} broken: ${v.message}`);
  if (s.baseline !== undefined) {
    const b = s.baseline;
    out.push(`-- baseline ${b.file}: ${b.unexpected.length} unexpected, ${b.missing.length} missing --`);
    for (const u of b.unexpected) out.push(`unexpected: ${u}`);
    for (const m of b.missing) out.push(`missing: ${m}`);
  }
  const found = Object.entries(s.diagnostics);
  if (found.length > 0) out.push(`diagnostics: ${found.map(([code, n]) => `${code} ×${n}`).join(", ")}`);
  if (s.kernel !== undefined) {
    const { heading, lines } = kernelSummaryLines(s.kernel);
    out.push(`-- ${heading} --`, ...lines);
  }
  return `${out.join("\n")}\n`;
}

/** A fold line's words: "4,812 more writes, 629,145,600 B (600.0 MiB), on conn#3 (fd 5), and 4,800 waits". */
export function formatFold(run: FoldedRun): string {
  const size = run.bytes < 1024 ? `${run.bytes} B` : `${grouped(run.bytes)} B (${byteSize(run.bytes)})`;
  const fd = run.fd === undefined ? "" : ` (fd ${run.fd})`;
  const waits = run.waits === 0 ? "" : `, and ${grouped(run.waits)} wait${run.waits === 1 ? "" : "s"}`;
  return `… ${grouped(run.calls)} more ${foldedCalls(run)}, ${size}, on conn#${run.socket.id}${fd}${waits}`;
}

export function createTextRenderer(options: RenderOptions = {}): Renderer {
  let origin: number | undefined;
  const when = (e: { time?: number }): string => {
    if (e.time === undefined) return "";
    origin ??= e.time;
    return `${fixed6(e.time - origin).padStart(11)} `;
  };
  const who = (pid: number | undefined) =>
    pid === undefined ? "".padEnd(7) : `${options.stable ? "p" : ""}${pid}`.padEnd(7);

  const renderer: Renderer = {
    event(e: TraceEvent): string {
      switch (e.type) {
        case "syscall": {
          const steps = (e.steps ?? []).map((step) => `${"".padEnd(19)}kernel: ${step.text}\n`).join("");
          return `${when(e)}${who(e.pid)}${formatCall(e)}\n${steps}${formatExplain(e)}`;
        }
        case "signal":
          return `${when(e)}${who(e.pid)}--- ${e.signal}${e.stopped ? " (stopped)" : ""} ---\n`;
        case "exit": {
          const how =
            e.supersededBy !== undefined
              ? `superseded by execve in pid ${e.supersededBy}`
              : e.signal !== undefined
                ? `killed by ${e.signal}${e.coreDumped ? " (core dumped)" : ""}`
                : `exited with ${e.code}`;
          return `${when(e)}${who(e.pid)}+++ ${how} +++\n`;
        }
        case "note":
          return e.note === "stack" || e.note === "dump"
            ? `${"".padEnd(19)}${e.text}\n`
            : `${when(e)}${who(e.pid)}(${e.text})\n`;
        case "connection":
          return `${when({ time: e.closed })}${who(e.pid)}${formatConnection(e)}\n`;
        case "diagnostic":
          return `${"".padEnd(19)}!! ${e.severity} ${e.code}: ${e.message}\n${"".padEnd(22)}fix: ${e.fix}\n`;
        case "unparsed":
          return `line ${e.lineNo} not understood (${e.reason}): ${quote(e.raw.length > 200 ? `${e.raw.slice(0, 200)}…` : e.raw)}\n`;
        case "summary":
          return formatSummary(e);
        default:
          return assertNever(e, "event");
      }
    },
    end: () => "",
  };
  const folded =
    options.fold === false
      ? renderer
      : withFolding(renderer, (run) => `${when(run)}${who(run.pid)}${formatFold(run)}\n`);
  return escaped(folded, false);
}

/**
 * A text or pretty renderer whose output carries no control character of the trace's: what a
 * decoded string still holds (a hostile log's raw bytes) is shown as \xHH, never sent to a terminal.
 */
export function escaped(renderer: Renderer, colour: boolean): Renderer {
  return {
    event: (e) => terminalSafe(renderer.event(e), colour),
    end: () => terminalSafe(renderer.end(), colour),
  };
}
