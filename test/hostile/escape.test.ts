// Output injection (fixtures/hostile/README-escape.md): a traced program picks its argv, its
// socket paths and its payloads. Whatever it picks, the text and pretty views carry no raw control
// byte, the Markdown report (the CI job summary) has only sockscope's own headings and one code
// block, and the Mermaid diagram has only diagram statements.
// Limits: each case reads a log of a dozen lines in process, well within vitest's 5 s default;
// memory is not at stake here.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";

const HOSTILE = join(import.meta.dirname, "..", "..", "fixtures", "hostile");
const PATHS = join(HOSTILE, "escape-paths.strace");
const RAW = join(HOSTILE, "escape-raw-bytes.strace");
const tmp = mkdtempSync(join(tmpdir(), "sockscope-escape-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Control characters other than the line end and tab (and, in colour, the theme's SGR sequences). */
function rawControls(text: string, colour: boolean): string[] {
  const stripped = colour ? text.replace(/\x1b\[[0-9;]*m/g, "") : text;
  return stripped.match(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g) ?? [];
}

/** The Markdown's structure: headings outside code blocks, and each code block's info and lines. */
function markdownStructure(text: string) {
  const headings: string[] = [];
  const blocks: Array<{ info: string; lines: string[] }> = [];
  let fence: string | undefined;
  for (const line of text.split("\n")) {
    if (fence === undefined) {
      const open = /^(`{3,})(.*)$/.exec(line);
      if (open?.[1] !== undefined) {
        fence = open[1];
        blocks.push({ info: open[2] ?? "", lines: [] });
      } else if (line.startsWith("#")) headings.push(line);
    } else if (line === fence) fence = undefined;
    else blocks.at(-1)?.lines.push(line);
  }
  return { headings, blocks, unclosed: fence !== undefined };
}

const MERMAID_LINE =
  /^(sequenceDiagram| {2}participant \w+ as [^;#%`"<>\n]+| {2}\w+-{1,2}>>\w+: [^;#%`"<>\n]+| {2}Note over \w+: [^;#%`"<>\n]+)$/;

describe("hostile paths, argv and payloads in every view", () => {
  for (const log of [PATHS, RAW]) {
    const name = log.endsWith("paths.strace") ? "escaped" : "raw";
    test.each([
      ["text", []],
      ["text", ["--explain", "full", "--all"]],
      ["pretty", ["--explain", "full", "--all"]],
    ])(`${name} bytes: --format %s %j has no raw control character`, async (format, extra) => {
      const r = await runCli(["read", "--format", format, ...extra, log]);
      expect(r.code).toBe(0);
      expect(rawControls(r.stdout, false)).toEqual([]);
      // No line a program wrote: every line is sockscope's.
      expect(r.stdout).not.toMatch(/^(# Injected|```|<script>|%%)/m);
    });

    test(`${name} bytes: pretty in colour keeps only its own colour sequences`, async () => {
      const r = await runCli(["read", "--format", "pretty", "--explain", "full", "--all", log], {
        env: { FORCE_COLOR: "1" },
      });
      expect(r.stdout).toContain("\x1b[");
      expect(rawControls(r.stdout, true)).toEqual([]);
    });
  }

  test("Markdown: only sockscope's headings, one mermaid block, tables with their columns", async () => {
    const r = await runCli(["read", "--format", "markdown", PATHS]);
    expect(r.code).toBe(0);
    const { headings, blocks, unclosed } = markdownStructure(r.stdout);
    expect(unclosed).toBe(false);
    expect(headings.filter((h) => !/^#{2,4} /.test(h))).toEqual([]);
    expect(headings.join("\n")).not.toContain("Injected");
    expect(headings.slice(0, 7)).toEqual([
      "## sockscope: network report",
      "### Network",
      "### Connections",
      "### System calls",
      "### Errors",
      "### Sequence",
      "### What the kernel did",
    ]);
    expect(blocks.map((b) => b.info)).toEqual(["mermaid"]);
    for (const line of blocks[0]?.lines ?? []) expect(line).toMatch(MERMAID_LINE);
    // The connections table: 11 columns in every row (no unescaped | from a path).
    const rows = r.stdout.split("\n").filter((l) => /^\| \d+ \| 100 \|/.test(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(11);
    expect(r.stdout).not.toMatch(/<script>|<img/);
    expect(rawControls(r.stdout, false)).toEqual([]);
    // The program line: one code span holding the whole argv, escapes shown.
    expect(r.stdout).toMatch(/^- program: (`+)evil\\n```\\n# Injected from argv\\n .*\1$/m);
  });

  test("Mermaid: every line is a diagram statement", async () => {
    const r = await runCli(["read", "--format", "mermaid", PATHS]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("sequenceDiagram");
    for (const line of lines) expect(line).toMatch(MERMAID_LINE);
    expect(lines.filter((l) => l.includes("->>K: connect to"))).toHaveLength(2);
  });

  test("the --summary-file (GITHUB_STEP_SUMMARY) gets no heading of the program's", async () => {
    const file = join(tmp, "summary.md");
    const r = await runCli(["read", "--summary-file", file, PATHS]);
    expect(r.code).toBe(0);
    const { headings, blocks, unclosed } = markdownStructure(readFileSync(file, "utf8"));
    expect(unclosed).toBe(false);
    expect(headings.join("\n")).not.toContain("Injected");
    expect(blocks.map((b) => b.info)).toEqual(["mermaid"]);
  });

  test("JSON keeps the path's bytes; its display text is one escaped line", async () => {
    const r = await runCli(["read", "--json", PATHS]);
    const bind = r.stdout
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l))
      .find((e) => e.type === "syscall" && e.name === "bind");
    const addr = bind.args[1].addr;
    expect(addr.path).toBe("/tmp/s\n```\n# Injected from bind | x | y |\n<script>\x1b[31m");
    expect(addr.text).toBe("/tmp/s\\n```\\n# Injected from bind | x | y |\\n<script>\\x1b[31m");
  });
});
