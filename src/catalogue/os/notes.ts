// How other systems do what a topic describes: one module per system (windows.ts, macos.ts…), each
// a table of notes by topic name with a general note for the topics it has none for. A system may
// name another to fall back on before its general note (macOS's sockets are FreeBSD's), so adding
// a system is one new file and one line in the table below.
import type { Os } from "../os.js";
import { FREEBSD } from "./freebsd.js";
import { LWIP } from "./lwip.js";
import { MACOS } from "./macos.js";
import { PLAN9 } from "./plan9.js";
import { WINDOWS } from "./windows.js";

export interface OsNotes {
  /** The system as people name it: "Windows (Winsock)". */
  label: string;
  /** What a program meets on this system when a topic has no note of its own. */
  general: string;
  /** A system whose note stands in for a topic this one has none for. */
  fallback?: Exclude<Os, "linux">;
  /** Notes by topic name (a syscall, an errno, an option or flag). */
  topics: Readonly<Record<string, string>>;
}

const SYSTEMS: Record<Exclude<Os, "linux">, OsNotes> = {
  windows: WINDOWS,
  macos: MACOS,
  freebsd: FREEBSD,
  lwip: LWIP,
  plan9: PLAN9,
};

/** The note on `topic` for `os`: its own, its fallback system's, or its general note. */
export function osNote(os: Exclude<Os, "linux">, topic: string): string {
  const system = SYSTEMS[os];
  const own = system.topics[topic];
  if (own !== undefined) return own;
  const fallback = system.fallback === undefined ? undefined : SYSTEMS[system.fallback].topics[topic];
  return fallback ?? system.general;
}

export function osLabel(os: Exclude<Os, "linux">): string {
  return SYSTEMS[os].label;
}

/** Every system's notes, for the tests. */
export const OS_NOTES: Readonly<Record<Exclude<Os, "linux">, OsNotes>> = SYSTEMS;
