// End to end on this machine: compile the C fixtures, trace them with the real strace and several
// flag mixes, and hold sockscope's counts to strace's own -C table of the same fresh run. Each run
// is in a network namespace of its own (recordLive), on ports and unix names this test picks.

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { WireSummaryEvent as SummaryEvent } from "../../src/events/schema.js";
import { eventsFromText } from "../../src/pipeline.js";
import { compileFixture, createWorkDir, recordLive } from "../helpers/live.js";
import { FIXTURES } from "../helpers/logs.js";
import { pickPorts } from "../helpers/netns.js";
import { countsOf, parseStraceSummary } from "../helpers/strace-summary.js";

const C_PROGRAMS = [
  "tcp-echo",
  "udp",
  "unix",
  "nonblocking-connect",
  "threads",
  "forking-server",
  "ipv6",
  "errors",
];
// Interpreted programs run as they are: Node's worker threads and epoll loop, Python's fork.
const SCRIPTS: Record<string, string[]> = {
  "node-echo": [process.execPath, join(FIXTURES, "programs", "node-echo.mjs")],
  "python-echo": ["python3", join(FIXTURES, "programs", "python-echo.py")],
};
const PROGRAMS = [...C_PROGRAMS, ...Object.keys(SCRIPTS)];
const MIXES = [
  { mix: "-o -f -yy -tt -T", flags: ["-f", "-yy", "-tt", "-T"], toStderr: false },
  { mix: "-o -f -y -ttt -s 16", flags: ["-f", "-y", "-ttt", "-s", "16"], toStderr: false },
  { mix: "-o -f -X verbose -v -r", flags: ["-f", "-X", "verbose", "-v", "-r"], toStderr: false },
  { mix: "stderr -f -yy -t -T", flags: ["-f", "-yy", "-t", "-T"], toStderr: true },
];

const work = createWorkDir();
const binaries = new Map<string, string[]>();

/** The arguments that give a program the ports (and unix names) of this run; node-echo uses port 0. */
function endpointArgs(name: string, run: string): string[] {
  const [port = 0, second = 0] = pickPorts(2);
  if (name === "unix") return [join(work.dir, `${run}.sock`), `sockscope-test-${run}`];
  if (name === "nonblocking-connect") return [String(port), String(second)];
  if (name === "node-echo") return [];
  return [String(port)];
}

beforeAll(async () => {
  for (const name of C_PROGRAMS) binaries.set(name, [await compileFixture(name, work.dir)]);
  for (const [name, argv] of Object.entries(SCRIPTS)) binaries.set(name, argv);
});
afterAll(() => work.remove());

describe.each(PROGRAMS.map((name) => ({ name })))("$name under the real strace", ({ name }) => {
  test.each(MIXES)("$mix: counts equal strace -C, nothing unparsed", async ({ mix, flags, toStderr }) => {
    const program = binaries.get(name);
    if (!program) throw new Error(`${name} was not compiled`);
    const argv = [...program, ...endpointArgs(name, `${name}${mix.replace(/[^\w]+/g, "-")}`)];
    const { log, summary, exitCode } = await recordLive(argv, flags, work.dir, toStderr);
    expect(exitCode).toBe(0);
    const events = eventsFromText(log);
    expect(events.filter((e) => e.type === "unparsed")).toEqual([]);
    const ours = events.at(-1) as SummaryEvent;
    expect(countsOf(ours.syscalls)).toEqual(parseStraceSummary(summary));
    if (flags.some((f) => f.startsWith("-y"))) {
      expect(events.some((e) => e.type === "syscall" && e.socket?.protocol !== undefined)).toBe(true);
    }
  });
});
