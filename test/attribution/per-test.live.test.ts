// Per-test attribution on live runs: a real vitest suite (with helpers/vitest-setup.mjs) and a real
// pytest run (with helpers/pytest_sockscope.py) traced by sockscope, each in a network namespace of
// its own, against a loopback echo server the suite starts outside any test on a port the kernel
// picks. The Markdown report must split the connections per test. The marker rules on hand-written
// lines are in tracker.test.ts.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { inFreshNetns } from "../helpers/netns.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "sockscope.js");
const VITEST = join(ROOT, "node_modules", "vitest", "vitest.mjs");
const HELPERS = join(ROOT, "helpers");
const work = createWorkDir();
afterAll(() => work.remove());

/** The environment of the traced suite: the test's, without the outer vitest's own variables. */
function suiteEnv(): NodeJS.ProcessEnv {
  const env = cliEnv();
  for (const key of Object.keys(env))
    if (key.startsWith("VITEST") || key === "TEST" || key === "NODE_ENV") delete env[key];
  return env;
}

/** The rows of the report's "Per test" table, by test name: [connections, bytes out, bytes in, violations]. */
function perTest(report: string): Record<string, number[]> {
  const at = report.indexOf("### Per test");
  expect(at, report.slice(0, 2000)).toBeGreaterThanOrEqual(0);
  const rows: Record<string, number[]> = {};
  for (const line of report.slice(at).split("\n").slice(4)) {
    if (!line.startsWith("| ")) break;
    const cells = line.slice(2, -2).split(" | ");
    rows[cells[0] ?? ""] = [1, 3, 4, 5].map((i) => Number(cells[i]));
  }
  return rows;
}

// The default options: sockscope asks strace for 512 bytes of each buffer whatever it shows, so the
// test names (longer than the 32 bytes shown) arrive whole.
const sockscope = (out: string, argv: string[], cwd: string) =>
  execa(...inFreshNetns([process.execPath, BIN, "--format", "markdown", "-o", out, "--", ...argv]), {
    cwd,
    reject: false,
    env: suiteEnv(),
    extendEnv: false,
  });

describe("per-test attribution, live", () => {
  const suite = join(work.dir, "vitest-suite");
  execFileSync("mkdir", ["-p", suite]);
  writeFileSync(
    join(suite, "vitest.config.mjs"),
    `export default { test: { globals: true, include: ["*.test.mjs"], setupFiles: [${JSON.stringify(join(HELPERS, "vitest-setup.mjs"))}], globalSetup: ["./server.mjs"] } };\n`,
  );
  // The echo server runs in vitest's main process, outside any test: its accepted sockets are no test's.
  writeFileSync(
    join(suite, "server.mjs"),
    `import { createServer } from "node:net";
let server;
export async function setup() {
  server = createServer((s) => s.on("data", (d) => s.end(d)));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  process.env.ECHO_PORT = String(server.address().port);
}
export async function teardown() {
  await new Promise((r) => server.close(r));
}
`,
  );
  writeFileSync(
    join(suite, "echo.mjs"),
    `import { connect } from "node:net";
export const echo = (text) =>
  new Promise((resolve, reject) => {
    const s = connect(Number(process.env.ECHO_PORT), "127.0.0.1", () => s.write(text));
    let got = "";
    s.on("data", (d) => { got += d; });
    s.on("error", reject);
    s.on("close", () => resolve(got));
  });
`,
  );
  writeFileSync(
    join(suite, "a.test.mjs"),
    `import { echo } from "./echo.mjs";
test("opens one connection", async () => { expect(await echo("one")).toBe("one"); });
test("opens two connections", async () => { expect(await echo("ab")).toBe("ab"); expect(await echo("cd")).toBe("cd"); });
`,
  );
  writeFileSync(join(suite, "b.test.mjs"), `test("opens none", () => { expect(1 + 1).toBe(2); });\n`);

  const expected = {
    "opens one connection": [1, 3, 3, 0],
    "opens two connections": [2, 4, 4, 0],
    "opens none": [0, 0, 0, 0],
  };

  // forks (vitest's default) runs each file in a process of its own; threads in worker threads of
  // vitest's own process, the echo server's: a worker thread's marker covers that thread only.
  test.each(["forks", "threads"])("a vitest suite (--pool=%s): the report's Per test table", async (pool) => {
    const out = join(work.dir, `vitest-${pool}.md`);
    const r = await sockscope(
      out,
      [process.execPath, VITEST, "run", "--root", suite, `--pool=${pool}`],
      suite,
    );
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(perTest(readFileSync(out, "utf8"))).toEqual(expected);
  });

  const pytest = (() => {
    try {
      execFileSync("python3", ["-m", "pytest", "--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  test.skipIf(!pytest)(
    "a pytest run with helpers/pytest_sockscope.py (skipped when python3 -m pytest is not installed)",
    async () => {
      const dir = join(work.dir, "pytest-suite");
      execFileSync("mkdir", ["-p", dir]);
      writeFileSync(
        join(dir, "test_echo.py"),
        `import os, socket

def echo(data):
    with socket.create_connection(("127.0.0.1", int(os.environ["ECHO_PORT"]))) as s:
        s.sendall(data)
        return s.recv(100)

def test_one():
    assert echo(b"one") == b"one"

def test_two():
    assert echo(b"ab") == b"ab"
    assert echo(b"cd") == b"cd"

def test_none():
    assert 1 + 1 == 2
`,
      );
      // The echo server is forked before pytest starts, outside any test.
      writeFileSync(
        join(dir, "run.py"),
        `import os, socket, subprocess, sys
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(16)
child = os.fork()
if child == 0:
    while True:
        c, _ = srv.accept()
        c.sendall(c.recv(100))
        c.close()
env = dict(os.environ, ECHO_PORT=str(srv.getsockname()[1]), PYTHONPATH=${JSON.stringify(HELPERS)})
srv.close()
r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "pytest_sockscope", "-p", "no:cacheprovider", "test_echo.py"], env=env)
os.kill(child, 9)
os.waitpid(child, 0)
sys.exit(r.returncode)
`,
      );
      const out = join(work.dir, "pytest.md");
      const r = await sockscope(out, ["python3", "run.py"], dir);
      expect(r.exitCode, r.stderr + r.stdout).toBe(0);
      expect(perTest(readFileSync(out, "utf8"))).toEqual({
        "test_echo.py::test_one": [1, 3, 3, 0],
        "test_echo.py::test_two": [2, 4, 4, 0],
        "test_echo.py::test_none": [0, 0, 0, 0],
      });
    },
  );
});
