// The catalogue as a lookup table: every topic by its name and aliases (case-insensitive), and
// did-you-mean suggestions for a topic that is not there.

import { editDistance } from "../util/edit-distance.js";
import { CATALOGUE } from "./entries/index.js";
import type { Entry } from "./schema.js";

const byName = new Map<string, Entry>();
for (const entry of CATALOGUE) {
  const names = [entry.name, ...aliasesOf(entry)];
  for (const name of names) {
    const key = `${entry.kind}:${name.toLowerCase()}`;
    if (!byName.has(key)) byName.set(key, entry);
    if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), entry);
  }
}

/** The other names an entry is found by: a syscall's, an option's other spellings, a concept's. */
export function aliasesOf(entry: Entry): readonly string[] {
  return "aliases" in entry ? (entry.aliases ?? []) : [];
}

/** An entry by name or alias; `kind` restricts the search. */
export function lookup(topic: string, kind?: Entry["kind"]): Entry | undefined {
  const key = topic.trim().toLowerCase();
  return kind === undefined ? byName.get(key) : byName.get(`${kind}:${key}`);
}

export function topics(): string[] {
  return [...new Set(CATALOGUE.map((e) => e.name))];
}

/** Topics close to a misspelt one, nearest first (at most 3). */
export function suggest(topic: string): string[] {
  const key = topic.trim().toLowerCase();
  const limit = Math.max(2, Math.floor(key.length / 3));
  return [...new Set([...byName.keys()].filter((k) => !k.includes(":")))]
    .map((name) => ({ name, d: editDistance(key, name) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((x) => lookup(x.name)?.name ?? x.name);
}
