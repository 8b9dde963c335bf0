// The lesson's parts of the interactive view: the key facts' steps and the jumps between them.
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../src/core/events.js";
import type { Lesson } from "../../src/lessons/lesson.js";
import { findLesson } from "../../src/lessons/registry.js";
import { factSteps, factsAt, jumpToFact, storyLines } from "../../src/render/tui/lesson-view.js";

const ev = (seq: number) => ({ seq }) as TraceEvent;

describe("lesson view", () => {
  const facts = [
    { text: "a", seen: true, seq: 5 },
    { text: "b", seen: false },
    { text: "c", seen: true, seq: 2 },
    { text: "d", seen: true, seq: 5 },
  ];

  it("lists the seen facts' steps once each, in order", () => {
    expect(factSteps(facts)).toEqual([2, 5]);
    expect(factsAt(facts, 5).map((f) => f.text)).toEqual(["a", "d"]);
  });

  it("jumps to the next and previous step, landing on the nearest shown event after a hidden one", () => {
    const visible = [1, 3, 4, 5, 7].map(ev);
    expect(jumpToFact(visible, [2, 5], undefined, 1)).toBe(1); // step 2 is hidden: event 3
    expect(jumpToFact(visible, [2, 5], 3, 1)).toBe(3);
    expect(jumpToFact(visible, [2, 5], 5, 1)).toBeUndefined();
    expect(jumpToFact(visible, [2, 5], 7, -1)).toBe(3);
    expect(jumpToFact(visible, [2, 5], 2, -1)).toBeUndefined();
  });

  it("tells the whole story in the pane: intro, facts seen or not, questions and answers", () => {
    const lesson = findLesson("tcp-echo") as Lesson;
    const text = storyLines(lesson, facts, true)
      .map((l) => l.text)
      .join("\n");
    expect(text).toContain("What happened (3 of 4 key facts seen;");
    expect(text).toContain("✘ not seen: b");
    expect(text).toContain(lesson.questions[0]?.a);
  });
});
