// --stable: the same program run twice gives byte-identical text and JSON. Real runs, compared
// byte for byte; what --stable cannot fix (a program that races with itself) is not tested here.
// Each run of sockscope is in a network namespace of its own; the two runs a test compares use the
// same port and unix names (they are in the output), picked by that test.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EventSchema } from "../../src/events/schema.js";
import { cliEnv } from "../helpers/env.js";
import { compileFixture, createWorkDir } from "../helpers/live.js";
import { inFreshNetns, pickPorts } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
const programs = new Map<string, string>();
const NAMES = ["tcp-echo", "udp", "unix", "ipv6", "threads", "nonblocking-connect"];

beforeAll(async () => {
  for (const name of NAMES) programs.set(name, await compileFixture(name, work.dir));
});
afterAll(() => work.remove());

/** The arguments that give a program its ports (or unix names): new ones for each test. */
function endpointArgs(name: string, test: string): string[] {
  const [port = 0, second = 0] = pickPorts(2);
  if (name === "unix") return [join(work.dir, `${test}.sock`), `sockscope-test-${test}`];
  if (name === "nonblocking-connect") return [String(port), String(second)];
  return [String(port)];
}

async function stableRun(name: string, endpoints: string[], format: string, n: number): Promise<string> {
  const out = join(work.dir, `${name}.${format}.${n}`);
  const program = programs.get(name) ?? "";
  const r = await execa(
    ...inFreshNetns([
      process.execPath,
      BIN,
      "--stable",
      "--format",
      format,
      "--explain",
      "brief",
      "-o",
      out,
      program,
      ...endpoints,
    ]),
    { reject: false, env: cliEnv(), extendEnv: false },
  );
  expect(r.exitCode).toBe(0);
  return readFileSync(out, "utf8");
}

describe.each(NAMES.map((name) => ({ name })))("$name", ({ name }) => {
  test.each([{ format: "text" }, { format: "json" }])(
    "two runs, byte-identical $format",
    async ({ format }) => {
      const endpoints = endpointArgs(name, `${name}-${format}`);
      const first = await stableRun(name, endpoints, format, 1);
      const second = await stableRun(name, endpoints, format, 2);
      expect(second).toBe(first);
      // Nothing that varies between runs is left.
      expect(first).not.toMatch(/"time":(?!0[,}])|"duration":|<0\.\d{6}>/);
      if (format === "json")
        for (const line of first.trimEnd().split("\n")) EventSchema.parse(JSON.parse(line));
    },
  );
});

test("pids are p1, p2… in the text view, in the order the processes were created", async () => {
  const text = await stableRun("tcp-echo", endpointArgs("tcp-echo", "pids"), "text", 3);
  expect(text).toMatch(/^p1 +execve\(/m);
  expect(text).toMatch(/^p1 +clone\(.*\) = 2$/m);
  expect(text).toMatch(/^p2 +socket\(/m);
  expect(text).toMatch(/127\.0\.0\.1:eph1/);
});

test("20 runs of a forking server under --stable --json give one output", async () => {
  // tcp-echo forks a child per connection: pids, ports, inodes and the order in which parent and
  // child lines interleave all change from run to run; none of it may reach the output.
  const endpoints = endpointArgs("tcp-echo", "twenty");
  const outputs = new Set<string>();
  for (let batch = 0; batch < 20; batch += 4) {
    const runs = [0, 1, 2, 3].map((i) => stableRun("tcp-echo", endpoints, "json", 100 + batch + i));
    for (const output of await Promise.all(runs)) outputs.add(output);
  }
  expect(outputs.size).toBe(1);
}, 120_000);
