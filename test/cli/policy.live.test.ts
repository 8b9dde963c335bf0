// --fail-on on live runs: sockscope spawned in a network namespace of its own (sockscope, strace
// and the program), on a port the test picks. Traffic to non-loopback addresses is never really
// sent: strace's fault injection fails the connect before the kernel runs it. The rules on
// recorded logs are in policy.test.ts.
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { compileFixture, createWorkDir } from "../helpers/live.js";
import { inFreshNetns, pickPort } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
afterAll(() => work.remove());

describe("--fail-on on live runs", () => {
  // Each run in a network namespace of its own (sockscope, strace and the program), on a port the
  // test picks: no other test's socket can hold it, and a wildcard bind reaches no real network.
  const live = (args: string[]) =>
    execa(...inFreshNetns([process.execPath, BIN, ...args]), {
      reject: false,
      // The test's environment without the CI runner's variables (no GITHUB_STEP_SUMMARY to append to).
      env: cliEnv(),
      extendEnv: false,
    });
  const python = (code: string) => ["--", "python3", "-c", code];

  test("listen-any: a TCP listener on 0.0.0.0 breaks it; the program's success becomes 3", async () => {
    const port = pickPort();
    const r = await live([
      "-o",
      "/dev/null",
      "--fail-on",
      "listen-any",
      ...python(`import socket; s=socket.socket(); s.bind(('0.0.0.0', ${port})); s.listen(); s.close()`),
    ]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`--fail-on listen-any: .*0\\.0\\.0\\.0:${port}\\b`));
  });

  test("listen-any: UDP on [::] with a port breaks it, a client's ephemeral bind to 0.0.0.0:0 does not", async () => {
    const port = pickPort();
    const broken = await live([
      "-o",
      "/dev/null",
      "--fail-on",
      "listen-any",
      ...python(
        `import socket; s=socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(('::', ${port})); s.close()`,
      ),
    ]);
    expect(broken.exitCode).toBe(3);
    expect(broken.stderr).toMatch(new RegExp(`--fail-on listen-any: .*udp on \\[::\\]:${port}\\b`));
    const clean = await live([
      "-o",
      "/dev/null",
      "--fail-on",
      "listen-any",
      ...python(
        "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('0.0.0.0', 0)); s.sendto(b'x', ('127.0.0.1', 9)); s.close()",
      ),
    ]);
    expect(clean.exitCode).toBe(0);
  });

  test("external, through strace fault injection (the connect never reaches the kernel); the program's own failure wins", async () => {
    const r = await live([
      "-o",
      "/dev/null",
      "--fail-on",
      "external",
      "--strace-arg=-e",
      "--strace-arg=inject=connect:error=ENETUNREACH",
      ...python(
        "import socket,sys\ns=socket.socket()\ntry:\n  s.connect(('203.0.113.5', 80))\nexcept OSError:\n  sys.exit(5)",
      ),
    ]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/--fail-on external: pid \d+ connect\(fd 3\) to 203\.0\.113\.5:80/);
  });

  test("leak: a child holding an inherited socket breaks it, close_range and a short client do not", async () => {
    const leaks = await compileFixture("leaks", work.dir);
    const run = (mode: string) =>
      live(["-o", "/dev/null", "--fail-on", "leak", "--", leaks, mode, String(pickPort())]);
    const [childLeak, closeRange, shortCli] = await Promise.all([
      run("child-leak"),
      run("close-range"),
      run("short-cli"),
    ]);
    expect(childLeak.exitCode).toBe(3);
    expect(childLeak.stderr).toMatch(
      /--fail-on leak: pid (\d+) \(it inherited it from pid (?!\1)\d+\) left tcp socket fd 4 unused/,
    );
    expect(closeRange.exitCode).toBe(0);
    expect(closeRange.stderr).not.toMatch(/--fail-on/);
    expect(shortCli.exitCode).toBe(0);
    expect(shortCli.stderr).not.toMatch(/--fail-on/);
  });
});
