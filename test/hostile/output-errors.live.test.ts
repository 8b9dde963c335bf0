// The built command (bin/sockscope, the POSIX launcher, then the bundle) against output it cannot
// write and an environment it cannot work in (fixtures/hostile/README-escape.md): whatever happens,
// stderr holds at most one line of sockscope's, never a stack trace, and the exit status is the
// README's. Run `npm run build` first. Limits: each case is one process of under a second (a
// live trace a few); 20 s per test covers a loaded machine.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { LOGS } from "../helpers/logs.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope");
const LOG = join(LOGS, "curl-http.err-yy-tt.strace");
const work = mkdtempSync(join(tmpdir(), "sockscope-outerr-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a shell script with $S the command and $LOG a log; returns its stdout, stderr and status. */
async function sh(script: string, env: Record<string, string> = {}) {
  const r = await execa("sh", ["-c", script], {
    reject: false,
    env: { ...cliEnv(), S: BIN, LOG, W: work, ...env },
    extendEnv: false,
    cwd: work,
    timeout: 15_000,
  });
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

function noStack(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at |node:internal|Unhandled 'error' event|Node\.js v/m);
}

const COMMANDS = ["schema", "explain connect", "--help", "--version", "read $LOG", "read --json $LOG"];

describe("a reader that goes away (EPIPE): quiet, the command's own status", () => {
  test.each(COMMANDS)(
    "sleep; sockscope %s | true",
    async (cmd) => {
      // The reader is gone before the first write: the write fails with EPIPE every time.
      const r = await sh(
        `{ sleep 0.3; $S ${cmd} 2>"$W/err"; echo $? >"$W/rc"; } | true; cat "$W/err"; cat "$W/rc"`,
      );
      const [rc, ...rest] = r.stdout.trim().split("\n").reverse();
      expect(rest).toEqual([]);
      expect(rc).toBe("0");
    },
    20_000,
  );
});

describe("output that cannot be written (/dev/full): one line, exit 2", () => {
  test.each(COMMANDS)(
    "sockscope %s > /dev/full",
    async (cmd) => {
      const r = await sh(`$S ${cmd} > /dev/full`);
      noStack(r.stderr);
      expect(r.stderr).toBe("sockscope: cannot write to stdout: no space left on device (ENOSPC)");
      expect(r.code).toBe(2);
    },
    20_000,
  );

  test("-o /dev/full: one line, exit 2", async () => {
    const r = await sh("$S read -o /dev/full $LOG");
    noStack(r.stderr);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^sockscope: cannot write the report: .*no space left on device/);
    expect(r.code).toBe(2);
  }, 20_000);
});

describe("an environment sockscope cannot work in", () => {
  test("a TMPDIR that does not exist: one line, exit 4", async () => {
    const r = await sh("$S -- true", { TMPDIR: "/nonexistent/sockscope-tmp" });
    noStack(r.stderr);
    expect(r.stderr).toMatch(
      /^sockscope: cannot create a temporary directory in \/nonexistent\/sockscope-tmp \(no such file or directory\): set TMPDIR to a writable directory$/,
    );
    expect(r.code).toBe(4);
  }, 20_000);

  test("a deleted working directory: --version and read by full path work, ./prog is one line", async () => {
    // The launcher's /bin/sh may itself warn that getcwd() failed: that line is the shell's.
    const ours = (stderr: string) => stderr.split("\n").filter((l) => !/getcwd\(\) failed/.test(l));
    const version = await sh('mkdir "$W/d" && cd "$W/d" && rmdir "$W/d" && $S --version');
    noStack(version.stderr);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+$/);
    const read = await sh('mkdir "$W/d" && cd "$W/d" && rmdir "$W/d" && $S read --json $LOG | head -c 1');
    expect(read.stdout).toBe("{");
    const relative = await sh('mkdir "$W/d" && cd "$W/d" && rmdir "$W/d" && $S -- ./prog');
    noStack(relative.stderr);
    expect(ours(relative.stderr)).toEqual([
      "sockscope: the current directory no longer exists (it was deleted): cd to one that does, or give the program's full path",
    ]);
    expect(relative.code).toBe(2);
  }, 20_000);
});

describe("a live report on stdout whose reader leaves", () => {
  test("sockscope -o - -- prog | head -1: no line of sockscope's or strace's on stderr, the program's status", async () => {
    const r = await sh(
      `$S --all -o - -- sh -c 'i=0; while [ $i -lt 400 ]; do : > /dev/null; i=$((i+1)); done' 2>"$W/live-err" | head -1 >/dev/null; cat "$W/live-err"`,
    );
    expect(r.stdout).toBe("");
    expect(r.code).toBe(0);
  }, 30_000);
});
