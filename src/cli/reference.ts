// The explain and schema commands: offline references, loaded by main.ts when they run.

import type { Os } from "../catalogue/os.js";
import { lookup, suggest } from "../catalogue/registry.js";
import { SockscopeError } from "../errors.js";
import { formatTopic } from "../render/topic.js";
import { eventsJsonSchema } from "../schema/json-schema.js";

export async function explainTopic(topic: string, options: { os: Os; json: boolean }): Promise<void> {
  const entry = lookup(topic);
  if (!entry) {
    const near = suggest(topic);
    const hint = near.length > 0 ? ` (did you mean ${near.map((n) => `'${n}'`).join(", ")}?)` : "";
    throw new SockscopeError(
      "BAD_USAGE",
      `no topic '${topic}' in the catalogue${hint}; topics are syscalls, errnos, options and flags`,
    );
  }
  process.stdout.write(options.json ? `${JSON.stringify(entry, null, 2)}\n` : formatTopic(entry, options.os));
}

export function printSchema(): void {
  process.stdout.write(`${JSON.stringify(eventsJsonSchema(), null, 2)}\n`);
}
