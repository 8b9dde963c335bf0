// The pretty view for a terminal: one block per step with the relative time, the process (name
// and pid), the connection it belongs to, the call in a short readable form with its result
// coloured by meaning, and the explanation beneath, wrapped to the terminal's width.

import { assertNever } from "../core/assert-never.js";
import type { ProcessView, SocketView, SyscallEvent, TraceEvent } from "../core/events.js";
import { byteSize, grouped } from "../util/number-text.js";
import { wrap } from "../util/wrap.js";
import { type FoldedRun, foldedCalls, withFolding } from "./fold.js";
import type { Renderer, RenderOptions } from "./renderer.js";
import { simpleCall } from "./simple-call.js";
import { escaped, formatConnection, formatSummary } from "./text.js";
import { createTheme, type Theme } from "./theme.js";

const INDENT = "           ";

export function createPrettyRenderer(options: RenderOptions = {}): Renderer {
  const theme: Theme = createTheme(options.colorLevel ?? 0);
  const width = options.columns ?? 100;
  let origin: number | undefined;

  const when = (time: number | undefined) => {
    if (time === undefined) return "".padEnd(9);
    origin ??= time;
    return `+${(time - origin).toFixed(3)}s`.padStart(9);
  };
  const who = (pid: number | undefined, process?: ProcessView) => {
    if (pid === undefined) return "";
    const name = process?.name;
    const id = `${options.stable ? "p" : ""}${pid}`;
    return theme.pid(name ? `${name}[${id}]` : `[${id}]`);
  };
  const label = (e: SyscallEvent) =>
    conn(e.newSocket && e.name.startsWith("accept") ? e.newSocket : e.socket);
  const conn = (s: SocketView | undefined) => {
    if (s?.id === undefined) return "";
    const ends = s.remote ? `${s.local?.text ?? "?"} → ${s.remote.text}` : (s.local?.text ?? "");
    return `${theme.conn(`conn#${s.id}`)} ${theme.address(ends)}`;
  };
  const explain = (e: SyscallEvent): string[] => {
    const x = e.explain;
    if (!x) return [];
    const out = wrap(`↳ ${x.summary}`, width, `${INDENT}  `).map(theme.explain);
    if (x.layers) {
      if (x.path !== undefined)
        out.push(...wrap(`path: ${x.path}`, width, `${INDENT}    `).map(theme.kernel));
      out.push(...wrap(`kernel: ${x.kernel.join(" → ")}`, width, `${INDENT}    `).map(theme.kernel));
      for (const a of x.after ?? [])
        out.push(...wrap(`then: ${a}`, width, `${INDENT}    `).map(theme.kernel));
      out.push(...wrap(`wire: ${x.wire}`, width, `${INDENT}    `).map(theme.kernel));
      if (x.blocking) out.push(...wrap(`blocking: ${x.blocking}`, width, `${INDENT}    `).map(theme.kernel));
      for (const n of x.notes) out.push(...wrap(`note: ${n}`, width, `${INDENT}    `).map(theme.kernel));
    } else if (e.errno !== undefined) {
      const why = x.notes.find((n) => n.startsWith(`${e.errno} `));
      if (why) out.push(...wrap(`↳ ${why}`, width, `${INDENT}  `).map(theme.explain));
    }
    if (x.os) out.push(...wrap(`on ${x.os.name}: ${x.os.text}`, width, `${INDENT}    `).map(theme.dim));
    return out;
  };

  const syscall = (e: SyscallEvent): string => {
    const { call, result, outcome } = simpleCall(e);
    const colour = outcome === "ok" ? theme.ok : outcome === "fail" ? theme.fail : theme.pending;
    const head = [theme.time(when(e.time)), who(e.pid, e.process), label(e)]
      .filter((x) => x !== "")
      .join("  ");
    const body = `${INDENT}${theme.syscall(call)} → ${colour(result)}`;
    const steps = (e.steps ?? [])
      .flatMap((s) => wrap(`kernel: ${s.text}`, width, `${INDENT}  `))
      .map(theme.kernel);
    return [head, body, ...steps, ...explain(e)].join("\n");
  };

  /** A fold line: like a call's block, with what was folded in place of the call. */
  const fold = (run: FoldedRun): string => {
    const head = [theme.time(when(run.time)), who(run.pid, run.process), conn(run.socket)]
      .filter((x) => x !== "")
      .join("  ");
    const waits = run.waits === 0 ? "" : `, and ${grouped(run.waits)} wait${run.waits === 1 ? "" : "s"}`;
    const body = `… ${grouped(run.calls)} more ${foldedCalls(run)} → ${byteSize(run.bytes)}${waits}`;
    return `${head}\n${INDENT}${theme.dim(body)}\n`;
  };

  const renderer: Renderer = {
    event(e: TraceEvent): string {
      switch (e.type) {
        case "syscall":
          return `${syscall(e)}\n`;
        case "signal":
          return `${theme.time(when(e.time))}  ${who(e.pid, e.process)}  ${theme.pending(`signal ${e.signal}`)}\n`;
        case "exit": {
          const how =
            e.signal !== undefined
              ? theme.fail(`killed by ${e.signal}${e.coreDumped ? " (core dumped)" : ""}`)
              : e.code === 0
                ? theme.ok("exited 0")
                : theme.fail(`exited ${e.code}`);
          return e.supersededBy !== undefined
            ? ""
            : `${theme.time(when(e.time))}  ${who(e.pid, e.process)}  ${how}\n`;
        }
        case "connection": {
          // The time replaces the first line's indent before colouring: a coloured line starts
          // with an escape code, not with the indent.
          const [first = "", ...rest] = wrap(formatConnection(e), width, INDENT);
          const head = `${theme.time(when(e.closed))}  ${theme.conn(first.replace(/^\s+/, ""))}`;
          return `${[head, ...rest.map(theme.conn)].join("\n")}\n`;
        }
        case "diagnostic":
          return `${INDENT}${theme.warn(`⚠ ${e.code}`)} ${wrap(e.message, width, `${INDENT}  `).join("\n").trimStart()}\n${wrap(`fix: ${e.fix}`, width, `${INDENT}  `).join("\n")}\n`;
        case "note":
          return e.note === "stack" || e.note === "dump"
            ? `${INDENT}${theme.dim(e.text)}\n`
            : `${theme.time(when(e.time))}  ${theme.dim(e.text)}\n`;
        case "unparsed":
          return `${INDENT}${theme.dim(`line ${e.lineNo} not understood (${e.reason})`)}\n`;
        case "summary":
          return `\n${formatSummary(e)
            .split("\n")
            .map((l) => (l.startsWith("--") ? theme.heading(l) : l))
            .join("\n")}`;
        default:
          return assertNever(e, "event");
      }
    },
    end: () => "",
  };
  return escaped(
    options.fold === false ? renderer : withFolding(renderer, fold),
    (options.colorLevel ?? 0) > 0,
  );
}
