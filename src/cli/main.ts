// The impure shell: argv in, exit status out. The only module that touches process.* and decides
// where output goes; everything it calls is a pure stage or a small I/O adapter.
import { readFileSync } from "node:fs";
import { CommanderError } from "commander";
import { EXIT, SockscopeError } from "../errors.js";
import { streamEvents } from "../pipeline.js";
import { RENDERERS } from "../render/renderer.js";
import { openInput, openOutput, textChunks } from "./io.js";
import { createProgram, type ReadOptions } from "./program.js";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

async function runRead(file: string, options: ReadOptions): Promise<void> {
  const input = await openInput(file, process.stdin);
  const sink = await openOutput(options.output, process.stdout);
  const renderer = RENDERERS[options.format]();
  let batch = "";
  for await (const event of streamEvents(textChunks(input), { summary: options.summary })) {
    batch += renderer.event(event);
    if (batch.length > 64 * 1024) {
      await sink.write(batch);
      batch = "";
      if (sink.closed) break;
    }
  }
  batch += renderer.end();
  await sink.write(batch);
  await sink.close();
  if (sink.closed) input.destroy();
}

/** Runs the CLI; resolves to the exit status. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram(packageVersion(), { read: runRead });
  program.configureOutput({
    writeOut: (s) => process.stdout.write(s),
    writeErr: (s) => process.stderr.write(s),
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; commander already printed its one-line usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof SockscopeError) {
      process.stderr.write(`sockscope: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `sockscope: internal error: ${message} (please report it; SOCKSCOPE_DEBUG=1 shows details)\n`,
    );
    if (process.env.SOCKSCOPE_DEBUG) process.stderr.write(`${err instanceof Error ? err.stack : ""}\n`);
    return 1;
  }
}
