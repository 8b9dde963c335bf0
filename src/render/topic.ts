// `sockscope explain TOPIC` as text: a syscall, an errno, an option or a concept, whole.

import { inCall, layersOfPath, pathSet } from "../catalogue/kernel-paths.js";
import { osNote } from "../catalogue/os/notes.js";
import type { Entry, Os, Path, PathWhen } from "../catalogue/schema.js";

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : ["", `${title}:`, ...lines.map((l) => `  ${l}`)];
}

function sources(entry: Entry): string[] {
  return entry.sources.map((s) =>
    "man" in s ? s.man : `${s.repo} ${s.path}${s.symbols?.length ? ` (${s.symbols.join(", ")})` : ""}`,
  );
}

export function formatTopic(entry: Entry, os: Os): string {
  const out: string[] = [];
  switch (entry.kind) {
    case "syscall":
      out.push(
        `${entry.name}(2)${entry.aliases.length ? ` (also: ${entry.aliases.join(", ")})` : ""}: ${entry.summary}`,
      );
      out.push(...section("Blocking", [entry.blocking, `non-blocking: ${entry.nonblocking}`]));
      out.push(...section("Pitfalls", entry.pitfalls));
      out.push(
        "",
        "Kernel paths (Linux 6.x), one for each kind of call that runs different code:",
        ...(pathSet(entry.name)?.paths.flatMap(pathLines) ?? []),
      );
      break;
    case "errno":
      out.push(`${entry.name} (${entry.number}, "${entry.text}"): ${entry.meaning}`);
      out.push(...section("Likely causes", entry.causes));
      out.push(...section("What to try", entry.fixes));
      out.push(...section("Returned by", [entry.calls.join(", ")]));
      out.push(
        ...section("Normal flow", [
          entry.expected ? "yes: programs handle it as part of normal operation" : "no: something went wrong",
        ]),
      );
      break;
    case "option":
      out.push(
        `${entry.name} (${entry.level}${entry.aliases?.length ? `; also: ${entry.aliases.join(", ")}` : ""}): ${entry.summary}`,
      );
      out.push(...section("In the kernel", [entry.kernel]));
      out.push(...section("Default", [entry.default]));
      out.push(...section("Pitfalls", entry.pitfalls));
      break;
    case "concept":
      out.push(
        `${entry.name} (concept${entry.aliases.length ? `; also: ${entry.aliases.join(", ")}` : ""}): ${entry.summary}`,
      );
      out.push(...section("In the kernel (Linux 6.x)", entry.kernel));
      out.push(...section("Settings", entry.settings));
      out.push(...section("Pitfalls", entry.pitfalls));
      out.push(...section("Related topics", entry.related.length ? [entry.related.join(", ")] : []));
      break;
    default:
      return assertNever(entry);
  }
  if (os !== "linux") out.push(...section(`On ${os}`, [osNote(os, entry.name)]));
  out.push(...section("See", [...("man" in entry ? entry.man : []), ...sources(entry)]));
  return `${out.join("\n")}\n`;
}

const WHERE: Record<string, string> = {
  softirq: "later, in softirq",
  arrival: "when the answer is processed: in softirq, or in the call from the socket backlog",
  timer: "later, on a timer",
  peer: "at the other end",
};

function whenText(when: PathWhen): string {
  const parts = [
    when.family?.join("/"),
    when.transport?.join("/"),
    when.arg?.join("/"),
    when.state && `socket ${when.state.join("/")}`,
    when.nonblocking !== undefined && (when.nonblocking ? "non-blocking" : "blocking"),
    when.last !== undefined && (when.last ? "last reference" : "not the last reference"),
    when.mapped !== undefined && (when.mapped ? "IPv4-mapped peer" : undefined),
    when.dir && (when.dir.includes("in") ? "bytes in through the socket" : "bytes out through the socket"),
    when.result && `result ${when.result.join("/")}`,
  ].filter((x): x is string => typeof x === "string" && x !== "");
  return parts.length === 0 ? "any call" : parts.join(", ");
}

function pathLines(path: Path): string[] {
  const reached = layersOfPath(path)
    .filter((l) => l.reached)
    .map((l) => l.layer.replace(/ \(.*/, ""));
  return [
    "",
    `  ${path.title} (${whenText(path.when)})`,
    ...path.steps.map(
      (k) =>
        `    ${k.fn.padEnd(28)} ${k.file.padEnd(34)} ${k.does}${k.kernels ? ` (${k.kernels} only)` : ""}${k.only ? ` [only if ${k.only}]` : ""}${k.ifArg !== undefined ? ` [only with argument ${k.ifArg + 1} given]` : ""}${inCall(k) ? "" : ` [${WHERE[k.at ?? ""] ?? k.at}]`}`,
    ),
    ...path.structures.map((st) => `    structure: ${st}`),
    `    wire: ${path.wire}`,
    `    layers reached: ${reached.join(" → ")}`,
  ];
}

function assertNever(x: never): never {
  throw new Error(`unexpected entry: ${JSON.stringify(x)}`);
}
