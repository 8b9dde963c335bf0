// The join of the kernel's socket records to the trace's connections (src/kernel/join.ts), on the
// events of a recorded trace, with the time given by the test.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ConnectionEvent, DiagnosticEvent, SummaryEvent, TraceEvent } from "../../src/core/events.js";
import type { KernelSummary, TcpKernelInfo } from "../../src/core/kernel.js";
import { createKernelJoin } from "../../src/kernel/join.js";
import { eventsFromText } from "../../src/pipeline.js";
import { LOGS } from "../helpers/logs.js";

const events = eventsFromText(readFileSync(join(LOGS, "tcp-echo.o-yy-tt-T.strace"), "utf8"));
const tcp = events.filter(
  (e): e is ConnectionEvent => e.type === "connection" && e.transport === "tcp" && e.role !== "listener",
);
const info = (retransmits: number, extra: Partial<TcpKernelInfo> = {}): TcpKernelInfo => ({
  state: "CLOSE",
  source: "destroyed",
  rttMs: 40.2,
  rttVarMs: 1.5,
  retransmits,
  ...extra,
});
const record = (c: ConnectionEvent, i: TcpKernelInfo) => ({
  local: c.local?.text ?? "",
  remote: c.remote?.text ?? "",
  info: i,
});
const empty: KernelSummary = { scope: "namespace", counters: [], listeners: [], notes: [] };
const seqs = (list: TraceEvent[]) => list.map((e) => e.seq);

