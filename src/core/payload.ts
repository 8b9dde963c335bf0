// Where a call's payload sits among the arguments the trace shows: one rule for redaction (which
// arguments to cut and mask), for the exports that carry the bytes (pcap) and for the names a
// resolver's answers carry (names/).
import type { SyscallEvent } from "./events.js";
import type { Address, StrValue, Value } from "./values.js";

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

/** The sockaddr inside a value (sendto's address, a msghdr's msg_name). */
export function addressIn(v: Value | undefined): Address | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "struct") {
    if (v.addr !== undefined) return v.addr;
    return addressIn(v.fields.msg_name) ?? addressIn(v.fields.msg_hdr);
  }
  if (v.kind === "array") return addressIn(v.items[0]);
  if (v.kind === "named" || v.kind === "changed") return addressIn(v.kind === "named" ? v.value : v.to);
  return undefined;
}

/** The strings of a payload argument in order: a buffer, an iovec array's bases, a msghdr's iovecs. */
export function payloadStrings(v: Value | undefined, out: StrValue[] = []): StrValue[] {
  if (v === undefined) return out;
  switch (v.kind) {
    case "str":
      out.push(v);
      break;
    case "array":
      for (const item of v.items) payloadStrings(item, out);
      break;
    case "struct":
      if (v.fields.iov_base !== undefined) payloadStrings(v.fields.iov_base, out);
      else if (v.fields.msg_iov !== undefined) payloadStrings(v.fields.msg_iov, out);
      else if (v.fields.msg_hdr !== undefined) payloadStrings(v.fields.msg_hdr, out);
      break;
    case "named":
      payloadStrings(v.value, out);
      break;
    case "changed":
      payloadStrings(v.to, out);
      break;
    default:
      break;
  }
  return out;
}
