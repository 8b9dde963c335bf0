// The C lessons' facts on real traces of their programs, recorded with sockscope's own strace
// flags (test/lessons/traces/README.md says how).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cLessons } from "../../src/lessons/c-lessons.js";
import { eventsFromText } from "../../src/pipeline.js";

const trace = (name: string) =>
  eventsFromText(readFileSync(new URL(`./traces/${name}.strace`, import.meta.url), "utf8"));

describe.each(cLessons.map((l) => [l.name, l] as const))("lesson %s", (name, lesson) => {
  it("sees every fact in a real trace of its program, each pointing at a step", () => {
    const events = trace(name);
    const facts = lesson.facts(events);
    expect(facts.filter((f) => !f.seen)).toEqual([]);
    const seqs = new Set(events.map((e) => e.seq));
    for (const f of facts) expect(seqs.has(f.seq ?? -1)).toBe(true);
  });

  it("says a fact is not seen on an empty trace, never claims it", () => {
    const facts = lesson.facts([]);
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) {
      expect(f.seen).toBe(false);
      expect(f.seq).toBeUndefined();
    }
  });
});

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
