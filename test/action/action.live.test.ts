// The GitHub Action's script (action/run.sh) with the environment a workflow gives it (action.yml
// maps the inputs to INPUT_*), in a network namespace of its own: a program that talks over
// loopback passes, one that breaks a rule fails with 3; the job summary gets the Markdown report
// appended, and the JSON lines it leaves validate against the wire schema and end with a summary.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { EventSchema } from "../../src/events/schema.js";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { inFreshNetns } from "../helpers/netns.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SCRIPT = join(ROOT, "action", "run.sh");
const work = createWorkDir();
afterAll(() => work.remove());

// A server and a client in one process over loopback, on a port the kernel picks.
const ECHO = [
  "import socket",
  "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
  "c = socket.create_connection(srv.getsockname()); s, _ = srv.accept()",
  "c.sendall(b'ping'); assert s.recv(4) == b'ping'",
  "c.close(); s.close(); srv.close()",
].join("; ");

let n = 0;
async function action(inputs: Record<string, string>) {
  const dir = join(work.dir, `run-${++n}`);
  mkdirSync(dir);
  const summary = join(dir, "step-summary.md");
  // A step earlier in the job wrote to the summary: the report is appended after it.
  writeFileSync(summary, "earlier step\n");
  const r = await execa(...inFreshNetns(["bash", SCRIPT]), {
    cwd: dir,
    reject: false,
    extendEnv: false,
    env: cliEnv({ ACTION_PATH: ROOT, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: "true", ...inputs }),
  });
  const json = join(dir, inputs.INPUT_JSON ?? "sockscope.jsonl");
  return { r, summary: readFileSync(summary, "utf8"), json: readFileSync(json, "utf8") };
}

function checkJson(text: string) {
  const lines = text.trimEnd().split("\n");
  for (const line of lines) {
    const parsed = EventSchema.safeParse(JSON.parse(line));
    expect(parsed.success, `${line.slice(0, 200)}\n${parsed.error?.message.slice(0, 500)}`).toBe(true);
  }
  const last = JSON.parse(lines.at(-1) ?? "{}");
  expect(last.type).toBe("summary");
  return last as { violations: Array<{ rule: string }>; connections: Array<{ remote?: string }> };
}

describe("the GitHub Action's script", () => {
  test("a program that stays on loopback passes --fail-on external: 0, report in the job summary, JSON kept", async () => {
    const { r, summary, json } = await action({
      INPUT_COMMAND: `python3 -c "${ECHO}"`,
      INPUT_FAIL_ON: "external",
      INPUT_JSON: "reports/net.jsonl",
      INPUT_ARGS: "--payload 64 --explain none",
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(summary.startsWith("earlier step\n## sockscope: network report\n")).toBe(true);
    expect(summary).toContain("### Connections");
    const s = checkJson(json);
    expect(s.violations).toEqual([]);
    expect(s.connections.some((c) => c.remote?.startsWith("127.0.0.1:"))).toBe(true);
    // --explain none from INPUT_ARGS reached sockscope: no call carries an explanation.
    expect(json).not.toContain('"explain"');
  });

  test("a refused connect breaks --fail-on error: 3, the broken rule in the summary and the JSON", async () => {
    const { r, summary, json } = await action({
      // Nothing listens on port 1 in a fresh namespace; connect_ex returns the error, the program exits 0.
      INPUT_COMMAND: `python3 -c "import socket; socket.socket().connect_ex(('127.0.0.1', 1))"`,
      INPUT_FAIL_ON: "error",
    });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/::error.*ECONNREFUSED/);
    expect(summary).toMatch(/### Broken rules\n\n- \*\*error\*\*: .*ECONNREFUSED/);
    expect(checkJson(json).violations.map((v) => v.rule)).toEqual(["error"]);
  });

  test("an address outside loopback and --allow breaks external; --allow lets it pass", async () => {
    // In the namespace nothing routes to 192.0.2.1 (TEST-NET-1): the connect fails at once, no packet leaves.
    const command = `python3 -c "import socket; socket.socket().connect_ex(('192.0.2.1', 80))"`;
    const broken = await action({ INPUT_COMMAND: command, INPUT_FAIL_ON: "external" });
    expect(broken.r.exitCode).toBe(3);
    expect(checkJson(broken.json).violations.map((v) => v.rule)).toEqual(["external"]);
    const allowed = await action({
      INPUT_COMMAND: command,
      INPUT_FAIL_ON: "external",
      INPUT_ALLOW: "192.0.2.0/24",
    });
    expect(allowed.r.exitCode, allowed.r.stderr).toBe(0);
  });

  test("record a baseline, then a new endpoint breaks --fail-on unexpected", async () => {
    const connect = (port: number) =>
      `python3 -c "import socket; socket.socket().connect_ex(('192.0.2.1', ${port}))"`;
    const baseline = join(work.dir, "net.json");
    const first = await action({ INPUT_COMMAND: connect(80), INPUT_RECORD_BASELINE: baseline });
    expect(first.r.exitCode, first.r.stderr).toBe(0);
    const same = await action({
      INPUT_COMMAND: connect(80),
      INPUT_BASELINE: baseline,
      INPUT_FAIL_ON: "unexpected",
    });
    expect(same.r.exitCode, same.r.stderr).toBe(0);
    const more = await action({
      INPUT_COMMAND: `${connect(80)}; ${connect(8080)}`,
      INPUT_BASELINE: baseline,
      INPUT_FAIL_ON: "unexpected",
    });
    expect(more.r.exitCode).toBe(3);
    expect(more.summary).toContain("unexpected: tcp 192.0.2.1:8080");
  });

  test("the command's own failure is the step's status; an empty command is a usage error", async () => {
    const failed = await action({ INPUT_COMMAND: "exit 7" });
    expect(failed.r.exitCode).toBe(7);
    checkJson(failed.json);
    const r = await execa("bash", [SCRIPT], {
      reject: false,
      extendEnv: false,
      env: cliEnv({ ACTION_PATH: ROOT, INPUT_COMMAND: "" }),
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^::error title=sockscope::the command input is empty/);
  });
});
