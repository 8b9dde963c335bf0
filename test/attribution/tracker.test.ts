// Per-test attribution on hand-written strace lines: the marker rules of src/attribution/tracker.ts
// (README.md, "Per-test attribution").
import { describe, expect, test } from "vitest";
import type { ConnectionEvent, SummaryEvent } from "../../src/core/events.js";
import { EventSchema } from "../../src/events/schema.js";
import { eventsFromText } from "../../src/pipeline.js";
import { eventJson } from "../../src/render/jsonl.js";
import { createMarkdownRenderer } from "../../src/render/markdown.js";
import { formatConnection, formatSummary } from "../../src/render/text.js";
import { runCli } from "../helpers/cli.js";

let t = 0;
/** One strace -f -yy -ttt line of pid `pid`. */
const line = (pid: number, call: string) => `${pid}  1700000000.${String(++t).padStart(6, "0")} ${call}`;
const mark = (pid: number, name: string, fd = 9, path = "/dev/null<char 1:3>") => {
  const text = `sockscope:test=${name}\\n`;
  const n = Buffer.byteLength(`sockscope:test=${name}\n`);
  return line(pid, `write(${fd}<${path}>, "${text}", ${n}) = ${n}`);
};
/** A TCP client socket on fd `fd` to 127.0.0.1:port: socket, connect, write `out` bytes, close. */
const client = (pid: number, fd: number, port: number, local: number, out = 4) => [
  line(pid, `socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = ${fd}<TCP:[${9000 + local}]>`),
  line(
    pid,
    `connect(${fd}<TCP:[${9000 + local}]>, {sa_family=AF_INET, sin_port=htons(${port}), sin_addr=inet_addr("127.0.0.1")}, 16) = 0`,
  ),
  line(
    pid,
    `write(${fd}<TCP:[127.0.0.1:${local}->127.0.0.1:${port}]>, "${"x".repeat(out)}", ${out}) = ${out}`,
  ),
  line(pid, `close(${fd}<TCP:[127.0.0.1:${local}->127.0.0.1:${port}]>) = 0`),
];

function run(lines: string[], options: Parameters<typeof eventsFromText>[1] = {}) {
  const events = eventsFromText(`${lines.join("\n")}\n`, options);
  const connections = events.filter((e): e is ConnectionEvent => e.type === "connection");
  const summary = events.find((e): e is SummaryEvent => e.type === "summary");
  return { events, connections, summary, tests: connections.map((c) => c.test ?? null) };
}

describe("per-test attribution", () => {
  test("a marker names the test of the calls after it in that process; an empty one ends it", () => {
    const r = run([
      ...client(100, 3, 80, 40001),
      mark(100, "login works"),
      ...client(100, 3, 80, 40002),
      ...client(100, 4, 81, 40003, 10),
      mark(100, ""),
      ...client(100, 3, 80, 40004),
      mark(100, "logout"),
      mark(100, ""),
    ]);
    expect(r.tests).toEqual([null, "login works", "login works", null]);
    expect(r.summary?.tests).toEqual([
      {
        name: "login works",
        connections: 2,
        endpoints: ["127.0.0.1:80", "127.0.0.1:81"],
        bytesIn: 0,
        bytesOut: 14,
        violations: 0,
      },
      { name: "logout", connections: 0, endpoints: [], bytesIn: 0, bytesOut: 0, violations: 0 },
    ]);
  });

  test("a forked child inherits its parent's test at the fork, until its own marker", () => {
    const r = run([
      mark(100, "a"),
      line(100, "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD) = 101"),
      mark(100, "b"),
      ...client(101, 3, 80, 40001),
      mark(101, "c"),
      ...client(101, 4, 80, 40002),
      ...client(100, 3, 80, 40003),
    ]);
    expect(r.tests).toEqual(["a", "c", "b"]);
  });

  const thread = (pid: number, child: number) =>
    line(
      pid,
      `clone(child_stack=0x7f, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM) = ${child}`,
    );

  test("worker threads' markers: each its own thread and what it makes; the main thread is in none", () => {
    const r = run([
      thread(100, 102),
      thread(100, 103),
      mark(102, "in thread 102"),
      mark(103, "in thread 103"),
      ...client(102, 3, 80, 40001),
      ...client(103, 4, 80, 40002),
      // The main thread (a server, say) wrote no marker: worker threads' markers are not its.
      ...client(100, 5, 80, 40003),
      // A thread made by 102 during its test is in it.
      thread(102, 104),
      ...client(104, 6, 80, 40004),
    ]);
    expect(r.tests).toEqual(["in thread 102", "in thread 103", null, "in thread 102"]);
  });

  test("the main thread's marker: the whole process follows it (a runtime's other threads too)", () => {
    const r = run([
      thread(100, 102),
      mark(100, "a"),
      ...client(102, 3, 80, 40001),
      mark(100, "b"),
      ...client(102, 4, 80, 40002),
    ]);
    expect(r.tests).toEqual(["a", "b"]);
  });

  test("only a write to /dev/null is a marker: a program's output that starts with the text is not", () => {
    const r = run([
      mark(100, "to stdout", 1, "/dev/pts/0<char 136:0>"),
      line(100, 'write(1, "sockscope:test=no path\\n", 24) = 24'),
      ...client(100, 3, 80, 40001),
    ]);
    expect(r.tests).toEqual([null]);
    expect(r.summary?.tests).toBeUndefined();
  });

  test("a marker cut by strace's string limit names the test with what was captured and a …", () => {
    const r = run([
      line(100, 'write(9</dev/null<char 1:3>>, "sockscope:test=a very long test n"..., 40) = 40'),
      ...client(100, 3, 80, 40001),
      // Cut inside the prefix: not known to be a marker.
      line(100, 'write(9</dev/null<char 1:3>>, "sockscope:te"..., 40) = 40'),
      ...client(100, 4, 80, 40002),
    ]);
    expect(r.tests).toEqual(["a very long test n…", "a very long test n…"]);
  });

  test("redaction does not hide a marker (--no-payload, --payload 4): attribution reads it first", () => {
    for (const redact of [
      { limit: 4, none: false, mask: true },
      { limit: 32, none: true, mask: true },
    ]) {
      const r = run([mark(100, "x"), ...client(100, 3, 80, 40001)], { redact });
      expect(r.tests).toEqual(["x"]);
    }
  });

  test("a broken rule names its test, and the test's row counts it; --stable keeps the table", () => {
    const lines = [
      mark(100, "calls out"),
      line(
        100,
        'connect(3<TCP:[9]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("192.0.2.1")}, 16) = -1 ECONNREFUSED (Connection refused)',
      ),
      mark(100, "stays home"),
    ];
    for (const stable of [false, true]) {
      const r = run(lines, { policy: { rules: ["external"], allow: [] }, stable });
      const v = r.summary?.violations[0];
      expect(v?.test).toBe("calls out");
      expect(v?.message).toMatch(/\(test: calls out\)$/);
      expect(r.summary?.tests?.map((x) => [x.name, x.violations])).toEqual([
        ["calls out", 1],
        ["stays home", 0],
      ]);
    }
  });
});

