// Baselines on hand-written traces, in process: the file --record-baseline writes, --baseline's
// verdicts (unexpected, missing, a hand-loosened entry), --suggest-allow, and the errors a user
// can make (no file, not a baseline, a rule without one).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { clientTrace } from "../helpers/client-trace.js";
import { createWorkDir } from "../helpers/live.js";

const work = createWorkDir();
afterAll(() => work.remove());

const trace = (targets: string[]) => clientTrace(targets);

describe("--record-baseline and --baseline", () => {
  const file = join(work.dir, "net.json");

  test("the file: one entry per line, by address when no lookup was seen, the program that did it", async () => {
    const r = await runCli(["read", "-", "--record-baseline", file], { stdin: trace(["203.0.113.5:443"]) });
    expect(r.code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).toContain(
      '    {"kind":"endpoint","transport":"tcp","address":"203.0.113.5","port":443,"by":["app"]}',
    );
    expect(JSON.parse(text)).toMatchObject({
      format: "sockscope-network-baseline",
      version: 1,
      listeners: [],
    });
  });

  test("a new endpoint fails with --fail-on unexpected; a missing one is reported", async () => {
    await runCli(["read", "-", "--record-baseline", file], { stdin: trace(["203.0.113.5:443"]) });
    const more = await runCli(
      ["read", "-", "--baseline", file, "--fail-on", "unexpected", "--format", "text"],
      {
        stdin: trace(["203.0.113.5:443", "198.51.100.7:80"]),
      },
    );
    expect(more.code).toBe(3);
    expect(more.stderr).toContain(
      `--fail-on unexpected: tcp 198.51.100.7:80 by app: not in the baseline ${file}`,
    );
    expect(more.stdout).toContain("unexpected: tcp 198.51.100.7:80");
    const fewer = await runCli(["read", "-", "--baseline", file, "--format", "markdown"], {
      stdin: trace([]),
    });
    expect(fewer.code).toBe(0);
    expect(fewer.stdout).toContain("- missing (listed, not seen): tcp 203.0.113.5:443");
  });

  test("a hand-loosened baseline: any port, a name wildcard", async () => {
    const loose = join(work.dir, "loose.json");
    writeFileSync(
      loose,
      JSON.stringify({
        format: "sockscope-network-baseline",
        version: 1,
        endpoints: [{ kind: "endpoint", transport: "tcp", address: "203.0.113.5", port: "*" }],
        listeners: [],
      }),
    );
    const r = await runCli(["read", "-", "--baseline", loose, "--fail-on", "unexpected,missing"], {
      stdin: trace(["203.0.113.5:8443"]),
    });
    expect(r.code).toBe(0);
  });

  test("mistakes are one-line usage errors", async () => {
    const stdin = trace([]);
    const none = await runCli(["read", "-", "--fail-on", "unexpected"], { stdin });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--fail-on unexpected compares the run with a baseline: add --baseline FILE/);
    const missing = await runCli(["read", "-", "--baseline", join(work.dir, "nope.json")], { stdin });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the baseline .*: no such file/);
    const bad = join(work.dir, "bad.json");
    writeFileSync(bad, '{"endpoints": []}');
    const wrong = await runCli(["read", "-", "--baseline", bad], { stdin });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/is not a sockscope network baseline at format/);
    for (const r of [none, missing, wrong]) expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

test("--suggest-allow: the --allow list that lets the external connections pass", async () => {
  const stdin = trace(["203.0.113.5:443", "198.51.100.7:80", "127.0.0.1:5432"]);
  const r = await runCli(["read", "-", "--fail-on", "external", "--suggest-allow"], { stdin });
  expect(r.code).toBe(3);
  expect(r.stderr).toContain("sockscope: --suggest-allow: --allow '198.51.100.7,203.0.113.5'");
  const allowed = await runCli(
    ["read", "-", "--fail-on", "external", "--allow", "198.51.100.7,203.0.113.5"],
    {
      stdin,
    },
  );
  expect(allowed.code).toBe(0);
});
