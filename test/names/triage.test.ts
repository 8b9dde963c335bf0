// sockscope triage over the --json reports of several runs, in process: which endpoints every run
// showed, which the last run added or dropped, which come and go; and its errors.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { clientTrace } from "../helpers/client-trace.js";
import { createWorkDir } from "../helpers/live.js";

const work = createWorkDir();
afterAll(() => work.remove());

const trace = (targets: string[]) => clientTrace(targets);

/** Records a run's --json report; returns its path. */
async function report(name: string, targets: string[]): Promise<string> {
  const path = join(work.dir, `${name}.jsonl`);
  const r = await runCli(["read", "-", "--json", "-o", path], { stdin: trace(targets) });
  expect(r.code).toBe(0);
  return path;
}

test("every run, flaky, gone and new, in text, Markdown and JSON", async () => {
  const a = await report("a", ["203.0.113.1:443", "203.0.113.2:443", "203.0.113.3:443"]);
  const b = await report("b", ["203.0.113.1:443", "203.0.113.3:443"]);
  const c = await report("c", ["203.0.113.1:443", "203.0.113.2:443", "198.51.100.9:80"]);
  const json = await runCli(["triage", a, b, c, "--format", "json"]);
  expect(json.code).toBe(0);
  const merged = JSON.parse(json.stdout);
  const status = Object.fromEntries(
    merged.entries.map((e: { address: string; port: number; status: string }) => [
      `${e.address}:${e.port}`,
      e.status,
    ]),
  );
  expect(status).toEqual({
    "198.51.100.9:80": "new",
    "203.0.113.2:443": "flaky",
    "203.0.113.3:443": "gone",
    "203.0.113.1:443": "every run",
  });
  const text = await runCli(["triage", a, b, c]);
  expect(text.stdout).toMatch(/^new +1\/3 +tcp 198\.51\.100\.9:80 +app$/m);
  const md = await runCli(["triage", a, b, c, "--format", "markdown"]);
  expect(md.stdout).toContain("| every run | 3/3 | tcp 203.0.113.1:443 | app |");
});

test("a file that is not a sockscope report, or is not there: one line, exit 2", async () => {
  const log = join(work.dir, "log.strace");
  writeFileSync(log, trace([]));
  const wrong = await runCli(["triage", log]);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toMatch(/has no network inventory/);
  const gone = await runCli(["triage", join(work.dir, "nope.jsonl")]);
  expect(gone.code).toBe(2);
  expect(gone.stderr).toMatch(/no such file/);
  for (const r of [wrong, gone]) expect(r.stderr.trim().split("\n")).toHaveLength(1);
});
