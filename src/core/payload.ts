// Where a call's payload sits among the arguments the trace shows: one rule for redaction (which
// arguments to cut and mask) and for the exports that carry the bytes (pcap).
import type { SyscallEvent } from "./events.js";

/**
 * Which of a call's arguments is its payload: the index of the syscall table's payload role among
 * the arguments the event carries; "all" when the arguments cannot be trusted to sit where the
 * table says (they did not decode, a raw value is among them, or there are more than the call has:
 * the program's own output woven into strace's line, see parse/rejoin.ts); "none" when the call has
 * no payload, or its payload was in the half of a split call that the trace does not show.
 */
export function payloadIndex(e: Pick<SyscallEvent, "spec" | "args" | "partial">): number | "all" | "none" {
  const spec = e.spec;
  if (spec?.payload === undefined) {
    // A call without a payload role whose arguments did not decode: its text may be anything.
    return e.args.length === 1 && e.args[0]?.kind === "raw" ? "all" : "none";
  }
  const arity = spec.arity ?? e.args.length;
  if (e.args.length > arity || e.args.some((a) => a.kind === "raw")) return "all";
  if (e.partial !== true) return spec.payload;
  // A resumed half carries the call's last arguments.
  const at = spec.payload - (arity - e.args.length);
  return at >= 0 ? at : "none";
}
