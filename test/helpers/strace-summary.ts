// Reads strace's own -c/-C table ("% time  seconds  usecs/call  calls  errors syscall") into
// per-syscall call and error counts, so tests can hold our counts to strace's.
export type Counts = Record<string, { calls: number; errors: number }>;

export function parseStraceSummary(text: string): Counts {
  const counts: Counts = {};
  for (const line of text.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || !/^\d/.test(cols[0] ?? "")) continue;
    const name = cols[cols.length - 1] ?? "";
    if (name === "total") continue;
    // The errors column is blank when a syscall never failed: 5 columns instead of 6.
    counts[name] = { calls: Number(cols[3]), errors: cols.length >= 6 ? Number(cols[4]) : 0 };
  }
  return counts;
}

/** Our summary's per-syscall entries reduced to what strace's table has: calls and errors. */
export function countsOf(syscalls: Record<string, { calls: number; errors: number }>): Counts {
  return Object.fromEntries(
    Object.entries(syscalls).map(([name, c]) => [name, { calls: c.calls, errors: c.errors }]),
  );
}
