// The lesson runner's pure parts: which program runs a lesson, what is said when the machine lacks
// what it needs, the list, and the story's text and Markdown around a trace's events.
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { EXIT, SockscopeError } from "../../src/errors.js";
import { EventSchema } from "../../src/events/schema.js";
import type { Lesson } from "../../src/lessons/lesson.js";
import { findLesson } from "../../src/lessons/registry.js";
import { eventsFromText } from "../../src/pipeline.js";
import { introEvent, storyEnd, storyEvent, storyIntro } from "../../src/render/lesson-story.js";
import { isSockscopeJson } from "../../src/replay/sniff.js";
import {
  lessonNamed,
  lessonOptions,
  lessonProgram,
  lessonsDir,
  listLessons,
  missingMessage,
} from "../../src/session/lesson.js";

const tcpEcho = findLesson("tcp-echo") as Lesson;
const fake = (needs: Lesson["needs"], program: string): Lesson => ({
  ...tcpEcho,
  name: `fake-${needs}`,
  needs,
  program,
});

describe("program resolution", () => {
  it("runs a Node lesson with this very Node and the bundled program", async () => {
    const p = await lessonProgram(tcpEcho, { PATH: "" });
    expect(p.command).toEqual([process.execPath, `${lessonsDir()}tcp-echo.mjs`]);
    expect(readFileSync(p.command[1] as string, "utf8")).toContain("node:net");
  });

  it("says in one line what a python3 or C lesson needs when it is missing (exit 127)", async () => {
    for (const needs of ["python3", "cc"] as const) {
      const err = await lessonProgram(fake(needs, "x"), { PATH: "" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SockscopeError);
      expect((err as SockscopeError).exitCode).toBe(EXIT.notFound);
      expect((err as SockscopeError).message).toBe(missingMessage(fake(needs, "x")));
      expect((err as SockscopeError).message).toMatch(/apt-get install (python3|gcc)/);
      expect((err as SockscopeError).message).not.toContain("\n");
    }
  });

  it("puts the lesson's strace arguments before the user's", () => {
    const lesson = { ...tcpEcho, straceArgs: ["-e", "inject=accept:delay_enter=1s"] };
    const options = lessonOptions(lesson, { straceArg: ["-s", "64"] } as never);
    expect(options.straceArg).toEqual(["-e", "inject=accept:delay_enter=1s", "-s", "64"]);
  });

  it("refuses an unknown name with exit 2 and the list", () => {
    expect(() => lessonNamed("nope")).toThrow(/tcp-echo, udp-chat, http-server, nonblocking-client/);
    try {
      lessonNamed("nope");
    } catch (err) {
      expect((err as SockscopeError).exitCode).toBe(EXIT.usage);
    }
  });

  it("lists every lesson with its order, name, needs and whether it is missing", () => {
    let out = "";
    const sink = new Writable({
      write(chunk, _e, done) {
        out += String(chunk);
        done();
      },
    });
    listLessons(sink, { PATH: "" });
    expect(out).toMatch(/ 1\. tcp-echo +TCP echo/);
    expect(out).toContain("[needs node: this one]");
    expect(out).not.toContain("\u001b[");
  });
});

describe("the story", () => {
  const events = eventsFromText(readFileSync(new URL("./traces/tcp-echo.strace", import.meta.url), "utf8"));
  const facts = tcpEcho.facts(events);

  it("text: title and intro before; facts marked seen with their steps, questions and answers after", () => {
    const intro = storyIntro(tcpEcho, "text");
    expect(intro).toMatch(/^Lesson 1: TCP echo/);
    expect(intro).toContain("What to look at");
    const end = storyEnd(tcpEcho, facts, "text", 999);
    expect(end).toContain(`What happened (${facts.length} of ${facts.length} key facts seen in this trace)`);
    expect(end).toMatch(/✔ seen \(step #\d+\): accept4\(\) returned fd 21/);
    for (const { q } of tcpEcho.questions) expect(end).toContain(q.slice(0, 30));
    expect(end).not.toContain("\u001b[");
  });

  it("text: a fact not seen is said so, with no step", () => {
    const end = storyEnd(tcpEcho, tcpEcho.facts([]), "text", 1);
    expect(end).toContain("What happened (0 of");
    expect(end).toMatch(/✘ not seen: No TCP socket\(\) call was seen\./);
  });

  it("markdown: a handout with the title, what to look at, what happened and the questions", () => {
    const md = storyIntro(tcpEcho, "markdown") + storyEnd(tcpEcho, facts, "markdown", 1);
    expect(md).toMatch(/^# Lesson 1: TCP echo/);
    for (const h of ["## What to look at", "## What happened", "## Questions"]) expect(md).toContain(h);
    expect(md).toMatch(/- ✔ seen \(step #\d+\): /);
    expect(md).toContain(`1. **${tcpEcho.questions[0]?.q}**`);
  });
});

describe("the story in JSON", () => {
  it("is two schema-valid lines, and a recording that starts with one is still read as sockscope JSON", () => {
    const facts = tcpEcho.facts([]);
    for (const line of [introEvent(tcpEcho), storyEvent(tcpEcho, facts, 7)])
      expect(EventSchema.safeParse(line).error).toBeUndefined();
    expect(isSockscopeJson(JSON.stringify(introEvent(tcpEcho)))).toBe(true);
  });
});
