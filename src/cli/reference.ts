// The explain and schema commands: offline references, loaded by main.ts when they run.

import { pathSet } from "../catalogue/kernel-paths.js";
import { osNote } from "../catalogue/os/notes.js";
import { OS_NAMES, type Os } from "../catalogue/os.js";
import { lookup, suggest } from "../catalogue/registry.js";
import { SockscopeError } from "../errors.js";
import { formatTopic } from "../render/topic.js";
import { eventsJsonSchema } from "../schema/json-schema.js";

export async function explainTopic(
  topic: string,
  options: { os: Os; json: boolean },
  out: NodeJS.WritableStream,
): Promise<void> {
  const entry = lookup(topic);
  if (!entry) {
    const near = suggest(topic);
    const hint = near.length > 0 ? ` (did you mean ${near.map((n) => `'${n}'`).join(", ")}?)` : "";
    throw new SockscopeError(
      "BAD_USAGE",
      `no topic '${topic}' in the catalogue${hint}; topics are syscalls, errnos, options and flags, ioctl requests, and concepts such as 'ping' or 'netlink-dump'`,
    );
  }
  if (!options.json) {
    out.write(formatTopic(entry, options.os));
    return;
  }
  const paths = entry.kind === "syscall" ? { paths: pathSet(entry.name)?.paths ?? [] } : {};
  // Every other system's note, as the entry carried them before they moved to catalogue/os/.
  const os = Object.fromEntries(OS_NAMES.filter((o) => o !== "linux").map((o) => [o, osNote(o, entry.name)]));
  out.write(`${JSON.stringify({ ...entry, ...paths, os }, null, 2)}\n`);
}

export function printSchema(out: NodeJS.WritableStream): void {
  out.write(`${JSON.stringify(eventsJsonSchema(), null, 2)}\n`);
}
