// --format perfetto on a real forking server, traced live by the built CLI in a network namespace
// of its own, on a port the test picks: the timeline parses and fits the trace-event schema, and
// its arrows are the model's pairings (one connect → accept per accepted connection, since both
// ends are traced; bytes from each send to the recv at the other end).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { compileFixture, createWorkDir } from "../helpers/live.js";
import { inFreshNetns, pickPorts } from "../helpers/netns.js";
import { checkTrace } from "./perfetto-trace.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
let server = "";

beforeAll(async () => {
  server = await compileFixture("forking-server", work.dir);
});
afterAll(() => work.remove());

async function traced(extra: string[]): Promise<string> {
  const [port = 0] = pickPorts(1);
  const out = join(work.dir, `trace-${port}.json`);
  const r = await execa(
    ...inFreshNetns([
      process.execPath,
      BIN,
      "--format",
      "perfetto",
      "-o",
      out,
      ...extra,
      server,
      String(port),
    ]),
    { reject: false, env: cliEnv(), extendEnv: false },
  );
  expect(r.stderr).toBe("");
  expect(r.exitCode).toBe(0);
  return readFileSync(out, "utf8");
}

test("a forking server: connect → accept once per connection, bytes from send to recv", {
  timeout: 30_000,
}, async () => {
  const { flows, slices, trace } = checkTrace(await traced([]));
  const accepts = flows.filter((f) => f.name === "connect → accept");
  // Two clients, both forked by the traced parent: both connections paired.
  expect(accepts).toHaveLength(2);
  for (const f of accepts) {
    expect(f.from.name).toBe("connect");
    expect(f.to.name).toMatch(/^accept4?$/);
    expect(f.to.tid).not.toBe(f.from.tid);
  }
  expect(new Set(accepts.map((f) => f.to.args.newConn)).size).toBe(2);

  const bytes = flows.filter((f) => f.name === "bytes");
  // Each client sends two messages and the handler echoes each: at least one read for each.
  expect(bytes.length).toBeGreaterThanOrEqual(8);
  for (const f of bytes) {
    expect(["sendto", "send", "write"]).toContain(f.from.name);
    expect(["recvfrom", "recv", "read"]).toContain(f.to.name);
    expect(f.to.tid).not.toBe(f.from.tid);
    expect(f.to.args.conn).not.toBe(f.from.args.conn);
  }
  // Real times: µs since midnight, each call as long as it took.
  expect(trace.otherData.clock).toBe("µs");
  expect(slices.some((s) => s.name === "wait4" || s.name.startsWith("accept"))).toBe(true);
});

test("--stable: the same arrows, seq as the clock", { timeout: 30_000 }, async () => {
  const { flows, trace } = checkTrace(await traced(["--stable"]));
  expect(trace.otherData.clock).toBe("seq");
  expect(flows.filter((f) => f.name === "connect → accept")).toHaveLength(2);
  expect(flows.filter((f) => f.name === "bytes").length).toBeGreaterThanOrEqual(8);
});
