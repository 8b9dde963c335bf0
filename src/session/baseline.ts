// Baseline files: --record-baseline writes what a run did with the network (the summary's
// inventory) as a file meant for review and diffs (one entry per line, in a stable order);
// --baseline reads one back, for the rules `unexpected` and `missing`. --suggest-allow says which
// --allow list would let the run's external connections pass.
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { InventoryEntry, NetworkInventory, RuleName, SummaryEvent } from "../core/events.js";
import { SockscopeError } from "../errors.js";
import { InventoryEntrySchema } from "../events/schema.js";

const MAGIC = "sockscope-network-baseline";
const VERSION = 1;

const BaselineFileSchema = z.object({
  format: z.literal(MAGIC),
  version: z.literal(VERSION),
  endpoints: z.array(InventoryEntrySchema),
  listeners: z.array(InventoryEntrySchema),
});

/** The baseline file's text: a JSON object with one entry per line, so a diff shows one change per line. */
export function baselineText(inventory: NetworkInventory): string {
  const list = (entries: readonly InventoryEntry[]) =>
    entries.length === 0 ? "[]" : `[\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(",\n")}\n  ]`;
  return `{\n  "format": "${MAGIC}",\n  "version": ${VERSION},\n  "endpoints": ${list(inventory.endpoints)},\n  "listeners": ${list(inventory.listeners)}\n}\n`;
}

/** --baseline FILE, read and checked; a usage error (exit 2) when it cannot be, in one line. */
export function readBaseline(path: string): { file: string; inventory: NetworkInventory } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    const why =
      (cause as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String((cause as Error).message);
    throw new SockscopeError(
      "BAD_USAGE",
      `cannot read the baseline '${path}': ${why} (record one with --record-baseline FILE)`,
      { cause },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new SockscopeError("BAD_USAGE", `the baseline '${path}' is not JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = BaselineFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? "" : ` at ${issue.path.join(".") || "the top"}: ${issue.message}`;
    throw new SockscopeError(
      "BAD_USAGE",
      `the baseline '${path}' is not a sockscope network baseline${where}`,
    );
  }
  const { endpoints, listeners } = parsed.data;
  return { file: path, inventory: { endpoints, listeners } as NetworkInventory };
}

/** The rules that compare with a baseline need one. */
export function checkBaselineRules(rules: readonly RuleName[], baseline: string | undefined): void {
  const needs = rules.filter((r) => r === "unexpected" || r === "missing");
  if (needs.length > 0 && baseline === undefined)
    throw new SockscopeError(
      "BAD_USAGE",
      `--fail-on ${needs.join(",")} compares the run with a baseline: add --baseline FILE (record one with --record-baseline FILE)`,
    );
}

export function writeBaseline(path: string, summary: SummaryEvent | undefined): void {
  const inventory = summary?.network ?? { endpoints: [], listeners: [] };
  try {
    writeFileSync(path, baselineText(inventory));
  } catch (cause) {
    throw new SockscopeError(
      "OUTPUT_UNWRITABLE",
      `cannot write the baseline '${path}': ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
}

/**
 * The --allow list that lets this run's external connections pass: each by the name it was
 * resolved from and its port when the trace showed the lookup, else by its address.
 */
export function suggestedAllow(summary: SummaryEvent | undefined): string[] {
  const out = new Set<string>();
  for (const v of summary?.violations ?? []) {
    if (v.rule !== "external") continue;
    const port = v.address === undefined ? undefined : /:(\d+)$/.exec(v.address)?.[1];
    if (v.host !== undefined) out.add(port === undefined ? v.host : `${v.host}:${port}`);
    else if (v.address !== undefined) {
      // 1.2.3.4:443 or [2001:db8::1]:443: the address alone (--allow takes networks without ports).
      const ip = v.address.replace(/^\[(.*)\]:\d+$/, "$1").replace(/^([\d.]+):\d+$/, "$1");
      out.add(ip);
    }
  }
  return [...out].sort();
}
