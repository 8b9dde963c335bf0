// Runs `sockscope lesson NAME --json` with the built CLI in a fresh network namespace and checks
// what every lesson run must give: exit 0, every JSON line valid against the schema, the lesson's
// intro first. Returns the events, the story's facts, and the event a fact points at.
import { join } from "node:path";
import { execa } from "execa";
import { expect } from "vitest";
import { EventSchema } from "../../src/events/schema.js";
import { cliEnv } from "./env.js";
import { inFreshNetns } from "./netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");

export type LessonLine = {
  type: string;
  seq: number;
  name?: string;
  errno?: string;
  ret?: number;
  part?: string;
  signal?: string;
  duration?: number;
  delayed?: boolean;
  facts?: Array<{ text: string; seen: boolean; seq?: number }>;
  socket?: { id: number; transport: string };
};

export async function lessonJson(name: string) {
  const r = await execa(...inFreshNetns([process.execPath, BIN, "lesson", name, "--json", "-o", "-"]), {
    reject: false,
    env: cliEnv(),
    extendEnv: false,
  });
  expect(r.exitCode, r.stderr).toBe(0);
  const lines = r.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as unknown);
  for (const l of lines) expect(EventSchema.safeParse(l).error).toBeUndefined();
  const events = lines as LessonLine[];
  expect(events[0]).toMatchObject({ type: "lesson", part: "intro", name });
  const facts = events.find((e) => e.type === "lesson" && e.part === "story")?.facts ?? [];
  const at = (f: { seq?: number } | undefined) => events.find((e) => e.seq === f?.seq);
  return { events, facts, at };
}
