// The interactive view rendered by ink into a fake terminal of fixed size, fed a recorded trace:
// what is on screen, and what the keys do.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { render } from "ink-testing-library";
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

async function start(text = TCP_ECHO) {
  const onQuit = vi.fn();
  const app = render(<App events={traceOf(text)} onQuit={onQuit} width={WIDTH} height={HEIGHT} />);
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
    const { frame, lines, press } = await start();
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
    // Clearing it brings everything back.
    await press("/");
    await press("\x7f".repeat(8));
    await press("\r");
    expect(lines()[0]).not.toContain("filter");
    expect(frame()).toContain("execve(");
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
