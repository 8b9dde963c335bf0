// Threads closing and reusing fd numbers concurrently (fixtures/hostile/README-bounded.md): a
// close() whose resumed half comes after another thread's socket() got the same number must end
// the socket it named, not the new one. Held to the program's own ground truth. Limit: 20 s.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { ConnectionEvent } from "../../src/core/events.js";
import { eventsFromText } from "../../src/pipeline.js";
import { FIXTURES } from "../helpers/logs.js";

const LOG = readFileSync(join(FIXTURES, "hostile", "fdreuse-threads.strace"), "utf8");
const TRUTH = readFileSync(join(FIXTURES, "hostile", "fdreuse-threads.truth"), "utf8")
  .trim()
  .split("\n");

test("every connection end of the ground truth, paired by port, and no phantom", { timeout: 20_000 }, () => {
  const ends = eventsFromText(LOG).filter(
    (e): e is ConnectionEvent => e.type === "connection" && e.transport === "tcp" && e.role !== "listener",
  );
  expect(ends).toHaveLength(TRUTH.length);
  const byId = new Map(ends.map((e) => [e.id, e]));
  const seen: string[] = [];
  for (const e of ends) {
    const peer = e.peer === undefined ? undefined : byId.get(e.peer);
    expect(peer?.peer, `conn#${e.id} is paired both ways`).toBe(e.id);
    expect(e.closed ?? Number.POSITIVE_INFINITY).toBeGreaterThanOrEqual(e.opened ?? 0);
    if (e.role === "client") {
      expect(peer?.remote?.port).toBe(e.local?.port);
      seen.push(`client ${e.local?.port}`);
    } else seen.push(`server ${e.remote?.port}`);
  }
  expect(seen.sort()).toEqual([...TRUTH].sort());
});
