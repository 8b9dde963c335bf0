// Each Node lesson run for real by the built CLI (`sockscope lesson NAME`), in a network namespace
// of its own: every key fact is seen in the trace it produced, the story's key steps come in the
// right order, every JSON line validates against the schema, and the text view tells the story.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import type { Lesson } from "../../src/lessons/lesson.js";
import { findLesson } from "../../src/lessons/registry.js";
import { lessonProgram } from "../../src/session/lesson.js";
import { cliEnv } from "../helpers/env.js";
import { type LessonLine, lessonJson } from "../helpers/lesson-run.js";
import { inFreshNetns } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const env = cliEnv();

/** A Node lesson's run, every one of its key facts seen. */
async function lessonSeen(name: string) {
  const run = await lessonJson(name);
  expect(run.facts.filter((f) => !f.seen)).toEqual([]);
  return run;
}

const at = (events: LessonLine[], seq: number | undefined) => events.find((e) => e.seq === seq);

describe.concurrent("lessons, live", () => {
  test("tcp-echo: the handshake completed before accept returned", async () => {
    const { events, facts } = await lessonSeen("tcp-echo");
    const connect = events.find((e) => e.type === "syscall" && e.name === "connect");
    const accept = events.find((e) => e.type === "syscall" && e.name?.startsWith("accept"));
    expect(connect?.errno).toBe("EINPROGRESS");
    // connect returned before the accept, and accept handed over a socket already connected.
    expect(accept?.seq).toBeGreaterThan(connect?.seq ?? Number.POSITIVE_INFINITY);
    const handshake = facts.find((f) => f.text.includes("completed the handshake before accept"));
    expect(at(events, handshake?.seq)?.name).toMatch(/^accept/);
  });

  test("udp-chat: ECONNREFUSED on the connected socket, silence on the unconnected one", async () => {
    const { events, facts } = await lessonSeen("udp-chat");
    const refused = events.filter((e) => e.type === "syscall" && e.errno === "ECONNREFUSED");
    expect(refused.length).toBe(1);
    const connected = events.find(
      (e) => e.type === "syscall" && e.name === "connect" && e.socket?.id === refused[0]?.socket?.id,
    );
    expect(connected).toBeDefined();
    const silent = facts.find((f) => f.text.includes("nobody listens"));
    expect(at(events, silent?.seq)?.errno).toBeUndefined();
  });

  test("http-server: two requests on one connection", async () => {
    const { events } = await lessonSeen("http-server");
    const tcp = (name: string) =>
      events.filter((e) => e.type === "syscall" && e.name === name && e.socket?.transport === "tcp");
    expect(tcp("connect").length).toBe(1);
    expect(tcp("accept4").length + tcp("accept").length).toBe(1);
  });

  test("nonblocking-client: EINPROGRESS, EAGAIN, SO_ERROR ECONNREFUSED", async () => {
    const { events } = await lessonSeen("nonblocking-client");
    const errnos = events
      .filter((e) => e.type === "syscall" && e.socket?.transport === "tcp")
      .map((e) => e.errno);
    expect(errnos).toContain("EINPROGRESS");
    expect(errnos).toContain("EAGAIN");
  });

  test("the text view tells the story around the trace, without colour off a terminal", async () => {
    const r = await execa(...inFreshNetns([process.execPath, BIN, "lesson", "tcp-echo"]), {
      reject: false,
      env,
      extendEnv: false,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('client received "echo: hello, kernel"');
    const report = r.stderr;
    expect(report).not.toContain("\u001b[");
    const intro = report.indexOf("What to look at");
    const trace = report.indexOf("accept4(");
    const story = report.indexOf("What happened (");
    expect(intro).toBeGreaterThanOrEqual(0);
    expect(trace).toBeGreaterThan(intro);
    expect(story).toBeGreaterThan(trace);
    expect(report).toMatch(/What happened \((\d+) of \1 key facts seen/);
    expect(report).toContain("Questions");
  });

  test("--quiz without a terminal on stdin is refused with exit 2", async () => {
    const r = await execa(process.execPath, [BIN, "lesson", "tcp-echo", "--quiz"], {
      reject: false,
      env,
      extendEnv: false,
      input: "",
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--quiz .*terminal/);
  });

  test("an unknown lesson is a usage error that lists them", async () => {
    const r = await execa(process.execPath, [BIN, "lesson", "no-such"], {
      reject: false,
      env,
      extendEnv: false,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("tcp-echo, udp-chat");
  });
});

describe("a C lesson's program", () => {
  const lesson = (program: string) => ({
    ...(findLesson("tcp-echo") as Lesson),
    name: "fake-c",
    needs: "cc" as const,
    program,
  });

  test("is compiled into a private temp dir that dispose removes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sockscope-lesson-src-"));
    try {
      writeFileSync(join(dir, "ok.c"), "int main(void) { return 7; }\n");
      const program = await lessonProgram(lesson("ok.c"), process.env, dir);
      const binary = program.command[0] as string;
      expect(existsSync(binary)).toBe(true);
      const r = await execa(binary, [], { reject: false });
      expect(r.exitCode).toBe(7);
      program.dispose();
      expect(existsSync(dirname(binary))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("that does not compile is one line naming the compiler's first complaint, and leaves nothing behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sockscope-lesson-src-"));
    try {
      writeFileSync(join(dir, "bad.c"), "int main(void) { return nope; }\n");
      const before = readdirSync(tmpdir()).filter((n) => n.startsWith("sockscope-lesson-")).length;
      const err = await lessonProgram(lesson("bad.c"), process.env, dir).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/^lesson fake-c: .* could not compile it: .*nope/);
      expect((err as Error).message).not.toContain("\n");
      const after = readdirSync(tmpdir()).filter((n) => n.startsWith("sockscope-lesson-")).length;
      expect(after).toBeLessThanOrEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
