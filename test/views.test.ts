// Every view tells the same story as the model: the bytes each connection moved (text, pretty,
// Markdown, Mermaid, the TUI's table and the JSON connection events all agree with the model's
// count, sendmmsg/recvmmsg per message and MSG_PEEK included), and --explain changes only the
// explanations, never which calls a view shows.
import { describe, expect, test } from "vitest";
import type { ConnectionEvent, TraceEvent } from "../src/core/events.js";
import { eventsFromText, type PipelineOptions } from "../src/pipeline.js";
import { isNetworkStory } from "../src/render/filter.js";
import { RENDERERS } from "../src/render/renderer.js";
import { initialTraceState, reduceTrace } from "../src/render/tui/trace-store.js";
import { recordedLogs } from "./helpers/logs.js";

const LOGS = [
  "tcp-echo.o-yy-tt-T.strace",
  "forking-server.o-yy-tt-T.strace",
  "forking-server.err-yy-tt.strace",
  "udp.o-yy-tt-T.strace",
  "udp.o-s16.strace",
  "udp-senders.o-yy-tt-T.strace",
  "unix.o-yy-tt-T.strace",
  "scm-rights-pass.o-yy-tt-T.strace",
  "netlink-ip-addr-add.o-yy-tt-T.strace",
  "curl-http.o-yy-tt-T.strace",
  "sendfile.o-yy-tt-T.strace",
  "python-echo.o-yy-tt-T.strace",
];

const logs = recordedLogs().filter((l) => LOGS.includes(l.name));

function render(format: keyof typeof RENDERERS, events: TraceEvent[], all = true): string {
  const r = RENDERERS[format]({ colorLevel: 0, columns: 200 });
  return (
    events
      .filter((e) => all || isNetworkStory(e))
      .map((e) => r.event(e))
      .join("") + r.end()
  );
}

const BYTES_IN_TEXT = /^.*conn#(\d+) .*?(\d+) B out, (\d+) B in/;

describe.each(logs.map((l) => ({ ...l, label: l.name })))("$label", (log) => {
  const events = eventsFromText(log.text);
  const conns = events.filter((e): e is ConnectionEvent => e.type === "connection");
  const model = new Map(conns.map((c) => [c.id, { out: c.bytesOut, in: c.bytesIn }]));

  test("the trace has connections that moved bytes", () => {
    expect([...model.values()].some((b) => b.out + b.in > 0)).toBe(true);
  });

  test("text and pretty give each connection the model's bytes", () => {
    for (const format of ["text", "pretty"] as const) {
      const seen = new Map<number, { out: number; in: number }>();
      for (const line of render(format, events).split("\n")) {
        const m = BYTES_IN_TEXT.exec(line);
        if (m) seen.set(Number(m[1]), { out: Number(m[2]), in: Number(m[3]) });
      }
      const expected = new Map(
        [...model].filter(([id]) => conns.find((c) => c.id === id)?.role !== "listener"),
      );
      expect(seen, format).toEqual(expected);
    }
  });

  test("Markdown's connection table gives the model's bytes", () => {
    const md = render("markdown", events);
    const rows = md.split("\n").filter((l) => /^\| \d+ \|/.test(l));
    const seen = new Map<number, { out: number; in: number }>();
    for (const row of rows) {
      const cells = row.split("|").map((c) => c.trim());
      // | conn | pid | transport | role | local | remote | ms | bytes out | bytes in | outcome | other end |
      seen.set(Number(cells[1]), { out: Number(cells[8]), in: Number(cells[9]) });
    }
    expect(seen).toEqual(model);
  });

  test("Mermaid's arrows add up to the model's bytes", () => {
    const diagram = render("mermaid", events);
    if (diagram.includes("more steps not shown")) return;
    const arrows = new Map<number, number>();
    for (const m of diagram.matchAll(/->>\S+: (\d+) bytes \(conn (\d+)\)/g))
      arrows.set(Number(m[2]), (arrows.get(Number(m[2])) ?? 0) + Number(m[1]));
    // Every byte received is drawn once, by its receiver; bytes sent are drawn by the sender only
    // when no traced socket was (or turned out to be) at the other end.
    const paired = new Set(conns.filter((c) => c.peer !== undefined).map((c) => c.id));
    const untracedOut = new Map<number, number>();
    for (const e of events)
      if (
        e.type === "syscall" &&
        e.socket !== undefined &&
        e.transfer !== undefined &&
        e.transfer.peer === undefined &&
        !paired.has(e.socket.id)
      )
        untracedOut.set(e.socket.id, (untracedOut.get(e.socket.id) ?? 0) + e.transfer.out);
    for (const c of conns)
      expect(arrows.get(c.id) ?? 0, `conn ${c.id}`).toBe(c.bytesIn + (untracedOut.get(c.id) ?? 0));
  });

  test("the TUI's connection table ends with the model's bytes", () => {
    let state = initialTraceState;
    state = reduceTrace(state, { kind: "events", events });
    const seen = new Map(
      [...state.connections].map(([id, row]) => [id, { out: row.bytesOut, in: row.bytesIn }]),
    );
    for (const [id, bytes] of model) if (seen.has(id)) expect(seen.get(id), `conn ${id}`).toEqual(bytes);
  });
});

describe("--explain changes only the explanations", () => {
  const explain = (depth: "none" | "brief" | "full"): PipelineOptions => ({
    explain: { depth, os: "linux", env: { somaxconn: 4096, rmemMax: 212992, wmemMax: 212992 } },
  });
  /** The text view without its explanation lines (`↳ …` and the indented kernel story). */
  const shown = (text: string) => text.split("\n").filter((l) => !/^ {19}(↳| {4})/.test(l));

  test.each(logs.map((l) => ({ name: l.name, text: l.text })))("$name", ({ text }) => {
    const views = (["none", "brief", "full"] as const).map((depth) =>
      shown(render("text", eventsFromText(text, explain(depth)), false)),
    );
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    // And the explanations are there to be left out.
    expect(render("text", eventsFromText(text, explain("brief")), false)).toContain("↳");
  });
});
