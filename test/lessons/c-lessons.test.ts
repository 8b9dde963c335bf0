// What the model makes of the accept-queue lesson's recorded trace (test/lessons/traces/README.md
// says how it was recorded); every lesson's facts are checked in lessons.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { eventsFromText } from "../../src/pipeline.js";

const trace = (name: string) =>
  eventsFromText(readFileSync(new URL(`./traces/${name}.strace`, import.meta.url), "utf8"));

describe("the accept-queue trace, in the model", () => {
  it("pairs each client with the socket that accepted it, not by connect order (dropped SYNs were retried out of order)", () => {
    const events = trace("accept-queue");
    const conns = events.filter((e) => e.type === "connection");
    const clients = conns.filter((c) => c.role === "client");
    expect(clients).toHaveLength(4);
    // strace's own view: close(6<TCP:[127.0.0.1:53398->…]>), close(7<TCP:[127.0.0.1:53414->…]>).
    expect(clients.map((c) => [c.fd, c.local?.text])).toEqual([
      [4, "127.0.0.1:53372"],
      [5, "127.0.0.1:53388"],
      [6, "127.0.0.1:53398"],
      [7, "127.0.0.1:53414"],
    ]);
    for (const c of clients) {
      const server = conns.find((s) => s.id === c.peer);
      expect(server?.remote?.text).toBe(c.local?.text);
    }
  });
});
