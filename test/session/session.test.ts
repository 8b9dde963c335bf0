// The session service, run whole and in process through the CLI's entry with fake streams: the
// interactive view writes the same report and summary file as the report path, and the
// combinations it cannot honour are refused before anything starts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterEach, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/session/process-io.js";
import { LOGS } from "../helpers/logs.js";

const LOG = join(LOGS, "tcp-echo.o-yy-tt-T.strace");

class Capture extends Writable {
  text = "";
  isTTY: boolean;
  columns = 100;
  rows = 40;
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString("utf8");
    done();
  }
}

/** A terminal's stdin as ink uses it: raw mode, ref and unref. */
class FakeTtyIn extends PassThrough {
  isTTY = true;
  isRaw = false;
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

function ioOf(tty: boolean, env: NodeJS.ProcessEnv = {}) {
  const stdout = new Capture(tty);
  const stderr = new Capture(false);
  const stdin = tty ? new FakeTtyIn() : new PassThrough();
  const io: Io = {
    stdin,
    stdout,
    stderr,
    env: { PATH: process.env.PATH, ...env },
    cwd: process.cwd(),
    inheritedFds: [],
  };
  return { io, stdout, stderr, stdin };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sockscope-session-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs `read --tui` until the view says the trace finished, then quits it with q. */
async function readInView(args: string[], env: NodeJS.ProcessEnv = {}, log = LOG) {
  const { io, stdout, stderr, stdin } = ioOf(true, env);
  const run = main(["read", "--tui", ...args, log], io);
  await until(() => stdout.text.includes("trace finished"), "the view to show the whole trace");
  stdin.write("q");
  const code = await run;
  return { code, stderr: stderr.text };
}

test("read --tui -o FILE leaves the report the report path writes, at the asked depth", async () => {
  const dir = tempDir();
  const viewed = join(dir, "viewed.txt");
  const { code } = await readInView(["--stable", "-o", viewed]);
  expect(code).toBe(0);
  const plain = ioOf(false);
  expect(await main(["read", "--stable", LOG], plain.io)).toBe(0);
  expect(plain.stdout.text).toContain("connect(");
  // The view annotates in full; the report keeps --explain brief (the default).
  expect(readFileSync(viewed, "utf8")).toBe(plain.stdout.text);
});

test("read --tui --json -o FILE writes JSON lines; --explain full reaches the report too", async () => {
  const dir = tempDir();
  const out = join(dir, "trace.jsonl");
  const { code } = await readInView(["--json", "--explain", "full", "--stable", "-o", out]);
  expect(code).toBe(0);
  const lines = readFileSync(out, "utf8").trim().split("\n");
  const events = lines.map((l) => JSON.parse(l) as { type: string; explain?: { structures?: unknown } });
  expect(events.at(-1)?.type).toBe("summary");
  expect(events.some((e) => e.explain?.structures !== undefined)).toBe(true);
});

test("read --tui appends the same Markdown summary file and reports broken rules like the report path", async () => {
  const dir = tempDir();
  const viewed = join(dir, "viewed.md");
  const plainSummary = join(dir, "plain.md");
  writeFileSync(viewed, "before\n");
  const refused = join(LOGS, "curl-refused.o-yy-tt-T.strace");
  const args = ["--stable", "--fail-on", "refused"];
  const { code, stderr } = await readInView(
    args,
    { GITHUB_STEP_SUMMARY: viewed, GITHUB_ACTIONS: "true" },
    refused,
  );
  const plain = ioOf(false, { GITHUB_STEP_SUMMARY: plainSummary, GITHUB_ACTIONS: "true" });
  const plainCode = await main(["read", ...args, refused], plain.io);
  expect(code).toBe(3);
  expect(plainCode).toBe(3);
  expect(stderr).toBe(plain.stderr.text);
  expect(stderr).toContain("::error title=sockscope refused::");
  // The view's events carry full explanations; the summary file gets the depth asked, as without it.
  expect(readFileSync(viewed, "utf8")).toBe(`before\n${readFileSync(plainSummary, "utf8")}`);
  expect(readFileSync(plainSummary, "utf8")).toMatch(/^## sockscope: network report[\s\S]*refused/);
});

test.each([
  [["read", "--tui", "-"], /log must come from a file/],
  [["read", "--tui", "-o", "-", LOG], /draws on stdout/],
  [["read", "--tui", "--json", LOG], /needs -o FILE/],
  [["run", "--tui", "-o", "-", "--", "true"], /draws on stdout/],
])("%j is refused with exit 2 before anything runs", async (argv, message) => {
  const { io, stderr } = ioOf(true);
  expect(await main(argv, io)).toBe(2);
  expect(stderr.text).toMatch(message);
  expect(stderr.text.trim().split("\n")).toHaveLength(1);
});

test("--tui without a terminal is refused with exit 2", async () => {
  const { io, stderr } = ioOf(false);
  expect(await main(["read", "--tui", LOG], io)).toBe(2);
  expect(stderr.text).toMatch(/needs a terminal/);
});

test("read --tui opens a JSON trace recorded with --json as it opens the log", async () => {
  const dir = tempDir();
  const recorded = join(dir, "trace.jsonl");
  const plain = ioOf(false);
  expect(await main(["read", "--json", "-o", recorded, LOG], plain.io)).toBe(0);
  const viewed = join(dir, "viewed.txt");
  const { code } = await readInView(["--stable", "-o", viewed], {}, recorded);
  expect(code).toBe(0);
  const fromLog = ioOf(false);
  expect(await main(["read", "--stable", LOG], fromLog.io)).toBe(0);
  expect(readFileSync(viewed, "utf8")).toBe(fromLog.stdout.text);
});
