// The built CLI under a heap cap on inputs that have no end or no newline (fixtures/hostile/
// README-bounded.md). Limits: V8's old space capped at 64 MB (--max-old-space-size=64: beyond it the
// process dies with exit 134, as it did before lines were capped) and the time stated per test.
// Needs `npm run build`.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = `${ROOT}bin/sockscope.js`;
const HEAP = "--max-old-space-size=64";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs the built CLI with the heap cap; `generator`: a fixtures/hostile script piped to its stdin. */
function run(args: string[], generator?: string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const cli = spawn(process.execPath, [HEAP, CLI, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    if (generator) {
      const gen = spawn(process.execPath, generator, { stdio: ["ignore", "pipe", "inherit"] });
      gen.stdout.pipe(cli.stdin);
      cli.stdin.on("error", () => {});
    } else cli.stdin.end();
    let stdout = "";
    let stderr = "";
    cli.stdout.on("data", (d) => {
      stdout += d;
    });
    cli.stderr.on("data", (d) => {
      stderr += d;
    });
    cli.on("error", reject);
    cli.on("close", (code) => resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
  });
}

const types = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { type: string }).type);

describe("inputs with no end, under a 64 MB heap", () => {
  it("read /dev/zero: one unparsed event, a one-line error, exit 2, within 60 s", async () => {
    const r = await run(["read", "--json", "--explain", "none", "/dev/zero"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("sockscope: line 1 runs past 64 MiB with no newline: this is not a strace log\n");
    expect(types(r.stdout)).toEqual(["unparsed", "summary"]);
    expect(r.seconds).toBeLessThan(60);
  }, 90_000);

  it("a 600 MB line on stdin: one unparsed event, a one-line error, exit 2, within 90 s", async () => {
    const r = await run(
      ["read", "--json", "--explain", "none", "-"],
      [`${ROOT}fixtures/hostile/gen-long-line.mjs`, String(600_000_000)],
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sockscope: line 1 runs past 64 MiB with no newline: this is not a strace log\n$/,
    );
    expect(types(r.stdout)).toEqual(["unparsed", "summary"]);
    expect(r.seconds).toBeLessThan(90);
  }, 120_000);

  it("a 3 MB line and then a close: the line unparsed, the close read, exit 0, within 30 s", async () => {
    const r = await run(
      ["read", "--json", "--explain", "none", "-"],
      [`${ROOT}fixtures/hostile/gen-long-line.mjs`, String(3_000_000)],
    );
    expect(r.code).toBe(0);
    expect(types(r.stdout)).toEqual(["unparsed", "syscall", "summary"]);
    expect(r.seconds).toBeLessThan(30);
  }, 60_000);

  it("40,000 lines ending in `strace: Process 1 attached`: exit 0 within 30 s", async () => {
    const r = await run(
      ["read", "--json", "--explain", "none", "-"],
      [`${ROOT}fixtures/hostile/gen-notes.mjs`, "40000"],
    );
    expect(r.code).toBe(0);
    expect(types(r.stdout).filter((t) => t === "note")).toHaveLength(40_000);
    expect(r.seconds).toBeLessThan(30);
  }, 60_000);

  it("200,000 short connections to an untraced peer: exit 0 within 120 s", async () => {
    const r = await run(
      ["read", "--explain", "none", "-"],
      [`${ROOT}fixtures/hostile/gen-shortconn.mjs`, "200000", "plain"],
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/summary/);
    expect(r.seconds).toBeLessThan(120);
  }, 180_000);
});
