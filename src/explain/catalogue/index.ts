// Every catalogue entry, validated once when first loaded (the schema fills the defaults).
import { type Entry, type EntryInput, EntrySchema } from "../schema.js";
import { DATA_ENTRIES } from "./data.js";
import { ERRNO_ENTRIES } from "./errnos.js";
import { OPTION_ENTRIES } from "./options.js";
import { SETUP_ENTRIES } from "./setup.js";
import { SOCKET_ENTRIES } from "./socket.js";

const ALL: EntryInput[] = [
  ...SOCKET_ENTRIES,
  ...SETUP_ENTRIES,
  ...DATA_ENTRIES,
  ...ERRNO_ENTRIES,
  ...OPTION_ENTRIES,
];

/** A syscall's kernel path is itself a list of sources: make sure each of its files is cited. */
function withPathSources(entry: Entry): Entry {
  if (entry.kind !== "syscall") return entry;
  const sources = [...entry.sources];
  for (const k of entry.kernel) {
    const cited = sources.find((s) => "repo" in s && s.repo === "torvalds/linux" && s.path === k.file);
    if (cited && "repo" in cited) {
      if (!cited.symbols?.includes(k.fn)) cited.symbols = [...(cited.symbols ?? []), k.fn];
    } else sources.push({ repo: "torvalds/linux", path: k.file, symbols: [k.fn] });
  }
  return { ...entry, sources };
}

export const CATALOGUE: readonly Entry[] = ALL.map((e) => withPathSources(EntrySchema.parse(e)));
