// Formats decoded argument values back into strace-like C text for the text view.
import { assertNever } from "../core/assert-never.js";
import type { Value } from "../core/values.js";
import { escapeChar, isUnsafe } from "./visible.js";

const ESCAPES: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\" };

/** Quotes a decoded string, escaping control characters so the output stays one clean line. */
export function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const e = ESCAPES[ch];
    out += e !== undefined ? e : isUnsafe(ch.codePointAt(0) ?? 0) ? escapeChar(ch) : ch;
  }
  return `${out}"`;
}

function withComment(text: string, v: Value): string {
  return v.comment === undefined ? text : `${text} /* ${v.comment} */`;
}

export function formatValue(v: Value): string {
  switch (v.kind) {
    case "num":
      return withComment(v.text ?? String(v.value), v);
    case "str":
      return withComment(`${v.abstract ? "@" : ""}${quote(v.value)}${v.truncated ? "..." : ""}`, v);
    case "sym":
      return withComment(v.value, v);
    case "flags":
      return withComment(v.value.join("|"), v);
    case "null":
      return withComment("NULL", v);
    case "fd":
      return `${v.fd < 0 && v.comment ? v.comment : v.fd}<${v.decoration.text}>`;
    case "raw":
      return withComment(v.text, v);
    case "more":
      return "...";
    case "struct": {
      const parts = Object.entries(v.fields).map(([k, f]) =>
        k.startsWith("#") ? formatValue(f) : `${k}=${formatValue(f)}`,
      );
      if (v.more) parts.push("...");
      return withComment(`{${parts.join(", ")}}`, v);
    }
    case "array": {
      const parts = v.items.map(formatValue);
      if (v.more) parts.push("...");
      return withComment(`${v.negated ? "~" : ""}[${parts.join(", ")}]`, v);
    }
    case "call":
      return withComment(`${v.fn}(${v.args.map(formatValue).join(", ")})`, v);
    case "named":
      return `${v.name}=${formatValue(v.value)}`;
    case "changed":
      return `${formatValue(v.from)} => ${formatValue(v.to)}`;
    default:
      return assertNever(v, "value");
  }
}
