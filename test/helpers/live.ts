// Runs real programs under the real strace for end-to-end tests: compiles C fixtures with gcc once
// per test run into a private temp dir, and records a log with strace -C like fixtures/record/lib.sh,
// in a network namespace of its own (netns.ts).
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { FIXTURES } from "./logs.js";
import { inFreshNetns } from "./netns.js";

const ROOT = join(import.meta.dirname, "..", "..");

export function createWorkDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "sockscope-test-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function compileFixture(name: string, dir: string): Promise<string> {
  const out = join(dir, name);
  await execa("gcc", ["-O1", "-Wall", "-o", out, join(FIXTURES, "programs", `${name}.c`), "-lpthread"]);
  return out;
}

/** Splits strace's -C table (from its "% time" header) off the end of a log. */
export function splitSummary(text: string): { log: string; summary: string } {
  const at = text.lastIndexOf("% time");
  if (at < 0) throw new Error("no strace -C summary in the log");
  const lineStart = text.lastIndexOf("\n", at) + 1;
  return { log: text.slice(0, lineStart), summary: text.slice(lineStart) };
}

/**
 * Records the program `argv` under `strace -C <flags>`: with -o into a file, or strace's stderr when
 * toStderr. strace and the program run in a fresh network namespace (strace is its first process,
 * so the trace holds only the program), so the ports `argv` names are free whatever else runs.
 */
export async function recordLive(
  argv: string[],
  flags: string[],
  dir: string,
  toStderr: boolean,
): Promise<{ log: string; summary: string; exitCode: number | undefined }> {
  const file = join(dir, `live-${Date.now()}-${Math.random().toString(36).slice(2)}.strace`);
  const args = toStderr ? ["-C", ...flags, ...argv] : ["-C", ...flags, "-o", file, ...argv];
  const result = await execa(...inFreshNetns(["strace", ...args]), {
    reject: false,
    stdin: "ignore",
    cwd: dir,
    timeout: 20_000,
  });
  const text = toStderr ? result.stderr : readFileSync(file, "utf8");
  return { ...splitSummary(toStderr ? `${text}\n` : text), exitCode: result.exitCode };
}

/**
 * A copy of the built CLI (bin/, dist/bundle/, package.json) in a new temp dir that every user can
 * read, for a test that runs sockscope as another user (nobody): the checkout itself may be in a
 * directory only root can enter, and then that user could not even load bin/sockscope.js. (The
 * bundle loads ink and react from node_modules only for the interactive view, which such a test
 * does not use.) Node itself must be readable by that user: process.execPath is not copied.
 */
export function readableCliCopy(): { bin: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "sockscope-cli-"));
  cpSync(join(ROOT, "bin"), join(dir, "bin"), { recursive: true });
  cpSync(join(ROOT, "dist", "bundle"), join(dir, "dist", "bundle"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
  const open = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) open(child);
      else chmodSync(child, 0o644);
    }
    chmodSync(path, 0o755);
  };
  open(dir);
  return {
    bin: join(dir, "bin", "sockscope.js"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
