// Plain text, one line per event: the call in strace-like form with its result, times relative to
// the first event. No escape codes: this is what people pipe into files and diff.
import type { Event, SummaryEvent, SyscallEvent } from "../events/schema.js";
import { formatValue, quote } from "./format-value.js";
import type { Renderer } from "./renderer.js";

const INCOMPLETE: Record<NonNullable<SyscallEvent["incomplete"]>, string> = {
  exit: "never returned: the process exited or was killed",
  detached: "never returned before strace detached",
  "end-of-trace": "still running when the trace ended",
  lost: "its end is missing from the trace",
};

function formatCall(e: SyscallEvent): string {
  const args = e.args.map(formatValue).join(", ");
  let ret: string;
  if (e.incomplete !== undefined) ret = `? (${INCOMPLETE[e.incomplete]})`;
  else {
    ret = e.retText ?? String(e.ret);
    if (e.newSocket?.local)
      ret += ` [${e.newSocket.local.text}${e.newSocket.remote ? ` -> ${e.newSocket.remote.text}` : ""}]`;
    if (e.errno !== undefined) ret += ` ${e.errno}${e.errnoText !== undefined ? ` (${e.errnoText})` : ""}`;
    if (e.detail !== undefined) ret += ` (${e.detail})`;
  }
  const duration = e.duration !== undefined ? ` <${e.duration.toFixed(6)}>` : "";
  return `${e.partial ? "<... " : ""}${e.name}(${args}) = ${ret}${duration}`;
}

function formatSummary(s: SummaryEvent): string {
  const rows = Object.entries(s.syscalls);
  const out = [`-- summary: ${s.lines} lines, ${s.processes} pid(s), ${rows.length} syscalls --`];
  out.push(`${"calls".padStart(9)} ${"errors".padStart(9)}  syscall`);
  for (const [name, c] of rows)
    out.push(`${String(c.calls).padStart(9)} ${String(c.errors || "").padStart(9)}  ${name}`);
  const errnos = Object.entries(s.errnos);
  if (errnos.length > 0) out.push(`errors: ${errnos.map(([k, n]) => `${k} ×${n}`).join(", ")}`);
  if (s.incomplete > 0) out.push(`calls that never returned: ${s.incomplete}`);
  if (s.unparsed > 0) out.push(`lines not understood: ${s.unparsed}`);
  if (s.truncated) out.push("the input ended in the middle of a line");
  for (const hint of s.hints) out.push(`hint: ${hint}`);
  return `${out.join("\n")}\n`;
}

export function createTextRenderer(): Renderer {
  let origin: number | undefined;
  const when = (e: { time?: number }): string => {
    if (e.time === undefined) return "";
    origin ??= e.time;
    return `${(e.time - origin).toFixed(6).padStart(11)} `;
  };
  const who = (pid: number | undefined) => (pid === undefined ? "".padEnd(7) : String(pid).padEnd(7));

  return {
    event(e: Event): string {
      switch (e.type) {
        case "syscall":
          return `${when(e)}${who(e.pid)}${formatCall(e)}\n`;
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
        case "unparsed":
          return `line ${e.lineNo} not understood (${e.reason}): ${quote(e.raw.length > 200 ? `${e.raw.slice(0, 200)}…` : e.raw)}\n`;
        case "summary":
          return formatSummary(e);
        default:
          return assertNever(e);
      }
    },
    end: () => "",
  };
}

function assertNever(x: never): never {
  throw new Error(`unexpected event: ${JSON.stringify(x)}`);
}
