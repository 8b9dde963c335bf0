// A trace recorded live with --json in a network namespace whose somaxconn the test sets (a
// per-namespace sysctl), read back outside it: every view explains listen() with the recorded 17,
// not the reading machine's value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { inFreshNetns, pickPort } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
afterAll(() => work.remove());

test("read of a JSON trace recorded with somaxconn 17 explains with 17 in every view", async () => {
  const here = Number(readFileSync("/proc/sys/net/core/somaxconn", "utf8"));
  expect(here).not.toBe(17);
  const port = pickPort();
  const out = join(work.dir, "somaxconn17.jsonl");
  const listener = `import socket; s=socket.socket(); s.bind(('127.0.0.1', ${port})); s.listen(64); s.close()`;
  // The sysctl is set inside the namespace only; sockscope, strace and the program all run there.
  const r = await execa(
    ...inFreshNetns([
      "/bin/sh",
      "-c",
      'echo 17 > /proc/sys/net/core/somaxconn && exec "$0" "$@"',
      process.execPath,
      BIN,
      "run",
      "--json",
      "-o",
      out,
      "--",
      "python3",
      "-c",
      listener,
    ]),
    { reject: false, env: cliEnv(), extendEnv: false },
  );
  expect(r.stderr).toBe("");
  expect(r.exitCode).toBe(0);
  const first = JSON.parse(readFileSync(out, "utf8").split("\n")[0] as string) as {
    note?: string;
    machine?: { somaxconn?: number };
  };
  expect(first.note).toBe("machine");
  expect(first.machine?.somaxconn).toBe(17);

  const quoted = /net\.core\.somaxconn = 17\b/;
  const text = await runCli(["read", out]);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/\(machine: Linux \S+, somaxconn 17, /);
  expect(text.stdout).toMatch(quoted);
  expect(text.stdout).not.toMatch(new RegExp(`somaxconn = ${here}\\b`));
  const pretty = await runCli(["read", "--format", "pretty", out]);
  expect(pretty.stdout.replace(/\s+/g, " ")).toMatch(quoted);
  const markdown = await runCli(["read", "--format", "markdown", out]);
  expect(markdown.stdout).toMatch(/^- machine: Linux \S+, somaxconn 17, /m);
  expect(markdown.stdout).toMatch(quoted);
  const mermaid = await runCli(["read", "--format", "mermaid", out]);
  expect(mermaid.code).toBe(0);
  expect(mermaid.stdout).toMatch(new RegExp(`listen 127\\.0\\.0\\.1:${port}`));
  // Read again as JSON, the recording is written unchanged.
  const json = await runCli(["read", "--json", out]);
  expect(json.stdout).toBe(readFileSync(out, "utf8"));
});
