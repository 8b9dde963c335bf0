// A lesson inside a session: the story's text wrapped around the report's renderer (the intro
// before the first event, the facts and questions after the last), the events collected for the
// facts, and the quiz, which shows each answer after a key. Loaded only for `sockscope lesson`.
import type { TraceEvent } from "../core/events.js";
import type { Lesson } from "../lessons/lesson.js";
import type { Format } from "../render/formats.js";
import {
  answerText,
  questionsHeading,
  questionText,
  storyEnd,
  storyFacts,
  storyIntro,
  storyStyle,
  type TextStyle,
} from "../render/lesson-story.js";
import type { Renderer } from "../render/renderer.js";
import type { Sink } from "./io.js";

export interface LessonRun {
  lesson: Lesson;
  /** Wait for a key before each answer (a terminal on stdin; checked before the run). */
  quiz: boolean;
}

export interface LessonHook {
  observe(e: TraceEvent): void;
  wrap(renderer: Renderer): Renderer;
  /** After the report's end: the quiz's questions and answers, one key at a time. */
  finish(sink: Sink, waitKey: () => Promise<boolean>): Promise<void>;
  readonly events: readonly TraceEvent[];
}

export function createLessonHook(run: LessonRun, format: Format, text: TextStyle): LessonHook {
  const { lesson } = run;
  const style = storyStyle(format);
  const events: TraceEvent[] = [];
  let lastSeq = 0;
  let started = false;
  const intro = () => {
    if (started) return "";
    started = true;
    return storyIntro(lesson, style, text);
  };
  return {
    events,
    observe(e) {
      events.push(e);
      if (e.seq > lastSeq) lastSeq = e.seq;
    },
    wrap(renderer) {
      // A Mermaid diagram stays a diagram, a Perfetto timeline valid JSON: the story has no place in them.
      if (format === "mermaid" || format === "perfetto") return renderer;
      return {
        event: (e) => {
          const before = intro();
          return before + renderer.event(e);
        },
        end: () => {
          const before = intro();
          const body = renderer.end();
          const facts = lesson.facts(events);
          if (run.quiz && style !== "json") return before + body + storyFacts(lesson, facts, style, text);
          return before + body + storyEnd(lesson, facts, style, lastSeq + 1, text);
        },
      };
    },
    async finish(sink, waitKey) {
      if (!run.quiz || style === "json" || sink.closed) return;
      await sink.write(questionsHeading(style, text));
      let n = 0;
      for (const { q, a } of lesson.questions) {
        n++;
        await sink.write(`${questionText(n, q, style, text)}   (Enter or space for the answer)\n`);
        // Ctrl-C: the quiz ends here.
        if (!(await waitKey())) return;
        await sink.write(answerText(a, style, text));
      }
    },
  };
}

/**
 * Waits for keys on a terminal: raw mode from the first wait until `done`, so a key typed between
 * two questions is not held back by the terminal's line editing.
 */
export function keyWaiter(stdin: NodeJS.ReadStream): { wait: () => Promise<boolean>; done: () => void } {
  const raw = stdin.isRaw;
  let on = false;
  return {
    wait: () =>
      new Promise<boolean>((resolve) => {
        if (!on) {
          on = true;
          stdin.setRawMode?.(true);
        }
        stdin.resume();
        stdin.once("data", (data: Buffer) => {
          stdin.pause();
          // Ctrl-C (raw mode makes it a byte): stop the quiz.
          resolve(data[0] !== 3);
        });
      }),
    done: () => {
      if (on) stdin.setRawMode?.(raw);
    },
  };
}
