// Runs the CLI in process: `main` from the source (not the built bundle), with streams that capture
// what it writes, so a test sees the code it was run against and pays no process start-up. Only
// what `main` touches of the process comes from here: its stdin, stdout, stderr, environment and
// working directory. A traced program still inherits the real process's fds, so tests that check
// a traced program's own stdio, signals or exit status spawn the CLI instead (the *.live.test.ts
// files).
import { Readable, Writable } from "node:stream";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/session/process-io.js";
import { cliEnv } from "./env.js";

export { cliEnv };

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** What the CLI reads on stdin (for `read -`); an empty, ended stream when not given. */
  stdin?: string | Buffer;
  /** Variables set on top of the test's own environment (see cliEnv in env.ts). */
  env?: Record<string, string>;
  /** Streams that say they are terminals (isTTY, 100 columns): pretty output, progress lines. */
  tty?: boolean;
  /** Every write to stdout (or stderr) fails with this errno code, as a closed pipe or a full disk. */
  failStdout?: string;
  failStderr?: string;
}

/** A writable stream that keeps every byte written to it. */
function capture(
  tty: boolean,
  fail?: string,
): {
  stream: Writable & { isTTY?: boolean; columns?: number };
  text: () => string;
} {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, encoding, callback) {
      if (fail !== undefined) {
        callback(Object.assign(new Error(`${fail}: write failed, write`), { code: fail }));
        return;
      }
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
      callback();
    },
  });
  const terminal = tty ? Object.assign(stream, { isTTY: true, columns: 100 }) : stream;
  return { stream: terminal, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** `sockscope ...argv` in process: its exit status and everything it wrote to stdout and stderr. */
export async function runCli(argv: string[], options: CliOptions = {}): Promise<CliResult> {
  const tty = options.tty === true;
  const stdout = capture(tty, options.failStdout);
  const stderr = capture(tty, options.failStderr);
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)], {
    objectMode: false,
  });
  if (tty) Object.assign(stdin, { isTTY: true });
  const io: Io = {
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: cliEnv(options.env),
    cwd: process.cwd(),
    inheritedFds: [],
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
