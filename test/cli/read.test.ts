// `sockscope read`, run in process (runCli): reading files, stdin and FIFOs, with its exit statuses
// and one-line errors. What only a real process shows (a closed pipe, a file another user may not
// read) is in smoke.live.test.ts.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { EventSchema } from "../../src/events/schema.js";
import { runCli } from "../helpers/cli.js";
import { createWorkDir } from "../helpers/live.js";
import { LOGS } from "../helpers/logs.js";

const work = createWorkDir();
afterAll(() => work.remove());

const sockscope = (args: string[], options: { stdin?: string | Buffer } = {}) => runCli(args, options);

const ECHO_LOG = join(LOGS, "tcp-echo.o-yy-tt-T.strace");

describe("reading a log", () => {
  test("text: one line per call, then the summary; no escape codes", async () => {
    const r = await sockscope(["read", ECHO_LOG]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) = 3/);
    expect(r.stdout).toMatch(/-- summary: \d+ lines, 2 pid\(s\)/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  test("--json: every line is a schema-valid event, the summary last", async () => {
    const r = await sockscope(["read", "--json", ECHO_LOG]);
    expect(r.code).toBe(0);
    const events = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    for (const e of events) expect(EventSchema.safeParse(e).error).toBeUndefined();
    expect(events.at(-1).type).toBe("summary");
    const connect = events.find((e) => e.name === "connect");
    expect(connect.args[1].addr.text).toBe("127.0.0.1:47001");
  });

  test("stdin with - gives the same events as the file", async () => {
    const fromFile = await sockscope(["read", "--json", ECHO_LOG]);
    const fromStdin = await sockscope(["read", "--json", "-"], { stdin: readFileSync(ECHO_LOG) });
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  test("-o writes the report to a file and nothing to stdout", async () => {
    const out = join(work.dir, "report.jsonl");
    const r = await sockscope(["read", "--json", "-o", out, ECHO_LOG]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8").split("\n").at(-2)).toMatch(/"type":"summary"/);
  });

  test("--no-summary leaves the summary out", async () => {
    const r = await sockscope(["read", "--json", "--no-summary", ECHO_LOG]);
    expect(r.stdout).not.toMatch(/"type":"summary"/);
  });

  test("a FIFO is read as it is written", async () => {
    const fifo = join(work.dir, "trace.fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = sockscope(["read", "--json", fifo]);
    // Asynchronously: opening a FIFO for writing waits for the reader, which runs in this process.
    await writeFile(fifo, readFileSync(ECHO_LOG));
    const r = await reader;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/"type":"summary"/);
  });
});

describe("bad input: one line on stderr, exit 2, no stack trace", () => {
  test.each([
    { label: "missing file", path: join(work.dir, "nope.strace"), message: /no such file/ },
    { label: "directory", path: work.dir, message: /is a directory/ },
  ])("$label", async ({ path, message }) => {
    const r = await sockscope(["read", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  test("an unknown format is a usage error", async () => {
    const r = await sockscope(["read", "--format", "xml", ECHO_LOG]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are pretty, text, json, markdown, mermaid/);
  });
});

describe("hostile and odd input never crashes", () => {
  test.each([
    { label: "empty file", content: Buffer.alloc(0) },
    {
      label: "1 MB of random bytes",
      content: Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24)),
    },
    {
      label: "a single 5 MB line",
      content: Buffer.from(`1234  write(1, "${"a".repeat(5 << 20)}", 5242880) = 5242880\n`),
    },
    { label: "a log cut mid-line", content: readFileSync(ECHO_LOG).subarray(0, 3000) },
    {
      label: "CRLF line ends",
      content: Buffer.from(readFileSync(ECHO_LOG, "utf8").replaceAll("\n", "\r\n")),
    },
  ])("$label", async ({ content }) => {
    const path = join(work.dir, "odd.strace");
    mkdirSync(work.dir, { recursive: true });
    writeFileSync(path, content);
    const r = await sockscope(["read", "--json", path]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    for (const line of lines) expect(EventSchema.safeParse(JSON.parse(line)).error).toBeUndefined();
    expect(JSON.parse(lines.at(-1) ?? "{}").type).toBe("summary");
  });

  test("a log cut mid-line reports the cut and keeps everything before it", async () => {
    const text = readFileSync(ECHO_LOG, "utf8");
    const cut = text.slice(0, text.indexOf("\n", 3000) + 20);
    const r = await sockscope(["read", "--json", "-"], { stdin: cut });
    const events = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const summary = events.at(-1);
    expect(summary.truncated).toBe(true);
    expect(summary.lines).toBe(cut.split("\n").length);
  });
});

describe("--stable on a recorded log", () => {
  test("the same trace with other pids, times and ephemeral ports gives the same bytes", async () => {
    const text = readFileSync(ECHO_LOG, "utf8");
    // Another run of the same program: other pids, a later clock, another client port.
    const other = text
      .replaceAll("8075", "31337")
      .replaceAll("8076", "31338")
      .replaceAll("54380", "41234")
      .replaceAll("01:18:25.", "13:02:07.");
    const path = join(work.dir, "other-run.strace");
    writeFileSync(path, other);
    for (const format of ["text", "json"]) {
      const first = await sockscope(["read", "--stable", "--format", format, ECHO_LOG]);
      const second = await sockscope(["read", "--stable", "--format", format, path]);
      expect(first.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(first.stdout).not.toMatch(/8075|54380|01:18:25/);
    }
    const text1 = (await sockscope(["read", "--stable", ECHO_LOG])).stdout;
    expect(text1).toMatch(/^p1 +execve\(/m);
    expect(text1).toMatch(/127\.0\.0\.1:eph1/);
  });
});
