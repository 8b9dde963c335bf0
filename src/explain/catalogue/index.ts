// Every catalogue entry, validated once when first loaded (the schema fills the defaults).
import { type Entry, type EntryInput, EntrySchema } from "../schema.js";
import { SOCKET_ENTRIES } from "./socket.js";

const ALL: EntryInput[] = [...SOCKET_ENTRIES];

export const CATALOGUE: readonly Entry[] = ALL.map((e) => EntrySchema.parse(e));
