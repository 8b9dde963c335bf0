// The interactive view in a real terminal: tmux runs tui-harness.mjs (the built runTui over a
// recorded log on the real stdin/stdout), and the test reads the screen with capture-pane and types
// with send-keys. Needs tmux (apt-get install -y tmux) and the build (npm test builds first).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LOGS } from "../../helpers/logs.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const HARNESS = join(import.meta.dirname, "tui-harness.mjs");
const BUILT = join(ROOT, "dist", "render", "tui", "run-tui.js");
const LOG = join(LOGS, "tcp-echo.o-yy-tt-T.strace");
// A tmux server of our own, so that nothing else running tmux is touched.
const SERVER = `sockscope-tui-test-${process.pid}`;
const SESSION = "tui";

const work = mkdtempSync(join(tmpdir(), "sockscope-tui-"));
const STATUS = join(work, "status");

function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-L", SERVER, ...args], { encoding: "utf8" });
}
const screen = () => tmux("capture-pane", "-p", "-t", SESSION);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${screen()}`);
    await sleep(50);
  }
}
const selectedLine = (text: string) => text.split("\n").find((l) => l.startsWith("> ")) ?? "";

beforeAll(() => {
  try {
    execFileSync("tmux", ["-V"], { encoding: "utf8" });
  } catch {
    throw new Error(
      "tmux is not installed: the real-terminal test of the TUI needs it (apt-get install -y tmux)",
    );
  }
  if (!existsSync(BUILT))
    throw new Error(`${BUILT} is missing: build first (npx tsc -p tsconfig.build.json; npm test does it)`);
  // The shell records the harness's exit status, then keeps the pane open so the screen after
  // quitting can be read too.
  // Ink renders nothing but the last frame when it thinks it runs in CI (CI=true): this is a terminal.
  // Quoted: the checkout may be in a directory whose path has spaces or quotes.
  const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = `env -u CI -u CONTINUOUS_INTEGRATION ${q(process.execPath)} ${q(HARNESS)} ${q(LOG)}; echo $? > ${q(STATUS)}; echo harness exited; sleep 60`;
  tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", command);
});

afterAll(() => {
  try {
    tmux("kill-server");
  } catch {
    // Already gone.
  }
  rmSync(work, { recursive: true, force: true });
});

describe("the TUI in tmux (120×40)", () => {
  test("shows the connection table and the events of the recorded trace", async () => {
    await until(() => screen().includes("trace finished"), "the trace to be read");
    const text = screen();
    const rows = text.split("\n").filter((l) => /^#\d/.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^#1\s+8075\s+tcp listener\s+127\.0\.0\.1:47001\s+listening/);
    expect(rows[1]).toContain("127.0.0.1:54380 → 127.0.0.1:47001");
    expect(text).toContain("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3");
    expect(text).toContain("connect(3<TCP:[14383]>");
    expect(selectedLine(text)).toContain("execve(");
    // Nothing scrolled off: the title is still the first line.
    expect(text.split("\n")[0]).toMatch(/^sockscope · \d+ events/);
  });

  test("j moves the selection and the explanation follows", async () => {
    const before = screen();
    tmux("send-keys", "-t", SESSION, "j");
    await until(() => screen() !== before, "the screen to change after j");
    const after = screen();
    expect(selectedLine(after)).toContain("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3");
    expect(after).toContain("A new TCP socket (AF_INET) as fd 3");
  });

  test("enter opens the full explanation", async () => {
    tmux("send-keys", "-t", SESSION, "Enter");
    await until(() => screen().includes("layers:"), "the full explanation");
    expect(screen()).toContain("kernel: ");
  });

  test("q quits with status 0 and gives the terminal back", async () => {
    tmux("send-keys", "-t", SESSION, "q");
    await until(
      () => existsSync(STATUS) && readFileSync(STATUS, "utf8").trim() !== "",
      "the harness to exit",
    );
    expect(readFileSync(STATUS, "utf8").trim()).toBe("0");
    await until(() => screen().includes("harness exited"), "the shell to go on");
    // The alternate screen is left: the view is gone from the terminal.
    expect(screen()).not.toContain("sockscope ·");
  });
});

describe("sockscope --tui -o FILE, the built command in tmux", () => {
  const RUN = "run";
  const REPORT = join(work, "report.txt");
  const RUN_STATUS = join(work, "run-status");
  const runScreen = () => tmux("capture-pane", "-p", "-t", RUN);

  beforeAll(() => {
    const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
    // A program that writes to stdout: under the view it gets /dev/null, so nothing reaches the pane.
    const command = `env -u CI -u CONTINUOUS_INTEGRATION -u GITHUB_STEP_SUMMARY ${q(join(ROOT, "bin", "sockscope"))} --tui -o ${q(REPORT)} -- sh -c 'echo from-the-program; exit 3'; echo $? > ${q(RUN_STATUS)}; sleep 60`;
    tmux("new-session", "-d", "-s", RUN, "-x", "120", "-y", "40", command);
  });

  test("the view runs the program, and q leaves its report in FILE and its exit status", async () => {
    await until(() => runScreen().includes("trace finished"), "the traced program to end");
    // Its write(1, "from-the-program\n", 17) is an event in the view, but the text itself is no line.
    expect(
      runScreen()
        .split("\n")
        .map((l) => l.trim()),
    ).not.toContain("from-the-program");
    tmux("send-keys", "-t", RUN, "q");
    await until(
      () => existsSync(RUN_STATUS) && readFileSync(RUN_STATUS, "utf8").trim() !== "",
      "sockscope to exit",
    );
    expect(readFileSync(RUN_STATUS, "utf8").trim()).toBe("3");
    const report = readFileSync(REPORT, "utf8");
    expect(report).toContain('execve("/usr/bin/sh"');
    expect(report).toContain("+++ exited with 3 +++");
    expect(report).toMatch(/-- summary: \d+ lines, 1 pid\(s\)/);
  });
});
