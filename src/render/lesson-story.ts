// The story told around a lesson's trace, in each view: before the trace, the title and what to
// look at; after it, "What happened" (the lesson's facts, each seen in this trace or not, with the
// step it points to) and the questions with their answers. Pure: text in, text out; the session
// decides where it goes and the quiz decides when each answer is shown.
import { Chalk } from "chalk";
import type { WireLessonEvent } from "../events/schema.js";
import { SCHEMA_VERSION } from "../events/version.js";
import type { Lesson, LessonFact } from "../lessons/lesson.js";
import type { Format } from "./formats.js";

export type StoryStyle = "text" | "markdown" | "json";

/** Which story a report format gets: JSON lines, a Markdown handout, or plain (maybe coloured) text. */
export function storyStyle(format: Format): StoryStyle {
  if (format === "json") return "json";
  if (format === "markdown") return "markdown";
  return "text";
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line !== "" && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line === "" ? w : `${line} ${w}`;
  }
  if (line !== "") lines.push(indent + line);
  return lines.join("\n");
}

export interface TextStyle {
  /** Colour level (0: none): colour only on a terminal. */
  colorLevel: 0 | 1 | 2 | 3;
  columns: number;
}

const chalkFor = (level: TextStyle["colorLevel"]) => new Chalk({ level });

/** Before the trace: the title and what to look at. */
export function storyIntro(
  lesson: Lesson,
  style: StoryStyle,
  text: TextStyle = { colorLevel: 0, columns: 100 },
) {
  if (style === "json") return `${JSON.stringify(introEvent(lesson))}\n`;
  if (style === "markdown")
    return `# Lesson ${lesson.order}: ${lesson.title}\n\n## What to look at\n\n${lesson.intro.join("\n\n")}\n\n`;
  const c = chalkFor(text.colorLevel);
  const width = Math.max(40, Math.min(text.columns, 100));
  return `${c.bold(`Lesson ${lesson.order}: ${lesson.title}`)}\n\n${c.bold("What to look at")}\n${lesson.intro
    .map((p) => wrap(p, width, "  "))
    .join("\n\n")}\n\n${c.dim("─".repeat(Math.min(width, 60)))}\n`;
}

function factLine(f: LessonFact): string {
  return `${f.seen ? "seen" : "not seen"}${f.seq !== undefined ? ` (step #${f.seq})` : ""}: ${f.text}`;
}

/** After the trace: the facts as this trace shows them, then the questions (with answers unless quizzing). */
export function storyFacts(
  _lesson: Lesson,
  facts: readonly LessonFact[],
  style: Exclude<StoryStyle, "json">,
  text: TextStyle = { colorLevel: 0, columns: 100 },
): string {
  if (style === "markdown") {
    const rows = facts.map(
      (f) =>
        `- ${f.seen ? "✔ seen" : "✘ not seen"}${f.seq !== undefined ? ` (step #${f.seq})` : ""}: ${f.text}`,
    );
    return `\n## What happened\n\n${rows.join("\n")}\n`;
  }
  const c = chalkFor(text.colorLevel);
  const width = Math.max(40, Math.min(text.columns, 100));
  const seen = facts.filter((f) => f.seen).length;
  const lines = facts.map((f) => {
    const mark = f.seen ? c.green("✔") : c.red("✘");
    return `${mark} ${wrap(factLine(f), width - 2, "  ").trimStart()}`;
  });
  return `\n${c.bold(`What happened (${seen} of ${facts.length} key facts seen in this trace)`)}\n${lines.join("\n")}\n`;
}

/** The heading of the questions. */
export function questionsHeading(
  style: Exclude<StoryStyle, "json">,
  text: TextStyle = { colorLevel: 0, columns: 100 },
) {
  if (style === "markdown") return "\n## Questions\n\n";
  return `\n${chalkFor(text.colorLevel).bold("Questions")}\n`;
}

/** One question; its answer separately (the quiz waits for a key between them). */
export function questionText(
  n: number,
  q: string,
  style: Exclude<StoryStyle, "json">,
  text: TextStyle = { colorLevel: 0, columns: 100 },
) {
  if (style === "markdown") return `${n}. **${q}**\n`;
  const width = Math.max(40, Math.min(text.columns, 100));
  return `${chalkFor(text.colorLevel).bold(wrap(`${n}. ${q}`, width, "  ").trimStart())}\n`;
}

export function answerText(
  a: string,
  style: Exclude<StoryStyle, "json">,
  text: TextStyle = { colorLevel: 0, columns: 100 },
) {
  if (style === "markdown") return `   ${a}\n\n`;
  const width = Math.max(40, Math.min(text.columns, 100));
  return `${wrap(a, width, "   ")}\n\n`;
}

/** Everything after the trace, answers included (no quiz). */
export function storyEnd(
  lesson: Lesson,
  facts: readonly LessonFact[],
  style: StoryStyle,
  seq: number,
  text: TextStyle = { colorLevel: 0, columns: 100 },
): string {
  if (style === "json") return `${JSON.stringify(storyEvent(lesson, facts, seq))}\n`;
  let out = storyFacts(lesson, facts, style, text) + questionsHeading(style, text);
  lesson.questions.forEach(({ q, a }, i) => {
    out += questionText(i + 1, q, style, text) + answerText(a, style, text);
  });
  return out;
}

export function introEvent(lesson: Lesson): WireLessonEvent {
  return {
    type: "lesson",
    v: SCHEMA_VERSION,
    seq: 0,
    part: "intro",
    name: lesson.name,
    title: lesson.title,
    intro: [...lesson.intro],
  };
}

export function storyEvent(lesson: Lesson, facts: readonly LessonFact[], seq: number): WireLessonEvent {
  return {
    type: "lesson",
    v: SCHEMA_VERSION,
    seq,
    part: "story",
    name: lesson.name,
    title: lesson.title,
    facts: facts.map((f) => ({ text: f.text, seen: f.seen, ...(f.seq !== undefined ? { seq: f.seq } : {}) })),
    questions: lesson.questions.map(({ q, a }) => ({ q, a })),
  };
}
