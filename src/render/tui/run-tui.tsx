// The entry point of the interactive view (--tui). Loaded only with `await import()`, so that the
// other modes never load React or ink. Shows the events as they come; after the trace ends the view
// stays until the user quits.
import { render } from "ink";
import type { TraceEvent as Event } from "../../core/events.js";
import type { Lesson } from "../../lessons/lesson.js";
import { App } from "./App.js";

export interface TuiOptions {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Called as soon as the user quits (q or Ctrl-C), before the view is torn down: stop the trace here. */
  onQuit: () => void;
  /** sockscope lesson NAME --tui: the lesson told around the trace. */
  lesson?: Lesson;
}

const ALTERNATE_SCREEN_ON = "\x1b[?1049h";
const ALTERNATE_SCREEN_OFF = "\x1b[?1049l";

/**
 * Runs the view over `events` until the user quits. Rejects, after the user quit, with the error
 * the event stream failed with (the view shows it meanwhile).
 */
export async function runTui(events: AsyncIterable<Event>, options: TuiOptions): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  if (!stdin.isTTY) throw new Error("the interactive view needs a terminal: stdin is not a TTY");

  let quitting = false;
  let failure: unknown;
  let failed = false;
  async function* watched(): AsyncGenerator<Event> {
    try {
      yield* events;
    } catch (err) {
      // What breaks after the user quit comes from stopping the trace: not a failure.
      if (!quitting) {
        failure = err;
        failed = true;
      }
      throw err;
    }
  }

  let quit: () => void = () => {};
  const quitted = new Promise<void>((resolve) => {
    quit = resolve;
  });
  const onQuit = () => {
    if (quitting) return;
    quitting = true;
    options.onQuit();
    quit();
  };

  const fullScreen = stdout.isTTY === true;
  if (fullScreen) stdout.write(ALTERNATE_SCREEN_ON);
  const instance = render(
    <App
      events={watched()}
      onQuit={onQuit}
      {...(options.lesson !== undefined ? { lesson: options.lesson } : {})}
    />,
    {
      stdout,
      stdin,
      exitOnCtrlC: false,
      // sockscope never writes to the console while the view is up; leave console alone.
      patchConsole: false,
    },
  );
  try {
    await quitted;
  } finally {
    instance.unmount();
    await instance.waitUntilExit().catch(() => {});
    instance.cleanup();
    if (fullScreen) stdout.write(ALTERNATE_SCREEN_OFF);
  }
  if (failed) throw failure;
}
