// Every lesson's facts on real traces of its program (recorded with strace -f -yy, the socket
// and epoll lines kept), the registry, and the order of the list.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findLesson, lessons } from "../../src/lessons/registry.js";
import { eventsFromText } from "../../src/pipeline.js";

const trace = (name: string) =>
  eventsFromText(readFileSync(new URL(`./traces/${name}.strace`, import.meta.url), "utf8"));

describe("registry", () => {
  it("lists the lessons by order, names unique, and finds them by name", () => {
    const orders = lessons.map((l) => l.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(lessons.map((l) => l.name)).size).toBe(lessons.length);
    expect(lessons.slice(0, 4).map((l) => l.name)).toEqual([
      "tcp-echo",
      "udp-chat",
      "http-server",
      "nonblocking-client",
    ]);
    expect(findLesson("udp-chat")?.order).toBe(2);
    expect(findLesson("nope")).toBeUndefined();
  });

  it("gives every lesson an intro and 3 to 5 questions", () => {
    for (const l of lessons) {
      expect(l.intro.length).toBeGreaterThan(0);
      expect(l.questions.length).toBeGreaterThanOrEqual(3);
      expect(l.questions.length).toBeLessThanOrEqual(5);
    }
  });
});

describe.each(lessons.map((l) => l.name))("lesson %s", (name) => {
  it("sees every fact in a real trace of its program, each pointing at a step", () => {
    const lesson = findLesson(name);
    if (lesson === undefined) throw new Error(name);
    const events = trace(name);
    const facts = lesson.facts(events);
    expect(facts.filter((f) => !f.seen)).toEqual([]);
    const seqs = new Set(events.map((e) => e.seq));
    for (const f of facts) expect(seqs.has(f.seq ?? -1)).toBe(true);
  });

  it("says a fact is not seen on an empty trace, never claims it", () => {
    const facts = findLesson(name)?.facts([]) ?? [];
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) {
      expect(f.seen).toBe(false);
      expect(f.seq).toBeUndefined();
    }
  });
});
