// What a lesson is: a small bundled program (fixtures/lessons/), run traced, and the story told
// around its trace: what to look at first, the key facts checked against the events it produced
// (so the story never claims what this run did not do), and questions with their answers.
// Pure data and pure functions of events: the runner (src/session/lesson.ts) starts the program and
// the session; the facts are testable on any recorded trace.
import type { TraceEvent } from "../core/events.js";

/** What the program needs besides sockscope's own Node. */
export type LessonNeeds = "node" | "python3" | "cc";

/** One key fact of the lesson, as this trace shows it (or does not). */
export interface LessonFact {
  /** The fact in the learner's words, from this trace's values ("accept() returned fd 4 …"). */
  text: string;
  /** Whether the trace shows it. A fact not seen is said so, never claimed. */
  seen: boolean;
  /** The seq of the event that shows it (the step to jump to). */
  seq?: number;
}

export interface LessonQuestion {
  q: string;
  a: string;
}

export interface Lesson {
  /** The name on the command line: `sockscope lesson tcp-echo`. */
  name: string;
  /** Its place in the list (1…). */
  order: number;
  title: string;
  /** One line for `sockscope lesson` (the list). */
  summary: string;
  needs: LessonNeeds;
  /** The program, a file in fixtures/lessons/ (.mjs for node, .py for python3, .c for cc). */
  program: string;
  /** Arguments after the program. */
  args?: string[];
  /** Extra strace arguments the lesson relies on (for example `-e inject=accept:delay_enter=…`). */
  straceArgs?: string[];
  /** What to look at, before the trace: short paragraphs. */
  intro: string[];
  /** The key facts, checked against this run's events (all of them, in order). */
  facts(events: readonly TraceEvent[]): LessonFact[];
  questions: LessonQuestion[];
}
