// --format perfetto: every recorded log gives a trace that parses and fits the trace-event schema
// (perfetto-trace.ts), with its arrows inside slices; a forking server's arrows are the ones the
// model's pairing promises; credentials stay masked; --stable is byte-identical and timeless.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { ConnectionEvent } from "../../src/core/events.js";
import { RECV_CALLS, SEND_CALLS } from "../../src/core/syscalls.js";
import { eventsFromText } from "../../src/pipeline.js";
import { createPerfettoRenderer } from "../../src/render/perfetto.js";
import { runCli } from "../helpers/cli.js";
import { LOGS, recordedLogs } from "../helpers/logs.js";
import { checkTrace } from "./perfetto-trace.js";

function render(text: string, stable = false): string {
  const r = createPerfettoRenderer({ stable });
  let out = "";
  for (const e of eventsFromText(text)) out += r.event(e);
  return out + r.end();
}

/** Server sockets whose client the trace also holds: one connect → accept arrow each. */
function acceptedFromTracedClients(text: string): number {
  return eventsFromText(text).filter(
    (e): e is ConnectionEvent => e.type === "connection" && e.role === "server" && e.peer !== undefined,
  ).length;
}

test("with no events at all, still one valid JSON object", () => {
  const r = createPerfettoRenderer();
  const { trace } = checkTrace(r.end());
  expect(trace.traceEvents.map((e) => e.ph)).toEqual(["M"]);
});

test("streams: the opening and each event come out as they arrive, the closing at the end", () => {
  const r = createPerfettoRenderer();
  const events = eventsFromText(readFileSync(join(LOGS, "tcp-echo.o-yy-tt-T.strace"), "utf8"));
  const first = events.find((e) => e.type === "syscall");
  if (first === undefined) throw new Error("no call in the log");
  const head = r.event(first);
  expect(head).toMatch(/^\{"traceEvents":\[\n/);
  expect(head).toContain(`"name":${JSON.stringify(first.name)}`);
  expect(head).not.toContain("otherData");
  expect(r.end()).toMatch(/^\n\],"displayTimeUnit":"ms","otherData":\{.*\}\}\n$/);
});

// fixtures/golden/<log>.txt are the text renders of these logs: the strace logs themselves are here.
describe.each(recordedLogs().map((log) => ({ name: log.name, text: log.text })))(
  "$name",
  ({ name, text }) => {
    test("fits the trace-event schema; arrows join slices; one connect → accept per traced pair", () => {
      const out = render(text);
      const { slices, flows } = checkTrace(out);
      expect(slices.length, name).toBeGreaterThan(0);
      const accepts = flows.filter((f) => f.name === "connect → accept");
      for (const f of accepts) {
        expect(f.from.name).toBe("connect");
        expect(f.to.name).toMatch(/^accept4?$/);
      }
      expect(accepts.length).toBe(acceptedFromTracedClients(text));
      for (const f of flows.filter((x) => x.name === "bytes")) {
        expect(SEND_CALLS.has(f.from.name) || f.from.args.bytesOut !== undefined).toBe(true);
        expect(RECV_CALLS.has(f.to.name) || f.to.args.bytesIn !== undefined).toBe(true);
        // The other end of the connection: another socket, whoever holds it.
        expect(f.to.args.conn).not.toBe(f.from.args.conn);
      }
      // --stable too: seq as the clock.
      checkTrace(render(text, true));
    });
  },
);

describe("a forking server", () => {
  const text = readFileSync(join(LOGS, "forking-server.o-yy-tt-T.strace"), "utf8");
  const { slices, flows, trace } = checkTrace(render(text));

  test("one connect → accept arrow per accepted connection whose client was traced", () => {
    const accepted = acceptedFromTracedClients(text);
    expect(accepted).toBe(2);
    const arrows = flows.filter((f) => f.name === "connect → accept");
    expect(arrows).toHaveLength(accepted);
    // Each from a different client process to the listening parent.
    expect(new Set(arrows.map((f) => f.from.tid)).size).toBe(2);
    expect(new Set(arrows.map((f) => f.to.tid))).toEqual(new Set([arrows[0]?.to.tid]));
    // Each to the accept that made the server's socket: two different connections.
    expect(new Set(arrows.map((f) => f.to.args.newConn)).size).toBe(2);
  });

  test("bytes arrows go from a write to a read of the same bytes at the other end", () => {
    const bytes = flows.filter((f) => f.name === "bytes");
    // Two clients, each two messages there and back.
    expect(bytes).toHaveLength(8);
    for (const f of bytes) {
      expect(f.from.name).toBe("sendto");
      expect(f.to.name).toBe("recvfrom");
      expect(f.to.tid).not.toBe(f.from.tid);
      expect(f.to.args.bytesIn).toBe(f.from.args.bytesOut);
      // The read happened after the write started.
      expect(f.to.ts + f.to.dur).toBeGreaterThan(f.from.ts);
    }
  });

  test("tracks: pid is the thread group, names from the process; connections as async slices", () => {
    const names = trace.traceEvents.filter((e) => e.ph === "M" && e.name === "process_name");
    expect(names.map((e) => (e.ph === "M" ? e.args.name : ""))).toContain("forking-server");
    expect(names.map((e) => (e.ph === "M" ? e.args.name : ""))).toContain("connections");
    const begins = trace.traceEvents.filter((e) => e.ph === "b");
    expect(begins).toHaveLength(5);
    const exits = trace.traceEvents.filter((e) => e.ph === "i" && e.cat === "exit");
    expect(exits.length).toBeGreaterThan(0);
    const blocked = slices.find((s) => s.name === "recvfrom" && s.dur > 500);
    expect(blocked, "a read that waited is a long slice").toBeDefined();
  });
});

