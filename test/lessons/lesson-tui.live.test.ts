// A lesson stepped through in the interactive view, in a real terminal: tmux runs the built CLI
// (`sockscope lesson tcp-echo --tui`, in a network namespace of its own), the test reads the screen
// with capture-pane and types with send-keys. Needs tmux (apt-get install -y tmux) and the build.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { inFreshNetns } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const SERVER = `sockscope-lesson-tui-${process.pid}`;
const SESSION = "lesson";
const work = mkdtempSync(join(tmpdir(), "sockscope-lesson-tui-"));
const STATUS = join(work, "status");

const tmux = (...args: string[]) => execFileSync("tmux", ["-L", SERVER, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", SESSION);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: (text: string) => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (check(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${text}`);
    await sleep(50);
  }
}
/** The screen with its line breaks and padding as single spaces: a wrapped sentence reads whole. */
const flat = (text: string) => text.replace(/\s+/g, " ");
const selectedLine = (text: string) => text.split("\n").find((l) => l.startsWith("> ")) ?? "";

beforeAll(() => {
  const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const [file, args] = inFreshNetns([process.execPath, BIN, "lesson", "tcp-echo", "--tui"]);
  const command = `env -u CI -u CONTINUOUS_INTEGRATION ${[file, ...args].map(q).join(" ")}; echo $? > ${q(STATUS)}; sleep 60`;
  tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", command);
});

afterAll(() => {
  try {
    tmux("kill-server");
  } catch {
    // Already gone.
  }
  rmSync(work, { recursive: true, force: true });
});

test("the intro on top, n/p jump between the key facts' steps, f shows the story, q quits", async () => {
  const first = await until((t) => t.includes("trace finished"), "the lesson's trace to finish");
  expect(first.split("\n")[0]).toMatch(/^Lesson 1: TCP echo.*n\/p next\/previous key step \(12\)/);
  expect(first.split("\n")[1]).toContain("One Node.js process plays both ends");

  // The first key step: the TCP socket().
  tmux("send-keys", "-t", SESSION, "n");
  let text = await until((t) => selectedLine(t).includes("socket(AF_INET, SOCK_STREAM"), "the socket() step");
  expect(flat(text)).toContain("★ key fact: socket() made a TCP socket");
  // Four steps on: the connect's EINPROGRESS, then the accept whose handshake was already done.
  tmux("send-keys", "-t", SESSION, "nnnn");
  text = await until((t) => selectedLine(t).includes("accept4("), "the accept step");
  expect(flat(text)).toContain("the kernel completed the handshake before accept returned");
  tmux("send-keys", "-t", SESSION, "p");
  text = await until((t) => selectedLine(t).includes("connect("), "back to the connect step");
  expect(flat(text)).toContain("★ key fact: connect() returned EINPROGRESS");

  tmux("send-keys", "-t", SESSION, "f");
  text = await until((t) => t.includes("What happened (12 of 12 key facts seen"), "the story pane");
  expect(text).toContain("the lesson (f: back to the call)");
  tmux("send-keys", "-t", SESSION, "J");
  await until((t) => t.includes("Questions"), "the questions");

  tmux("send-keys", "-t", SESSION, "q");
  const deadline = Date.now() + 10_000;
  let status = "";
  while (status === "" && Date.now() < deadline) {
    try {
      status = readFileSync(STATUS, "utf8").trim();
    } catch {
      await sleep(50);
    }
  }
  expect(status).toBe("0");
});

test("--quiz on a terminal: each answer waits for a key", async () => {
  const QUIZ = "quiz";
  const status = join(work, "quiz-status");
  const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const [file, args] = inFreshNetns([
    process.execPath,
    BIN,
    "lesson",
    "tcp-echo",
    "--quiz",
    "--explain",
    "none",
  ]);
  tmux(
    "new-session",
    "-d",
    "-s",
    QUIZ,
    "-x",
    "120",
    "-y",
    "50",
    `${[file, ...args].map(q).join(" ")}; echo $? > ${q(status)}; sleep 60`,
  );
  const shot = () => tmux("capture-pane", "-p", "-t", QUIZ);
  const wait = async (check: (t: string) => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const t = shot();
      if (check(t)) return t;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${t}`);
      await sleep(50);
    }
  };
  let text = await wait((t) => t.includes("(Enter or space for the answer)"), "the first question");
  expect(flat(text)).toContain("1. accept4() returned a socket already connected");
  expect(flat(text)).not.toContain("Before accept: the kernel answers the SYN");
  tmux("send-keys", "-t", QUIZ, "Enter");
  text = await wait((t) => flat(t).includes("Before accept: the kernel answers the SYN"), "the first answer");
  expect(flat(text)).toContain("2. Why did connect() fail with EINPROGRESS");
  for (let i = 0; i < 4; i++) tmux("send-keys", "-t", QUIZ, "Space");
  const deadline = Date.now() + 10_000;
  let code = "";
  while (code === "" && Date.now() < deadline) {
    try {
      code = readFileSync(status, "utf8").trim();
    } catch {
      await sleep(50);
    }
  }
  expect(code).toBe("0");
  expect(flat(shot())).toContain("half-close");
});
