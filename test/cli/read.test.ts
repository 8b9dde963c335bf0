// `sockscope read` as a user runs it: the built CLI in a real process, reading files, stdin and
// FIFOs, with its exit statuses and one-line errors.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { EventSchema } from "../../src/events/schema.js";
import { createWorkDir, readableCliCopy } from "../helpers/live.js";
import { LOGS } from "../helpers/logs.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
afterAll(() => work.remove());

function sockscope(args: string[], options: { input?: string | Buffer; inputFile?: string } = {}) {
  return execa(process.execPath, [BIN, ...args], { reject: false, stripFinalNewline: false, ...options });
}

const ECHO_LOG = join(LOGS, "tcp-echo.o-yy-tt-T.strace");

describe("reading a log", () => {
  test("text: one line per call, then the summary; no escape codes", async () => {
    const r = await sockscope(["read", ECHO_LOG]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) = 3/);
    expect(r.stdout).toMatch(/-- summary: \d+ lines, 2 pid\(s\)/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  test("--json: every line is a schema-valid event, the summary last", async () => {
    const r = await sockscope(["read", "--json", ECHO_LOG]);
    expect(r.exitCode).toBe(0);
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
    const fromStdin = await sockscope(["read", "--json", "-"], { inputFile: ECHO_LOG });
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  test("-o writes the report to a file and nothing to stdout", async () => {
    const out = join(work.dir, "report.jsonl");
    const r = await sockscope(["read", "--json", "-o", out, ECHO_LOG]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8").split("\n").at(-2)).toMatch(/"type":"summary"/);
  });

  test("--no-summary leaves the summary out", async () => {
    const r = await sockscope(["read", "--json", "--no-summary", ECHO_LOG]);
    expect(r.stdout).not.toMatch(/"type":"summary"/);
  });

  test("a FIFO is read as it is written", async () => {
    const fifo = join(work.dir, "trace.fifo");
    await execa("mkfifo", [fifo]);
    const reader = sockscope(["read", "--json", fifo]);
    writeFileSync(fifo, readFileSync(ECHO_LOG));
    const r = await reader;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/"type":"summary"/);
  });

  test("a closed pipe ends the output quietly", async () => {
    const r = await execa(
      "bash",
      ["-c", `'${process.execPath}' '${BIN}' read --json '${ECHO_LOG}' | head -1`],
      { reject: false },
    );
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")).toHaveLength(1);
  });
});

describe("bad input: one line on stderr, exit 2, no stack trace", () => {
  test.each([
    { label: "missing file", path: join(work.dir, "nope.strace"), message: /no such file/ },
    { label: "directory", path: work.dir, message: /is a directory/ },
  ])("$label", async ({ path, message }) => {
    const r = await sockscope(["read", path]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  test("an unreadable file", async () => {
    // In a directory everyone may enter (work.dir is 0700), so that only the file's mode refuses.
    const open = mkdtempSync(join(tmpdir(), "sockscope-read-"));
    chmodSync(open, 0o755);
    const path = join(open, "secret.strace");
    writeFileSync(path, "x\n", { mode: 0o000 });
    // root reads anything: run as nobody when root, so the permission check is real; from a copy of
    // the CLI nobody can read (this checkout may be in a directory only root can enter).
    const asNobody = process.getuid?.() === 0;
    const cli = asNobody ? readableCliCopy() : undefined;
    try {
      const r = cli
        ? await execa(
            "setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, cli.bin, "read", path],
            { reject: false },
          )
        : await sockscope(["read", path]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/permission denied/);
    } finally {
      cli?.remove();
      rmSync(open, { recursive: true, force: true });
    }
  });

  test("an unknown format is a usage error", async () => {
    const r = await sockscope(["read", "--format", "xml", ECHO_LOG]);
    expect(r.exitCode).toBe(2);
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
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    for (const line of lines) expect(EventSchema.safeParse(JSON.parse(line)).error).toBeUndefined();
    expect(JSON.parse(lines.at(-1) ?? "{}").type).toBe("summary");
  });

  test("a log cut mid-line reports the cut and keeps everything before it", async () => {
    const text = readFileSync(ECHO_LOG, "utf8");
    const cut = text.slice(0, text.indexOf("\n", 3000) + 20);
    const r = await sockscope(["read", "--json", "-"], { input: cut });
    const events = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const summary = events.at(-1);
    expect(summary.truncated).toBe(true);
    expect(summary.lines).toBe(cut.split("\n").length);
  });
});