test("a read that returned before its write: the arrow still goes from the write", () => {
  // A socketpair: the model knows both ends. The reader's call returns first in the stream.
  const out = render(
    [
      "100  10:00:00.000001 socketpair(AF_UNIX, SOCK_STREAM, 0, [3<UNIX-STREAM:[1001->1002]>, 4<UNIX-STREAM:[1002->1001]>]) = 0 <0.000010>",
      "100  10:00:00.000100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0003bc4a10) = 101 <0.000050>",
      "101  10:00:00.000200 read(4<UNIX-STREAM:[1002->1001]>,  <unfinished ...>",
      '100  10:00:00.000300 write(3<UNIX-STREAM:[1001->1002]>, "hello world", 11 <unfinished ...>',
      '101  10:00:00.000400 <... read resumed>"hello", 5) = 5 <0.000200>',
      "100  10:00:00.000500 <... write resumed>) = 11 <0.000200>",
      '101  10:00:00.000600 read(4<UNIX-STREAM:[1002->1001]>, " world", 64) = 6 <0.000010>',
      "",
    ].join("\n"),
  );
  const { flows } = checkTrace(out);
  const bytes = flows.filter((f) => f.name === "bytes");
  expect(bytes.map((f) => `${f.from.name}→${f.to.name}`)).toEqual(["write→read", "write→read"]);
  expect(bytes.map((f) => f.to.args.bytesIn)).toEqual([5, 6]);
});

describe("redaction", () => {
  const LOG = [
    "100  10:00:00.000001 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[1001]> <0.000010>",
    '100  10:00:00.000100 connect(3<TCP:[1001]>, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000010>',
    '100  10:00:00.000200 write(3<TCP:[127.0.0.1:40000->127.0.0.1:80]>, "GET / HTTP/1.1\\r\\nAuthorization: Bearer S3cr3t-token\\r\\n\\r\\n", 54) = 54 <0.000010>',
    "",
  ].join("\n");

  test("a bearer token in a write's buffer is masked", async () => {
    const r = await runCli(["read", "-", "--format", "perfetto", "--payload", "4096"], { stdin: LOG });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const { slices } = checkTrace(r.stdout);
    const write = slices.find((s) => s.name === "write");
    expect(write?.args.args).toMatch(/Authorization: \*\*\*/);
    expect(r.stdout).not.toContain("S3cr3t");
  });

  test("the same log unredacted shows it: the test above can fail", () => {
    expect(render(LOG)).toContain("S3cr3t-token");
  });
});

describe("--stable", () => {
  const log = join(LOGS, "forking-server.o-yy-tt-T.strace");
  const run = () => runCli(["read", log, "--format", "perfetto", "--stable", "--all"]);

  test("two runs are byte-identical, with seq as the clock and no real time anywhere", async () => {
    const [a, b] = [await run(), await run()];
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const { trace } = checkTrace(a.stdout);
    expect(trace.otherData.clock).toBe("seq");
    const events = eventsFromText(readFileSync(log, "utf8"));
    for (const e of trace.traceEvents) {
      if ("ts" in e) expect(e.ts).toBeLessThanOrEqual(events.length + 1);
      if (e.ph === "X") expect(e.dur).toBeLessThan(1);
    }
    // The log's times of day (01:18:25.466534 is 4705.466534 s after midnight) show nowhere.
    expect(a.stdout).not.toMatch(/4705\d{3}|01:18:25/);
  });
});
