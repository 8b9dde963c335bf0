// `sockscope explain TOPIC` as text: a syscall, an errno or an option, whole.

import { layersOf } from "../catalogue/layers.js";
import type { Entry, Os } from "../catalogue/schema.js";
import { formatLayers } from "./explain-text.js";

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
      out.push(
        ...section(
          "Kernel path (Linux 6.x)",
          entry.kernel.map((k) => `${k.fn.padEnd(28)} ${k.file.padEnd(34)} ${k.does}`),
        ),
      );
      out.push(...section("Structures", entry.structures));
      out.push(...section("On the wire", [entry.wire]));
      out.push(...section("Blocking", [entry.blocking, `non-blocking: ${entry.nonblocking}`]));
      out.push(...section("Pitfalls", entry.pitfalls));
      out.push(
        "",
        "Layers:",
        ...formatLayers(layersOf(entry))
          .map((l) => l.trimStart())
          .map((l) => `  ${l}`),
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
      out.push(`${entry.name} (${entry.level}): ${entry.summary}`);
      out.push(...section("In the kernel", [entry.kernel]));
      out.push(...section("Default", [entry.default]));
      out.push(...section("Pitfalls", entry.pitfalls));
      break;
    default:
      return assertNever(entry);
  }
  if (os !== "linux") out.push(...section(`On ${os}`, [entry.os[os]]));
  out.push(...section("See", [...("man" in entry ? entry.man : []), ...sources(entry)]));
  return `${out.join("\n")}\n`;
}

function assertNever(x: never): never {
  throw new Error(`unexpected entry: ${JSON.stringify(x)}`);
}
