// Every catalogue entry, with its defaults filled in. The entries are this project's own data: the
// tests validate each one against EntrySchema (and that filling the defaults here gives what the
// schema would), so loading the catalogue does not load zod and parse 100 entries on every start.
import { pathSet } from "../kernel-paths.js";
import type { Entry, EntryInput } from "../schema.js";
import { CONCEPT_ENTRIES } from "./concepts.js";
import { CONTROL_ENTRIES } from "./control.js";
import { DATA_ENTRIES } from "./data.js";
import { ERRNO_ENTRIES } from "./errnos.js";
import { OPTION_ENTRIES } from "./options.js";
import { SETUP_ENTRIES } from "./setup.js";
import { SOCKET_ENTRIES } from "./socket.js";

const ALL: EntryInput[] = [
  ...SOCKET_ENTRIES,
  ...SETUP_ENTRIES,
  ...DATA_ENTRIES,
  ...CONTROL_ENTRIES,
  ...ERRNO_ENTRIES,
  ...OPTION_ENTRIES,
  ...CONCEPT_ENTRIES,
];

/** A syscall's kernel paths are themselves sources: make sure each of their files is cited. */
function withPathSources(entry: Entry): Entry {
  if (entry.kind !== "syscall") return entry;
  const sources = entry.sources.map((s) => ({ ...s }));
  for (const k of pathSet(entry.name)?.paths.flatMap((p) => p.steps) ?? []) {
    const cited = sources.find((s) => "repo" in s && s.repo === "torvalds/linux" && s.path === k.file);
    if (cited && "repo" in cited) {
      if (!cited.symbols?.includes(k.fn)) cited.symbols = [...(cited.symbols ?? []), k.fn];
    } else sources.push({ repo: "torvalds/linux", path: k.file, symbols: [k.fn] });
  }
  return { ...entry, sources };
}

/** The schema's defaults (a syscall's aliases, an option's cases), without the schema. */
export function withDefaults(input: EntryInput): Entry {
  if (input.kind === "syscall") return { ...input, aliases: input.aliases ?? [] };
  if (input.kind === "option") return { ...input, cases: input.cases ?? [] };
  return input;
}

/** The entries as written, before defaults: the tests validate these against EntrySchema. */
export const CATALOGUE_INPUT: readonly EntryInput[] = ALL;

export const CATALOGUE: readonly Entry[] = ALL.map((e) => withPathSources(withDefaults(e)));
