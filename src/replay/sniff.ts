// Whether a log is sockscope's own JSON lines, decided on its first non-blank line. Kept apart from
// the schema (zod) so that a session can decide before the pipeline is loaded.
const TYPES: ReadonlySet<string> = new Set([
  "syscall",
  "signal",
  "exit",
  "note",
  "unparsed",
  "connection",
  "diagnostic",
  "summary",
  // sockscope lesson NAME --json starts with the lesson's intro line.
  "lesson",
]);

/** Whether a log's first non-blank line is a sockscope event (of any schema version). */
export function isSockscopeJson(line: string): boolean {
  const text = line.trim();
  if (!text.startsWith("{")) return false;
  try {
    const o = JSON.parse(text) as unknown;
    if (typeof o !== "object" || o === null) return false;
    const { v, type } = o as { v?: unknown; type?: unknown };
    return (
      typeof v === "number" && Number.isInteger(v) && v >= 1 && typeof type === "string" && TYPES.has(type)
    );
  } catch {
    return false;
  }
}
