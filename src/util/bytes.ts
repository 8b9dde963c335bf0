// Byte arrays joined end to end (a payload's iovecs, a file's blocks): one copy, none for a single part.

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = Buffer.allocUnsafe(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Zeroed bytes from Node's shared pool (small ones are slices of one 8 KiB slab): a stream of many
 * small packets then makes few ArrayBuffers, which V8 frees only in its own time.
 */
export function zeroed(n: number): Uint8Array {
  return Buffer.allocUnsafe(n).fill(0);
}

/** A DataView over exactly these bytes (a pooled buffer shares its ArrayBuffer with others). */
export function viewOf(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}
