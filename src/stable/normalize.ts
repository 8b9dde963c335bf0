// --stable, value by value: the parts of an event that change from run to run for the same
// program (pids, socket ids, ephemeral ports, inode numbers, pointers, random temp names) become
// stable names; times go. The mapping tables are filled in output order by stabilize.ts.
import { assertNever } from "../core/assert-never.js";
import type { Address, Decoration, Value } from "../core/values.js";

export interface Names {
  pid(pid: number): number;
  socket(id: number): number;
  /** The stable name of an ephemeral port, or undefined for a port the program chose itself. */
  port(port: number): string | undefined;
}

const EPHEMERAL_LOW = 32768;
const RANDOM_TMP = /(\/tmp\/[^/\s"<>]*?)([A-Za-z0-9]{6})(?=[/\s"<>\]]|$)/g;
const POINTER_FLOOR = 0x10000;

/** /tmp/sockscope-test-k1XON9/x → /tmp/sockscope-test-XXXXXX/x (mkdtemp's six random characters). */
export function stableText(text: string, names: Names): string {
  let out = text.replace(RANDOM_TMP, (m, head: string, tail: string) =>
    /\d/.test(tail) && /[A-Za-z]/.test(tail) ? `${head}XXXXXX` : m,
  );
  out = out.replace(/:(\d{5})\b/g, (m, port: string) => {
    const name = names.port(Number(port));
    return name === undefined ? m : `:${name}`;
  });
  return out.replace(
    /\[(\d+)(->(\d+))?(,|\])/g,
    (m, inode: string, _arrow, peer: string | undefined, end: string) =>
      // Inode numbers in -yy decorations: TCP:[15892], UNIX-STREAM:[15926->15930,"path"].
      // strace shows the peer inode only when its socket-diag lookup found it in time: drop both.
      inode.length >= 4 || peer !== undefined ? `[inode${end}` : m,
  );
}

export function stableAddress(a: Address, names: Names): Address {
  const out: Address = { ...a };
  if (a.port !== undefined && a.port >= EPHEMERAL_LOW) {
    const name = names.port(a.port);
    if (name !== undefined) {
      delete out.port;
      out.ephemeral = name;
    }
  }
  if (a.path !== undefined) out.path = stableText(a.path, names);
  out.text = stableText(a.text, names);
  return out;
}

export function stableDecoration(d: Decoration, names: Names): Decoration {
  const out: Decoration = { ...d, text: stableText(d.text, names) };
  delete out.inode;
  delete out.peerInode;
  if (d.local) out.local = stableAddress(d.local, names);
  if (d.remote) out.remote = stableAddress(d.remote, names);
  if (d.path !== undefined) out.path = stableText(d.path, names);
  return out;
}

export function stableValue(v: Value, names: Names, insidePort = false): Value {
  switch (v.kind) {
    case "num": {
      if (insidePort && v.value >= EPHEMERAL_LOW) {
        const name = names.port(v.value);
        if (name !== undefined) return { kind: "sym", value: name };
      }
      if (v.text?.startsWith("0x") && v.value >= POINTER_FLOOR) return { ...v, value: 0, text: "0xPTR" };
      return v;
    }
    case "str": {
      const value = stableText(v.value, names);
      if (value === v.value) return v;
      const out = { ...v, value };
      delete out.raw;
      return out;
    }
    case "fd":
      return { ...v, decoration: stableDecoration(v.decoration, names) };
    case "struct": {
      const fields: Record<string, Value> = {};
      for (const [k, f] of Object.entries(v.fields)) fields[k] = stableValue(f, names, k.endsWith("_port"));
      const out: Value = { ...v, fields };
      if (v.addr) out.addr = stableAddress(v.addr, names);
      return out;
    }
    case "array":
      return { ...v, items: v.items.map((x) => stableValue(x, names)) };
    case "call":
      return { ...v, args: v.args.map((x) => stableValue(x, names, insidePort || v.fn === "htons")) };
    case "named":
      return { ...v, value: stableValue(v.value, names) };
    case "changed":
      return { ...v, from: stableValue(v.from, names, insidePort), to: stableValue(v.to, names, insidePort) };
    case "sym":
    case "flags":
    case "null":
    case "raw":
    case "more":
      return v;
    default:
      return assertNever(v, "value");
  }
}
