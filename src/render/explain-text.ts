// The explanation block under a call in the text view: one line at --explain brief (plus what a
// failure means), the whole kernel story at --explain full.
import type { Explain, SyscallEvent } from "../core/events.js";

const INDENT = "".padEnd(19);
const SUB = `${INDENT}    `;

export function formatLayers(layers: NonNullable<Explain["layers"]>): string[] {
  const deepest = layers.reduce((d, l, i) => (l.reached ? i : d), 0);
  return layers.map((l, i) => {
    const name = l.layer.padEnd(38, ".");
    const fns = l.functions.join(", ");
    const mark =
      i === deepest ? "   <- deepest layer this call reaches" : l.reached ? "" : "   (not reached)";
    return `${SUB}  ${name} ${fns}${mark}`;
  });
}

export function formatExplain(e: SyscallEvent): string {
  const x = e.explain;
  if (!x) return "";
  const out = [`${INDENT}↳ ${x.summary}`];
  const full = x.layers !== undefined;
  if (full) {
    if (x.path !== undefined) out.push(`${SUB}path: ${x.path}`);
    out.push(`${SUB}kernel: ${x.kernel.join(" → ")}`);
    for (const a of x.after ?? []) out.push(`${SUB}then: ${a}`);
    for (const s of x.structures ?? []) out.push(`${SUB}structure: ${s}`);
    out.push(`${SUB}wire: ${x.wire}`);
    if (x.blocking) out.push(`${SUB}blocking: ${x.blocking}`);
    for (const n of x.notes) out.push(`${SUB}note: ${n}`);
    out.push(`${SUB}layers:`, ...formatLayers(x.layers ?? []));
  } else {
    // Brief: the one line, and what a failure means.
    const why = e.errno === undefined ? undefined : x.notes.find((n) => n.startsWith(`${e.errno} `));
    if (why) out.push(`${INDENT}↳ ${why}`);
  }
  if (x.os) out.push(`${full ? SUB : INDENT}${full ? "" : "↳ "}on ${x.os.name}: ${x.os.text}`);
  return `${out.join("\n")}\n`;
}
