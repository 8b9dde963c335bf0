// sockscope triage RUN.jsonl…: the network inventories of many recorded runs (each --json report's
// summary), merged: for every endpoint and listener, the runs that showed it, and whether it is in
// every run, new in the last one, gone from the last one, or flaky (some runs, not others). The
// runs are taken in the order given, the last as the newest. Each file is read line by line; only
// its summary line is kept.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { InventoryEntry, NetworkInventory } from "../core/events.js";
import { SockscopeError } from "../errors.js";
import { NetworkInventorySchema } from "../events/schema.js";
import { markdownCell } from "../render/escape.js";
import { entryKey, entryText } from "../summary/inventory.js";
import { visible } from "../util/visible.js";

export type TriageStatus = "every run" | "new" | "gone" | "flaky";

export interface TriageRow {
  entry: InventoryEntry;
  /** The indexes (0-based, in the order given) of the runs that showed it. */
  runs: number[];
  status: TriageStatus;
}

async function inventoryOf(path: string): Promise<NetworkInventory> {
  const stream = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", reject);
  });
  try {
    await opened;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new SockscopeError(
      code === "ENOENT" ? "INPUT_NOT_FOUND" : "INPUT_UNREADABLE",
      `cannot read '${path}': ${code === "ENOENT" ? "no such file" : (cause as Error).message}`,
      { cause },
    );
  }
  let network: unknown;
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line.includes('"type":"summary"')) continue;
    try {
      network = (JSON.parse(line) as { network?: unknown }).network;
    } catch {
      // Not JSON after all: not the summary.
    }
  }
  const parsed = NetworkInventorySchema.safeParse(network);
  if (!parsed.success)
    throw new SockscopeError(
      "INPUT_NOT_A_TRACE",
      `'${path}' has no network inventory: give sockscope's --json reports (a summary line, from this sockscope)`,
    );
  return parsed.data as NetworkInventory;
}

export function triageRows(inventories: readonly NetworkInventory[]): TriageRow[] {
  const rows = new Map<string, TriageRow>();
  inventories.forEach((inv, run) => {
    for (const entry of [...inv.endpoints, ...inv.listeners]) {
      const k = entryKey(entry);
      const row = rows.get(k) ?? { entry, runs: [], status: "flaky" as TriageStatus };
      if (!row.runs.includes(run)) row.runs.push(run);
      const by = new Set([...(row.entry.by ?? []), ...(entry.by ?? [])]);
      row.entry = { ...row.entry, by: [...by].sort() };
      rows.set(k, row);
    }
  });
  const n = inventories.length;
  const last = n - 1;
  for (const row of rows.values()) {
    if (row.runs.length === n) row.status = "every run";
    else if (n > 1 && row.runs.length === 1 && row.runs[0] === last) row.status = "new";
    else if (n > 1 && !row.runs.includes(last) && row.runs.length === n - 1) row.status = "gone";
    else row.status = "flaky";
  }
  const order: Record<TriageStatus, number> = { new: 0, flaky: 1, gone: 2, "every run": 3 };
  return [...rows.values()].sort(
    (a, b) => order[a.status] - order[b.status] || (entryText(a.entry) < entryText(b.entry) ? -1 : 1),
  );
}

export type TriageFormat = "text" | "markdown" | "json";

export function triageReport(
  files: readonly string[],
  rows: readonly TriageRow[],
  format: TriageFormat,
): string {
  const n = files.length;
  const runs = (r: TriageRow) => `${r.runs.length}/${n}`;
  const by = (r: TriageRow) => (r.entry.by ?? []).join(", ");
  if (format === "json")
    return `${JSON.stringify({ runs: files, entries: rows.map((r) => ({ ...r.entry, runs: r.runs, status: r.status })) })}\n`;
  if (format === "markdown") {
    const lines = [
      `## sockscope triage: ${n} run(s)`,
      "",
      "| status | runs | what | by |",
      "|---|---|---|---|",
      ...rows.map(
        (r) => `| ${r.status} | ${runs(r)} | ${markdownCell(entryText(r.entry))} | ${markdownCell(by(r))} |`,
      ),
    ];
    if (rows.length === 0) lines.push("", "No network use in any run.");
    return `${lines.join("\n")}\n`;
  }
  // Paths are the program's: shown with their control characters escaped, as in every view.
  const what = (r: TriageRow) => visible(entryText(r.entry));
  const width = Math.max(4, ...rows.map((r) => what(r).length));
  const lines = [
    `sockscope triage: ${n} run(s): ${files.join(", ")}`,
    `${"status".padEnd(9)}  ${"runs".padEnd(5)}  ${"what".padEnd(width)}  by`,
    ...rows.map(
      (r) => `${r.status.padEnd(9)}  ${runs(r).padEnd(5)}  ${what(r).padEnd(width)}  ${visible(by(r))}`,
    ),
  ];
  if (rows.length === 0) lines.push("no network use in any run");
  return `${lines.join("\n")}\n`;
}

export async function triage(files: readonly string[], format: TriageFormat): Promise<string> {
  const inventories: NetworkInventory[] = [];
  for (const f of files) inventories.push(await inventoryOf(f));
  return triageReport(files, triageRows(inventories), format);
}
