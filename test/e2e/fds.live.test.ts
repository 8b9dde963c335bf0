// The fds a caller hands sockscope reach the traced program at the same numbers, as they would
// without sockscope (exec 7>f; a jobserver's pipe pair; socket activation), and sockscope's own
// never do. Run through the installed command (bin/sockscope), which lists them before Node starts.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa, type Options } from "execa";
import { afterAll, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const COMMAND = join(ROOT, "bin", "sockscope");
const dir = mkdtempSync(join(tmpdir(), "sockscope-fds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The program's fd numbers and what fd 7 got, with fds 3, 4 and 7 given (traced, or bare). */
async function runWithFds(command: string[]) {
  const file = join(dir, `seven-${Math.random().toString(36).slice(2)}`);
  const seven = openSync(file, "w");
  const pipeFile = join(dir, `pipe-${Math.random().toString(36).slice(2)}`);
  const three = openSync(pipeFile, "w");
  const four = openSync(pipeFile, "r");
  try {
    // The shell's own fds, listed while it waits for ls.
    const script = "echo x >&7; ls /proc/$$/fd; test -w /proc/$$/fd/3 && test -r /proc/$$/fd/4";
    const argv = [...command, "sh", "-c", script];
    const result = await execa(argv[0] as string, argv.slice(1), {
      stdio: ["ignore", "pipe", "pipe", three, four, "ignore", "ignore", seven],
      reject: false,
      // execa types no plain fd numbers after the third entry; Node takes them.
    } as unknown as Options);
    return { result, seven: readFileSync(file, "utf8") };
  } finally {
    for (const fd of [seven, three, four]) closeSync(fd);
  }
}

test("exec 7>f; sockscope -- sh -c 'echo x >&7' writes x to f, and the program has only the fds it was given", async () => {
  const report = join(dir, "report.txt");
  const traced = await runWithFds([COMMAND, "--no-summary", "-o", report, "--"]);
  const bare = await runWithFds([]);
  expect(bare.result.exitCode).toBe(0);
  expect(traced.result.stderr).toBe("");
  expect(traced.result.exitCode).toBe(0);
  expect(traced.seven).toBe("x\n");
  // The shell's fds are the same as without sockscope: the ones given, nothing of sockscope's or
  // strace's.
  expect(traced.result.stdout).toBe(bare.result.stdout);
  expect(String(traced.result.stdout).split("\n")).toEqual(
    expect.arrayContaining(["0", "1", "2", "3", "4", "7"]),
  );
  expect(readFileSync(report, "utf8")).toContain("+++ exited with 0 +++");
});
