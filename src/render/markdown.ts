// A Markdown report for CI job summaries and issues: the program and how it ended, the
// connections, the calls per syscall, errors, diagnostics and broken rules, the sequence diagram,
// and one section per kind of step with what the kernel does for it (once, not per call).
// Aggregates as it goes, in bounded memory: the summary event carries the tables, the diagram keeps
// its own bounded steps, and at most MAX_DIAGNOSTICS diagnostics are listed.

import type { DiagnosticEvent, Explain, SummaryEvent, SyscallEvent } from "../core/events.js";
import { markdownCell as cell, markdownCode, markdownFence, markdownText as md } from "./escape.js";
import { isNetworkStep } from "./filter.js";
import { withHost } from "./host.js";
import { kernelCells, kernelSummaryLines } from "./kernel-words.js";
import { createMermaidBuilder, drawsInDiagram } from "./mermaid.js";

const MAX_DIAGNOSTICS = 200;
/** Calls strace injected into or delayed (--inject) listed in their own section, at most. */
const MAX_INJECTED = 50;

import type { Renderer, RenderOptions } from "./renderer.js";

function table(head: string[], rows: Array<Array<string | number | undefined>>): string[] {
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

export function createMarkdownRenderer(options: RenderOptions = {}): Renderer {
  const mermaid = createMermaidBuilder(options);
  const firstExplain = new Map<string, Explain>();
  const diagnostics: DiagnosticEvent[] = [];
  let diagnosticsOmitted = 0;
  let program: string | undefined;
  let rootPid: number | undefined;
  let rootExit: string | undefined;
  let summary: SummaryEvent | undefined;
  const injected: SyscallEvent[] = [];
  let injectedOmitted = 0;
  /** What each injected call led to (the injected-fault diagnostics), by the call's seq. */
  const reactions = new Map<number, string>();
  /** The traced machine's sysctls (a live trace's "machine" note), one line in the header. */
  let machine: string | undefined;

  const onSyscall = (e: SyscallEvent) => {
    rootPid ??= e.pid;
    if (e.name === "execve" && e.pid === rootPid && e.ret === 0 && program === undefined) {
      const argv = e.args[1];
      program =
        argv?.kind === "array"
          ? argv.items.map((a) => (a.kind === "str" ? a.value : "…")).join(" ")
          : undefined;
    }
    if (e.injected === true || e.delayed === true) {
      if (injected.length < MAX_INJECTED) injected.push(e);
      else injectedOmitted++;
    }
    // "What the kernel did" tells the kernel's own paths: an injected call ran none.
    if (e.explain && isNetworkStep(e) && e.injected !== true && e.delayed !== true) {
      // One story per syscall and kernel path: a unix connect and a TCP connect are both told.
      const key = e.explain.path === undefined ? e.name : `${e.name}\u0000${e.explain.path}`;
      if (!firstExplain.has(key)) firstExplain.set(key, e.explain);
    }
  };

  return {
    event(e) {
      if (e.type === "syscall") onSyscall(e);
      else if (e.type === "exit" && e.pid === rootPid && e.supersededBy === undefined) {
        rootExit = e.signal !== undefined ? `killed by ${e.signal}` : `exited with ${e.code}`;
      } else if (e.type === "diagnostic") {
        const first = e.events[0];
        if (e.code === "injected-fault" && first !== undefined && reactions.size < MAX_INJECTED)
          reactions.set(first, e.message.replace(/^.*?--inject\); the kernel never ran the call\. /, ""));
        if (diagnostics.length < MAX_DIAGNOSTICS) diagnostics.push(e);
        else diagnosticsOmitted++;
      } else if (e.type === "summary") summary = e;
      else if (e.type === "note" && e.note === "machine") machine ??= e.text;
      if (drawsInDiagram(e)) mermaid.add(e);
      return "";
    },
    end() {
      const out: string[] = ["## sockscope: network report", ""];
      out.push(
        `- program: ${program === undefined ? "(not seen: the trace started after it)" : markdownCode(program)}`,
      );
      out.push(`- result: ${rootExit ?? "still running when the trace ended"}`);
      if (machine !== undefined) out.push(`- ${md(machine)}`);
      if (summary) {
        out.push(
          `- ${summary.processes} process(es) and thread(s), ${summary.connections.length + summary.connectionsOmitted} socket(s)`,
        );
        if (summary.violations.length > 0) {
          out.push(
            "",
            "### Broken rules",
            "",
            ...summary.violations.map((v) => `- **${v.rule}**: ${md(v.message)}`),
          );
        }
        out.push(...networkSection(summary));
        if (summary.tests !== undefined && summary.tests.length > 0) {
          out.push("", "### Per test", "");
          out.push(
            ...table(
              ["test", "connections", "endpoints", "bytes out", "bytes in", "violations"],
              summary.tests.map((t) => [
                t.name,
                t.connections,
                t.endpoints.join(", "),
                t.bytesOut,
                t.bytesIn,
                t.violations,
              ]),
            ),
          );
        }
        const conns = [...summary.connections].sort((a, b) => a.id - b.id);
        // The kernel's columns only when its view was taken (a live trace with kernel state).
        const kernel = conns.some((c) => c.kernel !== undefined);
        if (conns.length > 0) {
          out.push("", "### Connections", "");
          out.push(
            ...table(
              [
                "conn",
                "pid",
                "transport",
                "role",
                "local",
                "remote",
                "ms",
                "bytes out",
                "bytes in",
                "outcome",
                "other end",
                ...(kernel ? ["rtt ms", "retransmits"] : []),
              ],
              conns.map((c) => [
                c.id,
                c.pid,
                c.transport,
                c.role,
                c.local,
                withHost(c.remote, c.remoteHost),
                c.duration === undefined ? undefined : (c.duration * 1000).toFixed(3),
                c.bytesOut,
                c.bytesIn,
                c.outcome,
                c.peer === undefined ? undefined : `conn ${c.peer}`,
                ...(kernel ? kernelCells(c.kernel) : []),
              ]),
            ),
          );
        }
        out.push("", "### System calls", "");
        out.push(
          ...table(
            ["syscall", "calls", "errors", "seconds"],
            Object.entries(summary.syscalls).map(([name, c]) => [
              name,
              c.calls,
              c.errors || undefined,
              c.time.toFixed(6),
            ]),
          ),
        );
        const errnos = Object.entries(summary.errnos);
        if (errnos.length > 0)
          out.push("", "### Errors", "", ...errnos.map(([errno, n]) => `- ${md(errno)}: ${n}`));
        if (summary.kernel !== undefined) {
          const { heading, lines } = kernelSummaryLines(summary.kernel);
          out.push(
            "",
            `### ${heading[0]?.toUpperCase()}${heading.slice(1)}`,
            "",
            ...lines.map((l) => `- ${md(l)}`),
          );
        }
      }
      if (injected.length > 0) {
        out.push(
          "",
          "### Injected by strace (--inject)",
          "",
          "These results are strace's, not the kernel's (or the call waited in strace before it ran):",
          "",
        );
        for (const e of injected) {
          const result = e.errno ?? e.retText ?? String(e.ret);
          const how = e.injected === true ? `injected ${result}` : `delayed, then ${result}`;
          const then = reactions.get(e.seq);
          out.push(
            `- ${markdownCode(`${e.name}()`)} of pid ${e.pid}${e.fd !== undefined ? ` on fd ${e.fd}` : ""}: ${md(how)}${then !== undefined ? `; ${md(then)}` : ""}`,
          );
        }
        if (injectedOmitted > 0) out.push(`- … ${injectedOmitted} more (see the JSON report)`);
      }
      if (diagnostics.length > 0) {
        out.push("", "### Diagnostics", "");
        for (const d of diagnostics)
          out.push(`- **${d.severity}** \`${d.code}\`: ${md(d.message)} *Fix:* ${md(d.fix)}`);
        if (diagnosticsOmitted > 0) out.push(`- … ${diagnosticsOmitted} more (see the JSON report)`);
      }
      out.push("", "### Sequence", "", markdownFence("mermaid", mermaid.diagram()));
      if (firstExplain.size > 0) {
        out.push("", "### What the kernel did", "");
        for (const [key, x] of firstExplain) {
          const name = key.split("\u0000")[0];
          out.push(
            `#### ${md(name ?? "")}()${x.path !== undefined ? `: ${md(x.path)}` : ""}`,
            "",
            md(x.summary),
            "",
          );
          if (x.kernel.length > 0)
            out.push(`- kernel: ${x.kernel.map((k) => `\`${k.split(" ")[0]}\``).join(" → ")}`);
          if (x.after !== undefined && x.after.length > 0)
            out.push(
              `- then: ${x.after.map((k) => `\`${k.split(" ")[0]}\` (${k.replace(/^.*: /, "")})`).join(", ")}`,
            );
          out.push(`- on the wire: ${md(x.wire)}`, "");
        }
      }
      return `${out.join("\n")}\n`;
    },
  };
}

/** What the run did with the network (endpoints by host name, listeners), and the baseline's verdict. */
function networkSection(summary: SummaryEvent): string[] {
  const out: string[] = [];
  const network = summary.network;
  const entries = network === undefined ? [] : [...network.endpoints, ...network.listeners];
  if (entries.length > 0) {
    out.push("", "### Network", "");
    for (const e of entries) {
      const where = e.host ?? e.address ?? e.path ?? "?";
      const port = e.port === undefined ? "" : `:${e.port}`;
      const by = e.by !== undefined && e.by.length > 0 ? ` (${e.by.map(md).join(", ")})` : "";
      out.push(`- ${e.kind} ${e.transport} ${md(`${where}${port}`)}${by}`);
    }
  }
  const b = summary.baseline;
  if (b !== undefined) {
    out.push("", `### Baseline ${md(b.file)}`, "");
    if (b.unexpected.length === 0 && b.missing.length === 0)
      out.push("- the run did what the baseline lists, no more, no less");
    for (const u of b.unexpected) out.push(`- unexpected: ${md(u)}`);
    for (const m of b.missing) out.push(`- missing (listed, not seen): ${md(m)}`);
  }
  return out;
}
