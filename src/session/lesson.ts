// `sockscope lesson`: the list, and one lesson run traced through the session service with its
// story around the report. Finds what the lesson's program needs (this Node, python3, a C
// compiler), compiles a C program into a private temp dir removed afterwards, and says in one line
// what is missing when something is.
import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { SockscopeError } from "../errors.js";
import type { Lesson, LessonNeeds } from "../lessons/lesson.js";
import { findLesson, lessons } from "../lessons/registry.js";
import type { TraceOptions } from "./options.js";
import type { Io } from "./process-io.js";

/** The bundled lesson programs: fixtures/lessons/, beside dist/ in the package (and src/ here). */
export function lessonsDir(): string {
  return fileURLToPath(new URL("../../fixtures/lessons/", import.meta.url));
}

/** An executable named `name` on PATH, or undefined. */
export function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** What a need is called and how to get it. */
const NEED_HELP: Record<LessonNeeds, { what: string; install: string }> = {
  node: { what: "Node.js", install: "it is sockscope's own Node" },
  python3: { what: "python3", install: "apt-get install python3 (or your system's python3 package)" },
  cc: {
    what: "a C compiler (cc or gcc)",
    install: "apt-get install gcc (or build-essential; dnf install gcc)",
  },
};

/** The tool a need resolves to on this machine, or undefined when it is missing. */
export function findNeed(needs: LessonNeeds, env: NodeJS.ProcessEnv): string | undefined {
  if (needs === "node") return process.execPath;
  if (needs === "python3") return onPath("python3", env);
  return onPath("cc", env) ?? onPath("gcc", env);
}

export function missingMessage(lesson: Lesson): string {
  const help = NEED_HELP[lesson.needs];
  return `lesson ${lesson.name} needs ${help.what}, which is not on PATH: ${help.install}`;
}

export interface LessonProgram {
  command: string[];
  /** Removes what was made for the run (the compiled program's temp dir). Idempotent. */
  dispose(): void;
}

const run = promisify(execFile);

/** The command that runs the lesson's program, compiled first when it is C. */
export async function lessonProgram(
  lesson: Lesson,
  env: NodeJS.ProcessEnv,
  dir: string = lessonsDir(),
): Promise<LessonProgram> {
  const tool = findNeed(lesson.needs, env);
  if (tool === undefined) throw new SockscopeError("LESSON_NEEDS", missingMessage(lesson));
  const source = join(dir, lesson.program);
  const args = lesson.args ?? [];
  if (lesson.needs !== "cc") return { command: [tool, source, ...args], dispose() {} };
  const temp = mkdtempSync(join(tmpdir(), "sockscope-lesson-"));
  let gone = false;
  const dispose = () => {
    if (gone) return;
    gone = true;
    process.removeListener("exit", dispose);
    rmSync(temp, { recursive: true, force: true });
  };
  // The last resort: whatever ends the process, the temp dir goes with it.
  process.once("exit", dispose);
  const binary = join(temp, lesson.name);
  try {
    await run(tool, ["-O1", "-Wall", "-o", binary, source], { env });
  } catch (err) {
    dispose();
    // The compiler's first error line (gcc starts with "In function …"), else its first line.
    const lines = (err as { stderr?: string }).stderr?.trim().split("\n") ?? [];
    const stderr = lines.find((l) => /\berror\b/.test(l)) ?? lines[0] ?? String(err);
    throw new SockscopeError(
      "LESSON_NEEDS",
      `lesson ${lesson.name}: ${tool} could not compile it: ${stderr}`,
    );
  }
  return { command: [binary, ...args], dispose };
}

/** `sockscope lesson`: every lesson, what it needs and whether this machine has it. */
export function listLessons(out: NodeJS.WritableStream, env: NodeJS.ProcessEnv): void {
  const width = Math.max(...lessons.map((l) => l.name.length));
  const lines = lessons.map((l) => {
    const found = findNeed(l.needs, env);
    const need =
      l.needs === "node"
        ? "node: this one"
        : found !== undefined
          ? `${NEED_HELP[l.needs].what}: ${found}`
          : `${NEED_HELP[l.needs].what}: missing, ${NEED_HELP[l.needs].install}`;
    return `${String(l.order).padStart(2)}. ${l.name.padEnd(width)}  ${l.title}\n    ${" ".repeat(width)}  ${l.summary} [needs ${need}]`;
  });
  out.write(
    `Lessons: run one with  sockscope lesson NAME  (--quiz, --tui, --format markdown, --os macos…)\n\n${lines.join("\n")}\n`,
  );
}

/** The lesson named, or a usage error listing them. */
export function lessonNamed(name: string): Lesson {
  const lesson = findLesson(name);
  if (lesson !== undefined) return lesson;
  throw new SockscopeError(
    "BAD_USAGE",
    `no lesson named '${name}'; the lessons are: ${lessons.map((l) => l.name).join(", ")}`,
  );
}

/** The options a lesson runs with: its own strace arguments first, then the user's --strace-arg. */
export function lessonOptions(lesson: Lesson, options: TraceOptions): TraceOptions {
  return { ...options, straceArg: [...(lesson.straceArgs ?? []), ...options.straceArg] };
}

/** `sockscope lesson NAME`: runs it traced, the story around the report; resolves to the exit status. */
export async function runLesson(name: string, options: TraceOptions, quiz: boolean, io: Io): Promise<number> {
  const lesson = lessonNamed(name);
  if (quiz) {
    if (options.format === "json" || options.format === "mermaid" || options.format === "perfetto")
      throw new SockscopeError("BAD_USAGE", `--quiz is for a reader: not with --format ${options.format}`);
    if (options.tui)
      throw new SockscopeError("BAD_USAGE", "--quiz and --tui: the view shows the answers itself");
    if (options.output !== undefined && options.output !== "-")
      throw new SockscopeError("BAD_USAGE", "--quiz asks its questions on the terminal: not with -o FILE");
    if (!io.stdin.isTTY)
      throw new SockscopeError(
        "BAD_USAGE",
        "--quiz waits for a key before each answer: stdin must be a terminal",
      );
  }
  const program = await lessonProgram(lesson, io.env);
  // A signal (Ctrl-C) reaches the program through the session's relay and ends the session, so
  // the finally below runs; the process's exit handler (lessonProgram) is the last resort.
  try {
    const { runSession } = await import("./session.js");
    return await runSession(
      {
        source: { kind: "run", command: program.command },
        options: lessonOptions(lesson, options),
        lesson: { lesson, quiz },
      },
      io,
    );
  } finally {
    program.dispose();
  }
}
