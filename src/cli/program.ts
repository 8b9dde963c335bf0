// The commander program: commands, options and help. Parsing only; main.ts runs what it parses.
import { Command, Option } from "commander";
import { FORMATS } from "../render/renderer.js";

export interface ReadOptions {
  format: "text" | "json";
  output?: string;
  summary: boolean;
}

export interface ProgramHandlers {
  read(file: string, options: ReadOptions): Promise<void>;
}

export function createProgram(version: string, handlers: ProgramHandlers): Command {
  const program = new Command("sockscope")
    .description(
      "Show what a program does with the network, one system call at a time, and what Linux does underneath.",
    )
    .version(version, "-V, --version")
    .showSuggestionAfterError(true)
    .exitOverride();

  program
    .command("read")
    .description("explain a strace log recorded earlier (any common strace flags); - or no file reads stdin")
    .argument("[file]", "the strace log (-o output or captured stderr)", "-")
    .addOption(new Option("--format <format>", "report format").choices(FORMATS).default("text"))
    .option("--json", "the same as --format json")
    .option("-o, --output <file>", "write the report to FILE (- is stdout, the default)")
    .option("--no-summary", "leave out the summary at the end")
    .action(
      async (
        file: string,
        raw: { format: ReadOptions["format"]; json?: boolean; output?: string; summary: boolean },
      ) => {
        const options: ReadOptions = { format: raw.json ? "json" : raw.format, summary: raw.summary };
        if (raw.output !== undefined) options.output = raw.output;
        await handlers.read(file, options);
      },
    );

  return program;
}
