// What a traced program inherits through sockscope, and what signals do, with the real launcher
// (bin/sockscope, the POSIX sh script users run), the built CLI and the real strace. The hostile
// cases are described in fixtures/hostile/README-inherit.md. Each test has its time limit in its
// options; the programs are sleep, grep, sh and the small python fixtures (a few MB each).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { alive, waitFor } from "../helpers/wait.js";

const ROOT = join(import.meta.dirname, "..", "..");
const LAUNCHER = join(ROOT, "bin", "sockscope");
const HOSTILE = join(ROOT, "fixtures", "hostile");
const work = createWorkDir();
afterAll(() => work.remove());
const env = cliEnv();
// The interpreter itself, not a version manager's shim (pyenv's is a shell script that starts
// several processes and takes a second under strace before python runs).
const PY = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim();
let counter = 0;
const file = (name: string) => join(work.dir, `${name}-${++counter}`);

/** `sh -c SCRIPT` with $1… = args: the shell sets up what the caller of sockscope would. */
function shell(script: string, args: string[], options: { detached?: boolean } = {}) {
  return execa("sh", ["-c", script, "sh", ...args], {
    reject: false,
    env: { ...env, PY },
    extendEnv: false,
    stdin: "ignore",
    ...options,
  });
}

describe("ignored signals are inherited", () => {
  test("nohup sockscope -- sleep 2 survives SIGHUP, does not pass it on, and ends with sleep's 0", {
    timeout: 20_000,
  }, async () => {
    const report = file("nohup");
    const run = execa("nohup", [LAUNCHER, "-o", report, "--", "sleep", "2"], {
      reject: false,
      env,
      extendEnv: false,
      stdin: "ignore",
    });
    await waitFor(() => existsSync(report) && readFileSync(report, "utf8").length > 0, "the report");
    // run.pid is sockscope: nohup and the launcher exec.
    process.kill(run.pid as number, "SIGHUP");
    const r = await run;
    expect(r.exitCode).toBe(0);
    expect(readFileSync(report, "utf8")).not.toContain("SIGHUP");
  });

  test("trap '' INT HUP in the caller: the program starts with them ignored, as it does untraced", {
    timeout: 20_000,
  }, async () => {
    const program = "grep SigIgn /proc/self/status";
    const untraced = await shell(`trap '' INT HUP USR2; exec ${program}`, []);
    const traced = await shell(`trap '' INT HUP USR2; exec "$1" -o /dev/null -- ${program}`, [LAUNCHER]);
    expect(traced.exitCode).toBe(0);
    expect(untraced.stdout).toMatch(/^SigIgn:\s+[0-9a-f]+$/);
    // bits 1 (HUP), 2 (INT) and 12 (USR2)
    expect(BigInt(`0x${untraced.stdout.split(/\s+/)[1]}`) & 0x803n).toBe(0x803n);
    expect(traced.stdout).toBe(untraced.stdout);
  });

  test("an ignored SIGINT sent to sockscope is not passed on: the program runs to its end", {
    timeout: 20_000,
  }, async () => {
    const out = file("count");
    const run = shell(`trap '' INT; exec "$1" -o /dev/null -- "$PY" "$2" "$3" 1.5`, [
      LAUNCHER,
      join(HOSTILE, "count-sigint.py"),
      out,
    ]);
    await waitFor(() => existsSync(`${out}.ready`), "the program");
    process.kill(run.pid as number, "SIGINT");
    const r = await run;
    expect(r.exitCode).toBe(0);
    expect(readFileSync(out, "utf8")).toBe("0");
  });
});

describe("closed standard fds stay closed", () => {
  // The program lists which of 0-2 are closed into the file named by $1 (through fd 3).
  const program = 'for fd in 0 1 2; do [ -e /proc/$$/fd/$fd ] || printf "closed%s " $fd >&3; done 3>"$1"';
  test.each([
    { redirect: "<&-", closed: "closed0 " },
    { redirect: ">&-", closed: "closed1 " },
    { redirect: "2>&-", closed: "closed2 " },
    { redirect: "<&- >&- 2>&-", closed: "closed0 closed1 closed2 " },
  ])(
    "sockscope -- prog $redirect: the program sees the same",
    { timeout: 20_000 },
    async ({ redirect, closed }) => {
      const untracedOut = file("closed");
      const tracedOut = file("closed");
      const report = file("closed-report");
      await shell(`sh -c '${program}' sh "$1" ${redirect}`, [untracedOut]);
      const r = await shell(`"$1" -o "$2" -- sh -c '${program}' sh "$3" ${redirect}`, [
        LAUNCHER,
        report,
        tracedOut,
      ]);
      expect(r.exitCode).toBe(0);
      expect(readFileSync(untracedOut, "utf8")).toBe(closed);
      expect(readFileSync(tracedOut, "utf8")).toBe(closed);
      expect(readFileSync(report, "utf8")).toContain("-- summary:");
    },
  );
});

