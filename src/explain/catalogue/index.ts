// Every catalogue entry, validated once when first loaded (the schema fills the defaults).
import { type Entry, type EntryInput, EntrySchema } from "../schema.js";
import { DATA_ENTRIES } from "./data.js";
import { OPTION_ENTRIES } from "./options.js";
import { SETUP_ENTRIES } from "./setup.js";
import { SOCKET_ENTRIES } from "./socket.js";

const ALL: EntryInput[] = [...SOCKET_ENTRIES, ...SETUP_ENTRIES, ...DATA_ENTRIES, ...OPTION_ENTRIES];

export const CATALOGUE: readonly Entry[] = ALL.map((e) => EntrySchema.parse(e));
