// The views as the CLI picks them: text when not a terminal, pretty colour only when asked or on a
// TTY (NO_COLOR wins unless FORCE_COLOR), Markdown appended to --summary-file or GITHUB_STEP_SUMMARY.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { createWorkDir } from "../helpers/live.js";
import { LOGS } from "../helpers/logs.js";

const LOG = join(LOGS, "tcp-echo.o-yy-tt-T.strace");
const work = createWorkDir();
afterAll(() => work.remove());

// In process, with the test's environment less GITHUB_STEP_SUMMARY, NO_COLOR, FORCE_COLOR and CI
// (runCli leaves them out), plus what each test sets.
const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

describe("format and colour", () => {
  test("not a terminal: plain text, no escape codes", async () => {
    const r = await run(["read", LOG]);
    expect(r.stdout).toMatch(/socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) = 3/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  test("--format pretty without a terminal: no colour, unless FORCE_COLOR", async () => {
    const plain = await run(["read", "--format", "pretty", LOG]);
    expect(plain.stdout).toMatch(/connect\(fd 3, 127\.0\.0\.1:47001, 16\) → 0/);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const forced = await run(["read", "--format", "pretty", LOG], { FORCE_COLOR: "1" });
    expect(forced.stdout).toMatch(/\u001b\[3\dm/);
  });

  test("on a terminal: pretty in colour; NO_COLOR takes the colour away, FORCE_COLOR wins over it", async () => {
    const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");
    const coloured = await runCli(["read", LOG], { tty: true });
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toMatch(/\u001b\[3\dm/);
    expect(plain(coloured.stdout)).toMatch(/connect\(fd 3, 127\.0\.0\.1:47001, 16\) → 0/);
    const noColor = await runCli(["read", LOG], { tty: true, env: { NO_COLOR: "1" } });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    expect(noColor.stdout).toBe(plain(coloured.stdout));
    const forced = await runCli(["read", LOG], { tty: true, env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
    expect(forced.stdout).toMatch(/\u001b\[3\dm/);
  });

  test("mermaid: a sequence diagram", async () => {
    const r = await run(["read", "--format", "mermaid", LOG]);
    expect(r.stdout).toMatch(/^sequenceDiagram\n/);
    expect(r.stdout).toMatch(/->>p\d+: 16 bytes \(conn 2\)/);
  });
});

describe("the Markdown summary file", () => {
  test("--summary-file appends the report", async () => {
    const file = join(work.dir, "summary.md");
    writeFileSync(file, "# before\n");
    const r = await run(["read", "-o", "/dev/null", "--summary-file", file, LOG]);
    expect(r.code).toBe(0);
    const md = readFileSync(file, "utf8");
    expect(md).toMatch(/^# before\n## sockscope: network report/);
    expect(md).toMatch(/\| 2 \| 8076 \| tcp \| client \| 127\.0\.0\.1:54380 \| 127\.0\.0\.1:47001 \|/);
    expect(md).toMatch(/```mermaid\nsequenceDiagram/);
  });

  test("GITHUB_STEP_SUMMARY is used by default, and --summary-file none turns it off", async () => {
    const file = join(work.dir, "step-summary.md");
    writeFileSync(file, "");
    await run(["read", "-o", "/dev/null", LOG], { GITHUB_STEP_SUMMARY: file });
    expect(readFileSync(file, "utf8")).toMatch(/## sockscope: network report/);
    writeFileSync(file, "");
    await run(["read", "-o", "/dev/null", "--summary-file", "none", LOG], { GITHUB_STEP_SUMMARY: file });
    expect(readFileSync(file, "utf8")).toBe("");
  });

  test("broken rules are in the Markdown report", async () => {
    const file = join(work.dir, "rules.md");
    const r = await run([
      "read",
      "-o",
      "/dev/null",
      "--fail-on",
      "refused",
      "--summary-file",
      file,
      join(LOGS, "curl-refused.o-yy-tt-T.strace"),
    ]);
    expect(r.code).toBe(3);
    expect(readFileSync(file, "utf8")).toMatch(/### Broken rules\n\n- \*\*refused\*\*: pid \d+ connection/);
  });
});

describe("filters", () => {
  const lines = async (args: string[]) =>
    (await run(["read", "--json", "--no-summary", ...args, LOG])).stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));

  test("--syscall keeps only those calls", async () => {
    const events = await lines(["--syscall", "connect,accept"]);
    expect(events.map((e) => e.name).sort()).toEqual(["accept", "connect"]);
  });

  test("--pid keeps one process", async () => {
    const events = await lines(["--pid", "8076"]);
    expect(events.length).toBeGreaterThan(5);
    expect(new Set(events.map((e) => e.pid))).toEqual(new Set([8076]));
  });

  test("--conn keeps one connection's calls and its connection event", async () => {
    const events = await lines(["--conn", "conn#2"]);
    expect(events.every((e) => e.socket?.id === 2 || e.newSocket?.id === 2 || e.id === 2)).toBe(true);
    expect(events.some((e) => e.type === "connection")).toBe(true);
  });

  test("--errors-only keeps failed calls", async () => {
    const events = await lines(["--errors-only"]);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.type !== "syscall" || e.errno !== undefined)).toBe(true);
  });

  test("-p PID still means attach (strace's flag), --pid filters", async () => {
    const r = await run(["-p", "999999999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no process with pid 999999999/);
  });
});