describe("per-test views", () => {
  const lines = [
    mark(100, "two | calls"),
    ...client(100, 3, 80, 40001),
    ...client(100, 4, 81, 40002),
    mark(100, "none"),
    mark(100, ""),
  ];

  test("Markdown: a Per test table; text: a per-test section and each connection's test", () => {
    const { events } = run(lines);
    const md = createMarkdownRenderer();
    for (const e of events) md.event(e);
    const report = md.end();
    expect(report).toContain("### Per test");
    expect(report).toContain("| two \\| calls | 2 | 127.0.0.1:80, 127.0.0.1:81 | 8 | 0 | 0 |");
    expect(report).toContain("| none | 0 |  | 0 | 0 | 0 |");
    const summary = events.find((e): e is SummaryEvent => e.type === "summary");
    if (summary === undefined) throw new Error("no summary");
    expect(formatSummary(summary)).toContain(
      '-- per test: 2 --\n"two | calls": 2 connection(s) to 127.0.0.1:80, 127.0.0.1:81',
    );
    const conn = events.find((e): e is ConnectionEvent => e.type === "connection");
    expect(conn && formatConnection(conn)).toContain('test "two | calls"');
  });

  test("no marker: no per-test section anywhere", () => {
    const { events, summary } = run(client(100, 3, 80, 40001));
    const md = createMarkdownRenderer();
    for (const e of events) md.event(e);
    expect(md.end()).not.toContain("Per test");
    expect(summary && formatSummary(summary)).not.toContain("per test");
  });

  test("JSON: the fields validate against the wire schema and read back", () => {
    const { events } = run(lines);
    for (const e of events) {
      const wire = EventSchema.parse(JSON.parse(eventJson(e)));
      if (wire.type === "connection") expect(wire.test).toBe("two | calls");
      if (wire.type === "summary") expect(wire.tests?.map((t) => t.name)).toEqual(["two | calls", "none"]);
    }
  });
});

describe("per-test attribution in a --json recording read back", () => {
  test("read keeps the tests; a rule checked again names the test of a connection", async () => {
    const lines = [
      mark(100, "leaky"),
      ...client(100, 3, 80, 40001),
      line(100, "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 4<TCP:[9100]>"),
      line(
        100,
        'connect(4<TCP:[9100]>, {sa_family=AF_INET, sin_port=htons(81), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused)',
      ),
      line(100, "close(4<TCP:[9100]>) = 0"),
      mark(100, ""),
    ];
    const recording = `${run(lines)
      .events.map((e) => eventJson(e))
      .join("\n")}\n`;
    const r = await runCli(["read", "-", "--format", "markdown", "--fail-on", "refused"], {
      stdin: recording,
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("| leaky | 2 | 127.0.0.1:80, 127.0.0.1:81 | 4 | 0 | 1 |");
    expect(r.stdout).toMatch(/- \*\*refused\*\*: .*\(test: leaky\)/);
  });
});
