// --baseline: a run's network inventory against a reviewed one (a file --record-baseline wrote,
// perhaps edited). What the run did that the baseline does not list is unexpected; what the
// baseline lists that the run did not do is missing. A baseline entry may be looser than a recorded
// one: a host `*.example.com` matches every name under example.com, and port "*" any port.
import type { InventoryEntry, NetworkInventory } from "../core/events.js";

function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  return p.startsWith("*.") ? h.endsWith(p.slice(1)) : p === h;
}

/** Whether `seen` (this run) is what `listed` (the baseline) allows. */
export function matchesEntry(listed: InventoryEntry, seen: InventoryEntry): boolean {
  if (listed.kind !== seen.kind || listed.transport !== seen.transport) return false;
  if (listed.port !== "*" && listed.port !== seen.port) return false;
  if (listed.path !== undefined || seen.path !== undefined) return listed.path === seen.path;
  if (listed.host !== undefined && seen.host !== undefined) return hostMatches(listed.host, seen.host);
  return listed.address !== undefined && listed.address === seen.address;
}

export function compareBaseline(
  run: NetworkInventory,
  baseline: NetworkInventory,
): { unexpected: InventoryEntry[]; missing: InventoryEntry[] } {
  const listed = [...baseline.endpoints, ...baseline.listeners];
  const seen = [...run.endpoints, ...run.listeners];
  return {
    unexpected: seen.filter((s) => !listed.some((l) => matchesEntry(l, s))),
    missing: listed.filter((l) => !seen.some((s) => matchesEntry(l, s))),
  };
}
