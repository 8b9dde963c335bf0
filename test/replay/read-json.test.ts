// `read` of sockscope's own JSON lines: a trace recorded with --json opens again in every view as the
// strace log did, explains with the recording machine's sysctls (its "machine" note), and a second
// round through --json writes the same lines. Run whole, in process, through the CLI's entry.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { eventsFromText } from "../../src/pipeline.js";
import { eventJson } from "../../src/render/jsonl.js";
import { describeMachine } from "../../src/replay/machine.js";
import { isSockscopeJson } from "../../src/replay/sniff.js";
import { readWireLine } from "../../src/replay/wire.js";
import type { Io } from "../../src/session/process-io.js";
import { LOGS } from "../helpers/logs.js";

class Capture extends Writable {
  text = "";
  isTTY = false;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString("utf8");
    done();
  }
}

async function sockscope(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: Io = {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { PATH: process.env.PATH },
    cwd: process.cwd(),
    inheritedFds: [],
  };
  const code = await main(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const dir = mkdtempSync(join(tmpdir(), "sockscope-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `read --json LOG` written to a file: the recording a CI job would keep. */
async function recorded(log: string, extra: string[] = []): Promise<string> {
  const r = await sockscope(["read", "--json", ...extra, join(LOGS, log)]);
  expect(r.code).toBe(extra.includes("--fail-on") ? 3 : 0);
  const file = join(dir, `${log}${extra.join("")}.jsonl`);
  writeFileSync(file, r.stdout);
  return file;
}

const ROUND_TRIP = [
  "tcp-echo.o-yy-tt-T.strace",
  "curl-http-server.o-yy-tt-T.strace",
  "errors.o-yy-tt-T.strace",
  "dns-local.o-yy-tt-T.strace",
  "families-halfclose.o-yy-tt-T.strace",
  "curl-refused.err-yy-tt.strace",
];

describe.each(ROUND_TRIP)("%s recorded as JSON lines", (log) => {
  test("read --json of the JSON writes the same JSON", async () => {
    const file = await recorded(log);
    const again = await sockscope(["read", "--json", file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(readFileSync(file, "utf8"));
  });

  test.each(["text", "pretty", "markdown", "mermaid"])("the %s view is the strace log's", async (format) => {
    const file = await recorded(log);
    const fromLog = await sockscope(["read", "--format", format, join(LOGS, log)]);
    const fromJson = await sockscope(["read", "--format", format, file]);
    expect(fromJson.code).toBe(fromLog.code);
    expect(fromJson.stdout).toBe(fromLog.stdout);
  });
});

test("--stable, --errors-only and --all work on the JSON as on the log", async () => {
  const log = "curl-http-server.o-yy-tt-T.strace";
  const file = await recorded(log);
  for (const args of [["--stable"], ["--errors-only"], ["--all"], ["--stable", "--json"]]) {
    const a = await sockscope(["read", ...args, join(LOGS, log)]);
    const b = await sockscope(["read", ...args, file]);
    expect(b.stdout, args.join(" ")).toBe(a.stdout);
  }
});

test("--fail-on checks the recorded events again: the same verdict and message as the log's", async () => {
  const log = "curl-refused.o-yy-tt-T.strace";
  const file = await recorded(log);
  const a = await sockscope(["read", "--fail-on", "refused", join(LOGS, log)]);
  const b = await sockscope(["read", "--fail-on", "refused", file]);
  expect(a.code).toBe(3);
  expect(b.code).toBe(3);
  expect(b.stderr).toBe(a.stderr);
  // A recording made without the rule is not held to it, and one made with it is judged again.
  expect((await sockscope(["read", file])).code).toBe(0);
  const strict = await recorded(log, ["--fail-on", "refused"]);
  expect((await sockscope(["read", strict])).code).toBe(0);
});

describe("the machine note", () => {
  const MACHINE = {
    kernel: "6.1.0-test",
    somaxconn: 17,
    tcpRmem: [4096, 131072, 6291456] as [number, number, number],
  };

  /** A trace as a live run on a machine with somaxconn 17 records it: the note first, no explanations. */
  function recordedElsewhere(): string {
    const text = readFileSync(join(LOGS, "errors.o-yy-tt-T.strace"), "utf8");
    const events = eventsFromText(text, {
      machine: MACHINE,
      redact: { limit: 32, none: false },
    });
    const file = join(dir, "somaxconn17.jsonl");
    writeFileSync(file, events.map((e) => `${eventJson(e)}\n`).join(""));
    return file;
  }

  test("is the first event of a live trace, with the facts and one line of text", () => {
    const events = eventsFromText("1 close(3) = 0\n", { machine: MACHINE });
    expect(events[0]).toEqual({
      type: "note",
      seq: 1,
      lineNo: 0,
      note: "machine",
      text: "machine: Linux 6.1.0-test, somaxconn 17, tcp_rmem 4096 131072 6291456",
      machine: MACHINE,
    });
    expect(events[1]?.seq).toBe(2);
    expect(eventsFromText("1 close(3) = 0\n").some((e) => e.type === "note")).toBe(false);
    expect(describeMachine({})).toBe("machine: no sysctl could be read");
  });

  test("stays first under --stable", () => {
    const text = readFileSync(join(LOGS, "tcp-echo.o-yy-tt-T.strace"), "utf8");
    const events = eventsFromText(text, { machine: MACHINE, stable: true });
    expect(events[0]).toMatchObject({
      type: "note",
      note: "machine",
      seq: 1,
      text: describeMachine(MACHINE),
    });
  });

  test("read of the JSON explains with the recorded somaxconn, not the reader's, in every view", async () => {
    const file = recordedElsewhere();
    const quoted = /net\.core\.somaxconn = 17\b/;
    const text = await sockscope(["read", file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("(machine: Linux 6.1.0-test, somaxconn 17, tcp_rmem 4096 131072 6291456)");
    expect(text.stdout).toMatch(quoted);
    const pretty = await sockscope(["read", "--format", "pretty", file]);
    expect(pretty.stdout).toContain("machine: Linux 6.1.0-test, somaxconn 17");
    expect(pretty.stdout.replace(/\s+/g, " ")).toMatch(quoted);
    const markdown = await sockscope(["read", "--format", "markdown", file]);
    expect(markdown.stdout).toContain("- machine: Linux 6.1.0-test, somaxconn 17");
    expect(markdown.stdout).toMatch(quoted);
    const mermaid = await sockscope(["read", "--format", "mermaid", file]);
    expect(mermaid.stdout).toContain("sequenceDiagram");
    expect(mermaid.stdout).not.toContain("machine");
    const full = await sockscope(["read", "--json", "--explain", "full", file]);
    const listen = full.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { name?: string; explain?: { summary: string; structures?: string[] } })
      .find((e) => e.name === "listen");
    expect(listen?.explain?.summary).toMatch(quoted);
    expect(listen?.explain?.structures).toBeDefined();
    // The note is written again as it was, first.
    expect(full.stdout.split("\n")[0]).toBe(readFileSync(file, "utf8").split("\n")[0]);
  });

  test("without a machine note, the reader's sysctls are not quoted as the traced machine's", async () => {
    const file = await recorded("errors.o-yy-tt-T.strace", ["--explain", "none"]);
    const text = await sockscope(["read", file]);
    expect(text.stdout).toContain("listen(");
    expect(text.stdout).toContain("capped at net.core.somaxconn.");
    expect(text.stdout).not.toMatch(/net\.core\.somaxconn = \d/);
  });
});

describe("input that is not quite sockscope JSON", () => {
  test("a line that is not an event is reported as not understood; the rest is read", async () => {
    const file = await recorded("tcp-echo.o-yy-tt-T.strace");
    const lines = readFileSync(file, "utf8").split("\n");
    lines.splice(3, 0, "{not json", '{"v":1,"type":"syscall","seq":"x"}');
    const broken = join(dir, "broken.jsonl");
    writeFileSync(broken, lines.join("\n"));
    const r = await sockscope(["read", broken]);
    const clean = await sockscope(["read", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("line 4 not understood (not JSON)");
    expect(r.stdout).toMatch(/line 5 not understood \(not a sockscope v1 event at seq: /);
    expect(r.stdout.split("\n").filter((l) => !l.includes("not understood"))).toEqual(
      clean.stdout.split("\n"),
    );
  });

  test("a line of a newer schema is a one-line error, exit 2", async () => {
    const file = join(dir, "newer.jsonl");
    writeFileSync(file, '{"v":2,"type":"note","seq":1,"lineNo":0,"note":"machine","text":"x"}\n');
    const r = await sockscope(["read", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/line 1 is sockscope JSON schema v2, newer than this sockscope reads \(v1\)/);
  });

  test("detection: only a sockscope event on the first non-blank line makes the input JSON", async () => {
    expect(isSockscopeJson('{"v":1,"type":"syscall"}')).toBe(true);
    expect(isSockscopeJson('{"v":9,"type":"summary"}')).toBe(true);
    expect(isSockscopeJson('{"type":"syscall"}')).toBe(false);
    expect(isSockscopeJson('{"v":1,"type":"other"}')).toBe(false);
    expect(isSockscopeJson("{ not json")).toBe(false);
    expect(isSockscopeJson("1234 close(3) = 0")).toBe(false);
    expect(readWireLine("[]")).toMatchObject({ ok: false });
    // A strace log that happens to start with a brace is still read as strace.
    const file = join(dir, "brace.strace");
    writeFileSync(file, "{weird}\n1 close(3) = 0\n");
    const r = await sockscope(["read", "--all", file]);
    expect(r.stdout).toContain("close(3)");
    expect(r.stdout).toContain("line 1 not understood");
  });

  test("blank lines before the first event are skipped", async () => {
    const file = await recorded("tcp-echo.o-yy-tt-T.strace");
    const padded = join(dir, "padded.jsonl");
    writeFileSync(padded, `\n  \n${readFileSync(file, "utf8")}`);
    const a = await sockscope(["read", file]);
    const b = await sockscope(["read", padded]);
    expect(b.stdout).toBe(a.stdout);
  });
});
