// The built CLI as users start it (node bin/sockscope.js, which runs dist/bundle/), one smoke test
// per command family: the unit project runs the same commands in process from the source (runCli),
// so these check the bundle and what only a real process has: its own stdin, stdout and exit
// status, a pipe closed under it, a file another user may not read.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { readableCliCopy } from "../helpers/live.js";
import { LOGS } from "../helpers/logs.js";
import { inFreshNetns } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const ECHO_LOG = join(LOGS, "tcp-echo.o-yy-tt-T.strace");
const env = cliEnv();

function sockscope(args: string[], options: { input?: string } = {}) {
  return execa(process.execPath, [BIN, ...args], { reject: false, env, extendEnv: false, ...options });
}

test("--version prints the package's version", async () => {
  const { version } = JSON.parse(readFileSync(join(BIN, "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  const r = await sockscope(["--version"]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toBe(version);
});

describe("read", () => {
  test("a recorded log as JSON lines, the summary last", async () => {
    const r = await sockscope(["read", "--json", ECHO_LOG]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    const events = r.stdout.split("\n").map((l) => JSON.parse(l) as { type: string; name?: string });
    expect(events.some((e) => e.name === "connect")).toBe(true);
    expect(events.at(-1)?.type).toBe("summary");
  });

  test("stdin with -", async () => {
    const r = await sockscope(["read", "-"], { input: readFileSync(ECHO_LOG, "utf8") });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) = 3/);
  });

  test("a closed pipe ends the output quietly", async () => {
    const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
    const r = await execa(
      "bash",
      ["-c", `${q(process.execPath)} ${q(BIN)} read --json ${q(ECHO_LOG)} | head -1`],
      {
        reject: false,
        env,
        extendEnv: false,
      },
    );
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")).toHaveLength(1);
  });

  test("an unreadable file: exit 2, one line", async () => {
    // In a directory everyone may enter (a work dir is 0700), so that only the file's mode refuses.
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
            { reject: false, env, extendEnv: false },
          )
        : await sockscope(["read", path]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/permission denied/);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    } finally {
      cli?.remove();
      rmSync(open, { recursive: true, force: true });
    }
  });
});

test("run: the program's stdin, stdout and exit status pass through; the report goes to stderr", async () => {
  // In a network namespace of its own, like every live run (test/helpers/netns.ts).
  const r = await execa(
    ...inFreshNetns([
      process.execPath,
      BIN,
      "--",
      "python3",
      "-c",
      "import socket,sys; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', 9)); sys.stdout.write(sys.stdin.read().upper()); sys.exit(7)",
    ]),
    { reject: false, input: "through the tracer\n", env, extendEnv: false },
  );
  expect(r.exitCode).toBe(7);
  expect(r.stdout).toBe("THROUGH THE TRACER");
  expect(r.stderr).toMatch(/sendto\(/);
  expect(r.stderr).toMatch(/exited with 7/);
});

test("explain: a topic as text, an unknown one exits 2", async () => {
  const r = await sockscope(["explain", "connect"]);
  expect(r.exitCode).toBe(0);
  expect(r.stdout).toMatch(/^connect\b/);
  const unknown = await sockscope(["explain", "conect"]);
  expect(unknown.exitCode).toBe(2);
  expect(unknown.stderr).toMatch(/did you mean 'connect'/);
});
