// A struct timeval argument (setsockopt SO_RCVTIMEO/SO_SNDTIMEO) as strace prints it: decoded,
// `{tv_sec=1, tv_usec=0}`, or, when strace did not decode it (a call split by <unfinished ...>, say),
// the 16 raw bytes of the x86_64 struct __kernel_old_timeval: two little-endian 64-bit integers.
import type { Value } from "../core/values.js";
import { stringBytes } from "./strings.js";

export function timevalOf(v: Value | undefined): { sec: number; usec: number } | undefined {
  const t = v?.kind === "changed" ? v.to : v;
  if (t?.kind === "struct") {
    const sec = t.fields.tv_sec;
    const usec = t.fields.tv_usec;
    if (sec?.kind !== "num" || usec?.kind !== "num") return undefined;
    return { sec: sec.value, usec: usec.value };
  }
  if (t?.kind === "str" && t.truncated !== true && t.redacted === undefined) {
    const bytes = stringBytes(t);
    if (bytes.length !== 16) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { sec: Number(view.getBigInt64(0, true)), usec: Number(view.getBigInt64(8, true)) };
  }
  return undefined;
}

/** The timeval as people write it: `{tv_sec=0, tv_usec=100000}`, whatever form strace printed. */
export function timevalText(t: { sec: number; usec: number }): string {
  return `{tv_sec=${t.sec}, tv_usec=${t.usec}}`;
}