describe("kernel join", () => {
  it("the recorded trace has two TCP ends to join", () => {
    expect(tcp.length).toBe(2);
  });

  it("keeps every event, in order, and gives each connection the record with its 4-tuple", () => {
    const j = createKernelJoin();
    const out: TraceEvent[] = [];
    out.push(...j.events(events, 0));
    // The summary always waits for the end; the first TCP connection waits for its record.
    expect(out.every((e) => e.type !== "summary")).toBe(true);
    const first = tcp[0] as ConnectionEvent;
    expect(out.at(-1)?.seq).toBeLessThan(first.seq);
    expect(j.pending().map((p) => p.local)).toContain(first.local?.text);
    out.push(...j.socket(record(first, info(0)), 10));
    out.push(...j.socket(record(tcp[1] as ConnectionEvent, info(3)), 20));
    out.push(...j.finish({ sockets: [], summary: empty }));
    expect(seqs(out).slice(0, events.length - 1)).toEqual(seqs(events).slice(0, -1));
    const joined = out.filter((e): e is ConnectionEvent => e.type === "connection" && e.kernel !== undefined);
    expect(joined.map((c) => [c.id, c.kernel?.retransmits])).toEqual([
      [first.id, 0],
      [tcp[1]?.id, 3],
    ]);
    const summary = out.at(-1) as SummaryEvent;
    expect(summary.type).toBe("summary");
    expect(summary.kernel).toEqual(empty);
    expect(summary.connections.find((r) => r.id === tcp[1]?.id)?.kernel?.retransmits).toBe(3);
    // One finding, numbered just before the summary, and counted in it.
    const found = out.filter(
      (e): e is DiagnosticEvent => e.type === "diagnostic" && e.code === "tcp-retransmits",
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(`3 segments of conn#${tcp[1]?.id}`);
    expect(found[0]?.message).toContain("rtt 40.2 ms");
    expect(found[0]?.seq).toBe((events.at(-1) as SummaryEvent).seq);
    expect(summary.seq).toBe((found[0]?.seq ?? 0) + 1);
    expect(summary.diagnostics["tcp-retransmits"]).toBe(1);
  });

  it("a record that comes first waits for its connection", () => {
    const j = createKernelJoin();
    const out = [
      ...tcp.flatMap((c) => j.socket(record(c, info(0)), 0)),
      ...j.events(events, 0),
      ...j.finish(undefined),
    ];
    expect(out.filter((e) => e.type === "connection" && e.kernel !== undefined)).toHaveLength(2);
    expect(out.at(-1)?.type).toBe("summary");
    expect((out.at(-1) as SummaryEvent).kernel).toBeUndefined();
  });

  it("a connection waits at most holdMs; a later record still reaches the table and the diagnostics", () => {
    const j = createKernelJoin({ holdMs: 100 });
    const out = [...j.events(events, 0)];
    expect(j.deadline).toBe(100);
    expect(j.tick(99).length).toBe(0);
    out.push(...j.tick(100));
    expect(out.filter((e) => e.type === "connection")).toHaveLength(
      events.filter((e) => e.type === "connection").length,
    );
    expect(j.deadline).toBeUndefined();
    const late = tcp[0] as ConnectionEvent;
    expect(j.pending()).toContainEqual({ local: late.local?.text, remote: late.remote?.text });
    out.push(...j.finish({ sockets: [record(late, info(2))], summary: empty }));
    const summary = out.at(-1) as SummaryEvent;
    expect(summary.connections.find((r) => r.id === late.id)?.kernel?.retransmits).toBe(2);
    expect(out.filter((e) => e.type === "diagnostic" && e.code === "tcp-retransmits")).toHaveLength(1);
    expect(seqs(out.filter((e) => e.type !== "diagnostic")).slice(0, -1)).toEqual(seqs(events).slice(0, -1));
  });

  it("names the traced listener whose accept queue filled, with the counters and their scope", () => {
    const watched: string[] = [];
    const j = createKernelJoin({ onListener: (l) => watched.push(l), somaxconn: 4096, holdMs: 0 });
    const out = [...j.events(events, 0)];
    expect(watched.length).toBe(1);
    const local = watched[0] ?? "";
    out.push(
      ...j.finish({
        sockets: [],
        summary: {
          scope: "namespace",
          counters: [
            { group: "TcpExt", name: "ListenOverflows", delta: 7 },
            { group: "TcpExt", name: "ListenDrops", delta: 7 },
          ],
          listeners: [{ local, peak: 2, backlog: 1, samples: 40 }],
          notes: [],
        },
      }),
    );
    const d = out.find((e): e is DiagnosticEvent => e.type === "diagnostic" && e.code === "listen-overflow");
    expect(d?.message).toContain(`listener on ${local} filled up: 2 connections`);
    expect(d?.message).toContain("ListenOverflows +7");
    expect(d?.message).toContain("program's own network namespace");
    expect(d?.socket).toBeDefined();
  });

  it("says when the receiver held the sender back, and nothing for an ordinary connection", () => {
    const j = createKernelJoin();
    const slow = info(0, { busyMs: 1000, rwndLimitedMs: 800 });
    const out = [
      ...j.socket(record(tcp[0] as ConnectionEvent, slow), 0),
      ...j.socket(record(tcp[1] as ConnectionEvent, info(0, { busyMs: 10, rwndLimitedMs: 0 })), 0),
      ...j.events(events, 0),
      ...j.finish(undefined),
    ];
    const found = out.filter(
      (e): e is DiagnosticEvent => e.type === "diagnostic" && e.code === "receiver-stalled",
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain("spent 800 ms of it waiting for the receiver's window");
  });

  it("the end that closed first waits for its traced other end to close (its socket lives until then)", () => {
    const j = createKernelJoin({ holdMs: 100, peerMs: 5000 });
    const first = tcp[0] as ConnectionEvent;
    const at = events.indexOf(first);
    const out = [...j.events(events.slice(0, at + 1), 0)];
    expect(out.some((e) => e.seq === first.seq)).toBe(false);
    expect(j.tick(1000)).toEqual([]);
    expect(j.deadline).toBe(5000);
    // The other end closes at 2000: from then on the first waits holdMs.
    out.push(...j.events(events.slice(at + 1), 2000));
    expect(j.deadline).toBe(2100);
    out.push(...j.tick(2100));
    expect(out.some((e) => e.seq === first.seq)).toBe(true);
  });
});

describe("the TUI's connection pane", () => {
  it("gets an rtt/retransmits column only when some connection has the kernel's view", async () => {
    const { connectionTable } = await import("../../src/render/tui/view-model.js");
    const row = {
      id: 4,
      pid: 7,
      transport: "tcp" as const,
      role: "client" as const,
      state: "closed" as const,
      bytesIn: 10,
      bytesOut: 10,
    };
    expect(connectionTable([row], 120).header).not.toContain("rtt");
    const layout = connectionTable([{ ...row, kernel: info(3) }], 120);
    expect(layout.header).toContain("rtt/retr");
    expect(layout.lines[0]).toContain("40.2ms/3");
  });
});
