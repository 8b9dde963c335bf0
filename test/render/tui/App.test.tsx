// The interactive view rendered by ink into a fake terminal of fixed size, fed a recorded trace:
// what is on screen, and what the keys do.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { render } from "ink-testing-library";
import stringWidth from "string-width";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { TraceEvent } from "../../../src/core/events.js";
import { eventsFromText } from "../../../src/pipeline.js";
import { isNetworkStory } from "../../../src/render/filter.js";
import { App } from "../../../src/render/tui/App.js";
import { runTui } from "../../../src/render/tui/run-tui.js";
import { LOGS } from "../../helpers/logs.js";

const OPTIONS = { explain: { depth: "full" as const, os: "linux" as const, env: {} } };
const WIDTH = 100;
const HEIGHT = 40;

/** The events the CLI would show by default (the network story), as a stream. */
function traceOf(text: string): AsyncIterable<TraceEvent> {
  const events = eventsFromText(text, OPTIONS).filter(isNetworkStory);
  return (async function* () {
    yield* events;
  })();
}
const TCP_ECHO = readFileSync(join(LOGS, "tcp-echo.o-yy-tt-T.strace"), "utf8");

const instances: { unmount: () => void }[] = [];
afterEach(() => {
  for (const i of instances.splice(0)) i.unmount();
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function start(text = TCP_ECHO, width = WIDTH) {
  const onQuit = vi.fn();
  const app = render(<App events={traceOf(text)} onQuit={onQuit} width={width} height={HEIGHT} />);
  instances.push(app);
  const frame = () => app.lastFrame() ?? "";
  const lines = () => frame().split("\n");
  /** The line of the selected event. */
  const selected = () => lines().find((l) => l.startsWith("> ")) ?? "";
  await until(() => frame().includes("trace finished"), "the trace to finish");
  /** Types keys and waits for the screen to change (or `settled` to hold). */
  const press = async (keys: string, settled?: () => boolean) => {
    const before = frame();
    app.stdin.write(keys);
    await until(settled ?? (() => frame() !== before), `the screen to change after ${JSON.stringify(keys)}`);
  };
  return { app, frame, lines, selected, press, onQuit };
}

describe("the TUI on tcp-echo", () => {
  test("shows the connection table, the events and the selected event's explanation", async () => {
    const { frame, lines, selected } = await start();
    const rows = lines().filter((l) => /^#\d/.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(
      /^#1\s+8075\s+tcp listener\s+127\.0\.0\.1:47001\s+listening\s+0 B\s+0 B\s+closed/,
    );
    expect(rows[1]).toContain("127.0.0.1:54380 → 127.0.0.1:47001");
    expect(rows[1]).toMatch(/47 B\s+47 B\s+closed/);
    expect(frame()).toMatch(/^conn\s+pid\s+transport\s+local → remote\s+state\s+in\s+out\s+outcome$/m);
    // The first event is selected; the list goes on below it.
    expect(selected()).toContain('execve("/tmp/sockscope-fixture-build/tcp-echo"');
    expect(frame()).toMatch(/ 8075 +socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) = 3/);
    expect(frame()).toContain("no explanation for execve");
    // The layout fits the terminal: nothing wider, nothing taller.
    expect(lines().length).toBeLessThan(HEIGHT);
    for (const l of lines()) expect(l.length).toBeLessThanOrEqual(WIDTH);
  });

  test("j and k move the selection, the explanation follows", async () => {
    const { app, frame, selected, press } = await start();
    await press("j");
    expect(selected()).toContain("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3");
    expect(frame()).toContain("A new TCP socket (AF_INET) as fd 3");
    const secondSelected = frame();
    await press("j");
    expect(selected()).toContain("setsockopt(");
    await press("k");
    expect(selected()).toContain("socket(AF_INET");
    await press("k");
    expect(selected()).toContain("execve(");
    // Already at the top: k changes nothing. Keys are handled in order, so once the j typed after
    // it has shown, the k has been handled too; had it moved anything (wrapped to the bottom,
    // scrolled), the screen after j would not be the one j gave from the top.
    app.stdin.write("k");
    await press("j");
    expect(frame()).toBe(secondSelected);
  });

  test("enter opens the full explanation and closes it again", async () => {
    const { frame, press, selected } = await start();
    await press("/");
    await press("connect");
    await press("\r");
    expect(selected()).toContain("connect(3<TCP:[14383]>");
    expect(frame()).toContain("Connected to 127.0.0.1:47001");
    expect(frame()).not.toContain("wire: SYN → SYN-ACK → ACK");
    await press("\r");
    expect(frame()).toContain("kernel: __sys_connect (net/socket.c) → ");
    expect(frame()).toContain("wire: SYN → SYN-ACK → ACK");
    expect(frame()).toContain("full · event");
    // The layers come after the kernel's steps: J pages the explanation down to them.
    for (let page = 0; page < 6 && !frame().includes("layers:"); page++) await press("J");
    expect(frame()).toContain("layers:");
    await press("\r");
    expect(frame()).not.toContain("wire: SYN → SYN-ACK → ACK");
  });

  test("c starts from the selected event's socket, then the next; Esc shows everything again", async () => {
    const { frame, lines, selected, press } = await start();
    // Select the client's connect (socket #2), then drop the text filter: the selection stays.
    await press("/connect\r", () => selected().includes("connect(3<TCP:[14383]>"));
    await press("\x1b", () => !lines()[0]?.includes("filter"));
    expect(selected()).toContain("connect(3<TCP:[14383]>");
    await press("c");
    expect(lines()[0]).toContain("conn#2");
    expect(selected()).toContain("connect(3<TCP:[14383]>");
    expect(frame()).not.toContain("listen(");
    await press("c");
    expect(lines()[0]).toContain("conn#3");
    // One Esc clears the socket and the text filter together.
    await press("/read\r", () => lines()[0]?.includes('filter "read"') ?? false);
    expect(lines()[0]).toContain("conn#3");
    await press("\x1b");
    expect(lines()[0]).not.toContain("conn#");
    expect(lines()[0]).not.toContain("filter");
    expect(frame()).toContain("listen(");
    expect(lines().at(-1)).toContain("esc clear filters");
  });

  test("c narrows the list to one connection at a time, then back to all", async () => {
    const { frame, lines, press } = await start();
    await press("c");
    expect(lines()[0]).toContain("conn#1");
    expect(frame()).toContain("listen(3<TCP:[127.0.0.1:47001]>, 4) = 0");
    expect(frame()).not.toContain("connect(3<TCP:[14383]>");
    await press("c");
    expect(lines()[0]).toContain("conn#2");
    expect(frame()).toContain("connect(3<TCP:[14383]>");
    expect(frame()).not.toContain("listen(");
    await press("c");
    expect(lines()[0]).toContain("conn#3");
    await press("c");
    expect(lines()[0]).not.toContain("conn#");
    expect(frame()).toContain("listen(");
    expect(frame()).toContain("connect(");
  });

  test("/ filters: enter applies, escape cancels, an empty filter clears", async () => {
    const { frame, lines, press, selected } = await start();
    await press("/");
    expect(lines().at(-1)).toContain("enter apply · esc cancel");
    await press("shutdown");
    expect(lines().at(-1)).toContain("/shutdown");
    await press("\r");
    expect(lines()[0]).toContain('filter "shutdown"');
    const events = lines().filter((l) => /^[> ] +\d+\.\d{6} /.test(l));
    expect(events).toHaveLength(1);
    expect(events[0]).toContain("shutdown(3<TCP:[127.0.0.1:54380->127.0.0.1:47001]>, SHUT_WR) = 0");
    // Escape drops what was typed; the filter stays.
    await press("/");
    await press("x");
    await press("\x1b");
    expect(lines().at(-1)).not.toContain("esc cancel");
    expect(lines()[0]).toContain('filter "shutdown"');
    // Clearing it brings everything back; the selection stays on the event it was on.
    await press("/");
    await press("\x7f".repeat(8));
    await press("\r");
    expect(lines()[0]).not.toContain("filter");
    expect(lines()[0]).toMatch(/^sockscope · \d+ events · /);
    expect(selected()).toContain("shutdown(3<TCP:");
    expect(frame()).toContain("close(3<TCP:");
  });

  test("q calls onQuit; keys typed into the filter do not", async () => {
    const { press, onQuit } = await start();
    await press("/");
    await press("q");
    expect(onQuit).not.toHaveBeenCalled();
    await press("\x1b");
    await press("q", () => onQuit.mock.calls.length > 0);
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  test("keys read in one chunk are each handled, in order", async () => {
    const { app, selected, press } = await start();
    // Key repeat or a slow link: ink hands the three j over as one input "jjj".
    await press("jjj", () => selected().includes("bind(3<TCP:"));
    await press("kk", () => selected().includes("socket(AF_INET"));
    // Arrow keys in one read: ink splits at escape sequences, each one is a key.
    await press("\x1b[B\x1b[B\x1b[B", () => selected().includes("listen(3<TCP:"));
    await press("\x1b[A\x1b[Aj\x1b[Bk\x1b[A", () => selected().includes("setsockopt("));
    // PageDown / PageUp and Home / End the same.
    await press("\x1b[6~\x1b[5~\x1b[F", () => selected().includes("exited with"));
    await press("\x1b[Hj", () => selected().includes("socket(AF_INET"));
    // A whole filter typed (or pasted) at once, backspace included.
    app.stdin.write("/shutx\x7fdown\r");
    await until(() => selected().includes("shutdown(3<TCP:"), "the filter typed in one chunk");
  });

  test("q inside a chunk quits, and the keys after it are not handled", async () => {
    const { selected, press, onQuit, lines } = await start();
    await press("jqjj", () => onQuit.mock.calls.length > 0 && selected().includes("socket(AF_INET"));
    expect(onQuit).toHaveBeenCalledTimes(1);
    expect(selected()).toContain("socket(AF_INET");
    // In the prompt q is text, and Ctrl-C in the same chunk still quits.
    await press("/q", () => lines().at(-1)?.includes("/q") ?? false);
    await press("q\x03j", () => onQuit.mock.calls.length > 1);
    expect(onQuit).toHaveBeenCalledTimes(2);
  });

  test("Ctrl-C quits too, even in the filter prompt", async () => {
    const { press, onQuit } = await start();
    await press("/");
    await press("\x03", () => onQuit.mock.calls.length > 0);
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  test("text from the trace cannot drive the terminal", async () => {
    const log = `${TCP_ECHO}8075  01:18:25.300000 garbage \x1b]0;pwned\x07 and \x1b[2J here\n`;
    const { frame, press } = await start(log);
    await press("G");
    expect(frame()).toContain("not understood");
    expect(frame()).toContain("garbage  and  here");
    expect(frame()).not.toContain("\x1b]0;");
    expect(frame()).not.toContain("\x1b[2J");
  });
});

describe("wide characters in paths", () => {
  // A unix socket whose path has CJK and an emoji (two columns each), one with a combining mark
  // (none), and a payload in Japanese: raw UTF-8 and strace's octal escapes both decode to them.
  const WIDE_PATH = "/tmp/数据库😀-socket-路径.sock";
  const LOG = [
    "9001  10:00:00.000100 socket(AF_UNIX, SOCK_STREAM, 0) = 3<UNIX-STREAM:[5001]> <0.000010>",
    `9001  10:00:00.000200 bind(3<UNIX-STREAM:[5001]>, {sa_family=AF_UNIX, sun_path="${WIDE_PATH}"}, 110) = 0 <0.000010>`,
    `9001  10:00:00.000300 listen(3<UNIX-STREAM:[5001,"${WIDE_PATH}"]>, 4) = 0 <0.000010>`,
    "9001  10:00:00.000400 socket(AF_UNIX, SOCK_STREAM, 0) = 4<UNIX-STREAM:[5002]> <0.000010>",
    '9001  10:00:00.000500 bind(4<UNIX-STREAM:[5002]>, {sa_family=AF_UNIX, sun_path="/tmp/cafe\xcc\x81-\xe6\x97\xa5\xe6\x9c\xac.sock"}, 110) = 0 <0.000010>',
    "9001  10:00:00.000600 socket(AF_UNIX, SOCK_STREAM, 0) = 5<UNIX-STREAM:[5003]> <0.000010>",
    `9001  10:00:00.000700 connect(5<UNIX-STREAM:[5003]>, {sa_family=AF_UNIX, sun_path="${WIDE_PATH}"}, 110) = 0 <0.000010>`,
    `9001  10:00:00.000800 write(5<UNIX-STREAM:[5003->5004]>, "こんにちは、世界🌏 ${"データ".repeat(12)}", 120) = 120 <0.000010>`,
    "9001  10:00:00.000900 +++ exited with 0 +++",
    "",
  ].join("\n");

  /** The display column where `needle` starts in `line`. */
  const columnOf = (line: string, needle: string) => {
    const at = line.indexOf(needle);
    return at === -1 ? -1 : stringWidth(line.slice(0, at));
  };

  test.each([100, 64, 44])("the table and the events stay aligned at %i columns", async (width) => {
    const { lines, frame, press, selected } = await start(LOG, width);
    const check = () => {
      for (const l of lines()) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
    };
    check();
    const header = lines().find((l) => l.startsWith("conn ")) ?? "";
    const rows = lines().filter((l) => /^#\d/.test(l));
    expect(rows).toHaveLength(3);
    // Every column of every row starts under its title.
    for (const title of ["pid", "transport", "local → remote", "state", "outcome"]) {
      const at = columnOf(header, title);
      if (at === -1) continue; // cut off at this width
      for (const row of rows) {
        const cells = row.split(/ {2,}/);
        const cell = cells[["conn", "pid", "transport", "local → remote", "state"].indexOf(title)];
        if (title === "outcome" || cell === undefined) continue;
        expect(columnOf(row, cell), `${title} in ${row}`).toBe(at);
      }
    }
    // The state column, after the wide paths, lines up across the rows.
    const states = rows.map((r) =>
      columnOf(r, r.includes("listening") ? "listening" : r.includes("bound") ? "bound" : "connected"),
    );
    if (width >= 64) {
      expect(
        states.every((c) => c === columnOf(header, "state")),
        `${states} in\n${frame()}`,
      ).toBe(true);
      expect(rows[0]).toContain("/tmp/数据库");
    }
    // Select the long Japanese write: its line and its wrapped explanation fit too.
    await press("/write\r", () => selected().includes("write("));
    if (width === 100) expect(selected()).toContain("こんにちは、世界🌏 データ");
    // Cut at the edge with "…", never through a wide character.
    expect(selected()).toMatch(/…$/);
    check();
    await press("\r", () => frame().includes("full · event"));
    check();
  });
});

/** An event stream the test pushes into, like a live trace. */
function liveStream() {
  const queue: (IteratorResult<TraceEvent> | Error)[] = [];
  let wake: (() => void) | undefined;
  const push = (item: IteratorResult<TraceEvent> | Error) => {
    queue.push(item);
    wake?.();
  };
  const stream: AsyncIterable<TraceEvent> = {
    [Symbol.asyncIterator]: () => ({
      async next() {
        while (queue.length === 0) await new Promise<void>((r) => (wake = r));
        const item = queue.shift() as IteratorResult<TraceEvent> | Error;
        if (item instanceof Error) throw item;
        return item;
      },
    }),
  };
  return {
    stream,
    send: (events: TraceEvent[]) => {
      for (const value of events) push({ value, done: false });
    },
    end: () => push({ value: undefined, done: true }),
    fail: (message: string) => push(new Error(message)),
  };
}

describe("a live trace", () => {
  const events = eventsFromText(TCP_ECHO, OPTIONS).filter(isNetworkStory);
  const half = events.findIndex((e) => e.type === "syscall" && e.name === "accept");

  function mount(stream: AsyncIterable<TraceEvent>) {
    const app = render(<App events={stream} onQuit={() => {}} width={WIDTH} height={HEIGHT} />);
    instances.push(app);
    return () => app.lastFrame() ?? "";
  }

  test("the view fills in as events arrive, and says when the trace finished", async () => {
    const live = liveStream();
    const frame = mount(live.stream);
    await until(() => frame().includes("waiting for events"), "the empty view");
    expect(frame()).toContain("no sockets yet");
    live.send(events.slice(0, half));
    await until(() => frame().includes("listen("), "the first events");
    expect(frame()).toContain("tracing…");
    expect(frame()).toMatch(/^#1\s+8075\s+tcp\s+127\.0\.0\.1:47001\s+listening\s+0 B\s+0 B\s+open$/m);
    expect(frame()).not.toContain("connect(");
    live.send(events.slice(half));
    live.end();
    await until(() => frame().includes("trace finished"), "the end");
    expect(frame()).toContain("connect(");
    expect(frame()).toMatch(
      /^#1\s+8075\s+tcp listener\s+127\.0\.0\.1:47001\s+listening\s+0 B\s+0 B\s+closed$/m,
    );
  });

  test("a failing stream is shown, the events so far stay", async () => {
    const live = liveStream();
    const frame = mount(live.stream);
    live.send(events.slice(0, half));
    live.fail("strace \x1b[2Jwent away");
    await until(() => frame().includes("stream failed"), "the failure");
    expect(frame()).toContain("stream failed: strace went away");
    expect(frame()).toContain("listen(");
  });
});

test("runTui refuses to start without a terminal on stdin", async () => {
  const onQuit = vi.fn();
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream;
  await expect(runTui(traceOf(TCP_ECHO), { stdin, stdout, onQuit })).rejects.toThrow(/needs a terminal/);
  expect(onQuit).not.toHaveBeenCalled();
});
