// Reading the arguments the socket model needs out of decoded syscall values: fd numbers, socket
// addresses, SCM_RIGHTS fd lists, per-message lengths of sendmmsg/recvmmsg, option values.
import type { Address, Decoration, Value } from "../parse/schema.js";
import { isFdNumber } from "../util/fd-number.js";
import { formatValue } from "../util/format-value.js";

/** The fd number of an argument printed as `3`, `3<TCP:[…]>`. */
export function fdOf(v: Value | undefined): number | undefined {
  const n = v?.kind === "fd" ? v.fd : v?.kind === "num" ? v.value : undefined;
  return n !== undefined && isFdNumber(n) ? n : undefined;
}

/** The address of a sockaddr argument, after the call for value-result ones (`{…} => {…}`). */
export function addressOf(v: Value | undefined): Address | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "struct") return v.addr;
  if (v.kind === "changed") return addressOf(v.to) ?? addressOf(v.from);
  return undefined;
}

/** The value after the call for a value-result argument, else the value itself. */
export function after(v: Value | undefined): Value | undefined {
  return v?.kind === "changed" ? v.to : v;
}

/** A symbolic constant, from a name or from -X verbose's `0x1 /* SOL_SOCKET *\/`. */
export function nameOf(v: Value | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "sym") return v.value;
  if (v.kind === "flags") return v.value.join("|");
  if (v.kind === "num") return v.comment?.trim() || v.text || String(v.value);
  return undefined;
}

function field(v: Value | undefined, name: string): Value | undefined {
  const s = after(v);
  return s?.kind === "struct" ? s.fields[name] : undefined;
}

/** fds carried by SCM_RIGHTS control messages anywhere in a msghdr (or an mmsghdr array). */
export function scmRightsFds(v: Value | undefined): Array<{ fd: number; decoration?: Decoration }> {
  const out: Array<{ fd: number; decoration?: Decoration }> = [];
  const visit = (x: Value | undefined) => {
    const s = after(x);
    if (s === undefined) return;
    if (s.kind === "array") for (const item of s.items) visit(item);
    else if (s.kind === "struct") {
      const type = nameOf(s.fields.cmsg_type);
      const data = after(s.fields.cmsg_data);
      if (type?.includes("SCM_RIGHTS") && data?.kind === "array") {
        for (const item of data.items) {
          const fd = fdOf(item);
          if (fd === undefined) continue;
          out.push(item.kind === "fd" ? { fd, decoration: item.decoration } : { fd });
        }
        return;
      }
      for (const [name, f] of Object.entries(s.fields)) {
        if (name === "msg_control" || name === "msg_hdr") visit(f);
      }
    }
  };
  visit(v);
  return out;
}

/** The sum of `msg_len` over the first `count` entries of a sendmmsg/recvmmsg vector. */
export function mmsgBytes(v: Value | undefined, count: number): number {
  const s = after(v);
  if (s?.kind !== "array") return 0;
  let total = 0;
  for (const item of s.items.slice(0, count)) {
    const len = field(item, "msg_len");
    if (len?.kind === "num") total += len.value;
  }
  return total;
}

/** The source or destination address inside a msghdr (`msg_name`). */
export function msgNameAddress(v: Value | undefined): Address | undefined {
  return addressOf(field(v, "msg_name"));
}

/** A short text for a setsockopt value: `[1]` → `1`, structs as strace shows them. */
export function optionText(v: Value | undefined): string {
  const s = after(v);
  if (s === undefined) return "";
  if (s.kind === "array" && s.items.length === 1 && s.items[0] !== undefined) return formatValue(s.items[0]);
  return formatValue(s);
}

/** An errno name a getsockopt(SO_ERROR) result holds: `[ECONNREFUSED]`, `[111]` (-X raw), `[0]`. */
export function soErrorOf(
  v: Value | undefined,
  errnoNames: Readonly<Record<number, string>>,
): string | undefined {
  const s = after(v);
  const inner = s?.kind === "array" ? s.items[0] : s;
  if (inner === undefined) return undefined;
  if (inner.kind === "sym") return inner.value;
  if (inner.kind === "num")
    return inner.value === 0
      ? "0"
      : (inner.comment?.trim() ?? errnoNames[inner.value] ?? String(inner.value));
  return undefined;
}

/** The clone flags of a clone/clone3 call: `flags=` as an argument, or a field of clone3's struct. */
export function cloneFlags(args: Value[]): string[] {
  for (const arg of args) {
    const a = arg.kind === "changed" ? arg.from : arg;
    const v =
      a.kind === "named" && a.name === "flags" ? a.value : a.kind === "struct" ? a.fields.flags : undefined;
    if (v?.kind === "flags") return v.value;
    if (v?.kind === "sym") return [v.value];
  }
  return [];
}
