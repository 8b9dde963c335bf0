// A lesson in the interactive view (sockscope lesson NAME --tui): the intro at the top, the key
// facts' steps to jump between (n/p), and the story pane (f): what to look at, what happened in
// this trace (each fact seen or not, with its step), the questions with their answers. Pure.
import type { TraceEvent as Event } from "../../core/events.js";
import type { Lesson, LessonFact } from "../../lessons/lesson.js";
import type { PaneLine } from "./view-model.js";

/** The steps the seen facts point to, in order, without repeats. */
export function factSteps(facts: readonly LessonFact[]): number[] {
  return [...new Set(facts.flatMap((f) => (f.seen && f.seq !== undefined ? [f.seq] : [])))].sort(
    (a, b) => a - b,
  );
}

/**
 * The index in `visible` to select for the next (dir 1) or previous (-1) fact's step from the event
 * with seq `from`; undefined when there is none that way. A step the view does not show (a
 * filter) lands on the nearest shown event after it.
 */
export function jumpToFact(
  visible: readonly Event[],
  steps: readonly number[],
  from: number | undefined,
  dir: 1 | -1,
): number | undefined {
  const here = from ?? Number.NEGATIVE_INFINITY;
  const target = dir === 1 ? steps.find((s) => s > here) : [...steps].reverse().find((s) => s < here);
  if (target === undefined) return undefined;
  const i = visible.findIndex((e) => e.seq >= target);
  return i < 0 ? undefined : i;
}

/** The facts that point at this step. */
export function factsAt(facts: readonly LessonFact[], seq: number | undefined): LessonFact[] {
  return seq === undefined ? [] : facts.filter((f) => f.seen && f.seq === seq);
}

/** The story pane's lines. */
export function storyLines(lesson: Lesson, facts: readonly LessonFact[], ended: boolean): PaneLine[] {
  const out: PaneLine[] = [{ text: `Lesson ${lesson.order}: ${lesson.title}`, tone: "info" }];
  out.push({ text: "What to look at", tone: "info" });
  for (const p of lesson.intro) out.push({ text: p, tone: "normal", indent: 0 });
  const seen = facts.filter((f) => f.seen).length;
  out.push({
    text: `What happened (${seen} of ${facts.length} key facts seen${ended ? "" : " so far"}; n/p jump to their steps)`,
    tone: "info",
  });
  for (const f of facts)
    out.push({
      text: `${f.seen ? "✔ seen" : "✘ not seen"}${f.seq !== undefined ? ` (step #${f.seq})` : ""}: ${f.text}`,
      tone: f.seen ? "normal" : "warning",
      indent: 2,
    });
  out.push({ text: "Questions", tone: "info" });
  lesson.questions.forEach(({ q, a }, i) => {
    out.push({ text: `${i + 1}. ${q}`, tone: "normal", indent: 3 });
    out.push({ text: `   ${a}`, tone: "dim", indent: 3 });
  });
  return out;
}