describe("what cannot be traced says why, in one line, with the documented status", () => {
  function oneLine(stderr: string): string {
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    return lines[0] as string;
  }

  test("a zombie: it has exited, 2, not 'run as root'", { timeout: 20_000 }, async () => {
    const pidfile = file("zombie");
    const parent = execa("python3", [join(HOSTILE, "zombie.py"), pidfile, "10"], { reject: false });
    try {
      await waitFor(() => existsSync(pidfile), "the zombie");
      const zombie = readFileSync(pidfile, "utf8");
      const r = await shell(`exec "$1" attach "$2"`, [LAUNCHER, zombie]);
      expect(r.exitCode).toBe(2);
      expect(oneLine(r.stderr)).toMatch(new RegExp(`process ${zombie} is a zombie`));
    } finally {
      parent.kill("SIGKILL");
      await parent;
    }
  });

  test("sockscope's own pid, and its parent: 2, never a trace of itself", { timeout: 20_000 }, async () => {
    const self = await shell(`exec "$1" attach $$`, [LAUNCHER]);
    expect(self.exitCode).toBe(2);
    expect(oneLine(self.stderr)).toMatch(/is sockscope itself/);
    const parent = await shell(`"$1" attach $$; exit $?`, [LAUNCHER]);
    expect(parent.exitCode).toBe(2);
    expect(oneLine(parent.stderr)).toMatch(/runs sockscope/);
  });

  test("a process another tracer holds: 4, naming the tracer", { timeout: 20_000 }, async () => {
    const pidfile = file("traced");
    const other = execa(
      "strace",
      [
        "-o",
        "/dev/null",
        "sh",
        "-c",
        `echo $$ >"${pidfile}.tmp"; mv "${pidfile}.tmp" "${pidfile}"; exec sleep 10`,
      ],
      {
        reject: false,
      },
    );
    try {
      await waitFor(() => existsSync(pidfile), "the traced sleep");
      const pid = readFileSync(pidfile, "utf8").trim();
      const r = await shell(`exec "$1" attach "$2"`, [LAUNCHER, pid]);
      expect(r.exitCode).toBe(4);
      expect(oneLine(r.stderr)).toMatch(
        new RegExp(`process ${pid} is already traced by ${other.pid} \\(strace\\)`),
      );
    } finally {
      other.kill("SIGKILL");
      if (existsSync(pidfile)) process.kill(Number(readFileSync(pidfile, "utf8")), "SIGKILL");
      await other;
    }
  });

  test("a directory as the program: 126, 'is a directory', no chmod +x", { timeout: 20_000 }, async () => {
    const r = await shell(`exec "$1" -- /tmp`, [LAUNCHER]);
    expect(r.exitCode).toBe(126);
    expect(oneLine(r.stderr)).toMatch(/\/tmp: is a directory/);
    expect(r.stderr).not.toContain("chmod");
  });
});

describe("a program that leaves processes behind", () => {
  test("a daemon (fork, setsid, fork): sockscope ends with the program's status, says so in one line, and the daemon keeps running", {
    timeout: 30_000,
  }, async () => {
    const pidfile = file("daemon");
    const report = file("daemon-report");
    const started = Date.now();
    // stderr into a file: strace, which stays with the daemon, keeps sockscope's stderr open.
    const errors = file("daemon-stderr");
    const r = await shell(`exec "$1" -o "$2" -- "$PY" "$3" "$4" 30 2>"$5"`, [
      LAUNCHER,
      report,
      join(HOSTILE, "start-daemon.py"),
      pidfile,
      errors,
    ]);
    const daemon = Number(readFileSync(pidfile, "utf8"));
    try {
      expect(r.exitCode).toBe(7);
      expect(Date.now() - started).toBeLessThan(15_000);
      const lines = readFileSync(errors, "utf8").trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`new session.*${daemon}`));
      expect(alive(daemon)).toBe(true);
      const text = readFileSync(report, "utf8");
      expect(text).toContain("+++ exited with 7 +++");
      expect(text).toMatch(/-- summary:/);
    } finally {
      if (alive(daemon)) process.kill(daemon, "SIGKILL");
    }
  });

  test("a child still in the program's session (a shell's background job) is waited for, as before", {
    timeout: 30_000,
  }, async () => {
    const report = file("job-report");
    const started = Date.now();
    const r = await shell(`exec "$1" -o "$2" -- sh -c 'sleep 1 & exit 3'`, [LAUNCHER, report]);
    expect(r.exitCode).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(r.stderr).toBe("");
    expect(readFileSync(report, "utf8")).toMatch(/sleep[\s\S]*\+\+\+ exited with 0 \+\+\+/);
  });
});

describe("a signal sent to the whole process group reaches the program once", () => {
  test("timeout -s INT 3 sockscope -- prog: one SIGINT", { timeout: 30_000 }, async () => {
    const out = file("timeout-count");
    // timeout puts itself and sockscope in a process group of their own and signals it whole.
    const r = await shell(`exec timeout -s INT 3 "$1" -o /dev/null -- "$PY" "$2" "$3" 6`, [
      LAUNCHER,
      join(HOSTILE, "count-sigint.py"),
      out,
    ]);
    expect(r.exitCode).toBe(124);
    expect(readFileSync(out, "utf8")).toBe("1");
  });

  test("kill -INT -PGID: one SIGINT; kill -INT to sockscope alone: one SIGINT", {
    timeout: 30_000,
  }, async () => {
    for (const target of ["group", "sockscope"] as const) {
      const out = file("group-count");
      // detached: sockscope leads a process group of its own, without a terminal.
      const run = shell(
        `exec "$1" -o /dev/null -- "$PY" "$2" "$3" 3`,
        [LAUNCHER, join(HOSTILE, "count-sigint.py"), out],
        {
          detached: true,
        },
      );
      await waitFor(() => existsSync(`${out}.ready`), "the program");
      process.kill(target === "group" ? -(run.pid as number) : (run.pid as number), "SIGINT");
      const r = await run;
      expect(r.exitCode).toBe(0);
      expect(readFileSync(out, "utf8")).toBe("1");
    }
  });
});
