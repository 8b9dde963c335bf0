// Decodes strace's quoted strings ("a\tb\x00\377"...) into bytes and text.
// strace escapes \" \\ \t \n \v \f \r, prints other non-printable bytes as octal (\0, \33, \377)
// or, with -x/-xx, as \xHH; a string cut by -s is followed by "...".

const UTF8_STRICT = new TextDecoder("utf-8", { fatal: true });

/** The first byte of a surrogate-escaped byte: a byte that is not UTF-8 becomes U+DC80…U+DCFF. */
export const ESCAPED_BYTE = 0xdc00;

/**
 * Bytes as text: valid UTF-8 as its characters, and each byte that is not part of valid UTF-8 as
 * the lone surrogate U+DC00 + byte (Python's "surrogateescape"), so no byte is lost or turned into
 * U+FFFD and the views can print it back as \xHH.
 */
function decodeBytes(array: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < array.length) {
    const b = array[i] as number;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let text: string | undefined;
    if (n > 0 && i + n <= array.length) {
      try {
        text = UTF8_STRICT.decode(array.subarray(i, i + n));
      } catch {
        text = undefined;
      }
    }
    if (text !== undefined) {
      out += text;
      i += n;
    } else {
      out += String.fromCharCode(ESCAPED_BYTE + b);
      i++;
    }
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, a: 7, b: 8, e: 27 };

export interface ScannedString {
  /** Index just past the closing quote (and past a `...` truncation mark, if any). */
  end: number;
  value: string;
  bytes: number;
  truncated: boolean;
  /** Set when the bytes are not valid UTF-8: the escaped text as strace printed it. */
  raw?: string;
}

function isOctal(code: number): boolean {
  return code >= 48 && code <= 55;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/**
 * Decodes escaped text from `start` up to an unescaped `"` (when `quoted`) or the end of `s`.
 * Returns the bytes and the index of the closing quote (or s.length); null when a quote is missing.
 */
function decodeEscaped(s: string, start: number, quoted: boolean): { bytes: number[]; end: number } | null {
  const out: number[] = [];
  const n = s.length;
  let i = start;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 34 && quoted) return { bytes: out, end: i };
    if (c !== 92) {
      if (c < 128) {
        out.push(c);
        i++;
      } else {
        const cp = s.codePointAt(i) ?? c;
        for (const b of Buffer.from(String.fromCodePoint(cp), "utf8")) out.push(b);
        i += cp > 0xffff ? 2 : 1;
      }
      continue;
    }
    const next = s[i + 1];
    if (next === undefined) return quoted ? null : { bytes: out, end: n };
    if (next === "x") {
      const h1 = hexDigit(s.charCodeAt(i + 2));
      const h2 = hexDigit(s.charCodeAt(i + 3));
      if (h1 >= 0 && h2 >= 0) {
        out.push(h1 * 16 + h2);
        i += 4;
      } else if (h1 >= 0) {
        out.push(h1);
        i += 3;
      } else {
        out.push(120);
        i += 2;
      }
      continue;
    }
    if (isOctal(next.charCodeAt(0))) {
      let k = i + 1;
      let v = 0;
      while (k < i + 4 && isOctal(s.charCodeAt(k))) {
        v = v * 8 + (s.charCodeAt(k) - 48);
        k++;
      }
      out.push(v & 0xff);
      i = k;
      continue;
    }
    out.push(SIMPLE_ESCAPES[next] ?? next.charCodeAt(0));
    i += 2;
  }
  return quoted ? null : { bytes: out, end: n };
}

/**
 * Scans a quoted string starting at `s[start] === '"'`. Returns null when the closing quote is
 * missing (a line cut short).
 */
export function scanString(s: string, start: number): ScannedString | null {
  const n = s.length;
  // Fast path: plain ASCII with no escapes.
  let j = start + 1;
  let simple = true;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 34) break;
    if (c === 92 || c > 126) {
      simple = false;
      break;
    }
    j++;
  }
  let value: string;
  let bytes: number;
  let close: number;
  let raw: string | undefined;
  if (simple) {
    if (j >= n) return null;
    value = s.slice(start + 1, j);
    bytes = value.length;
    close = j;
  } else {
    const decoded = decodeEscaped(s, start + 1, true);
    if (!decoded) return null;
    const array = Uint8Array.from(decoded.bytes);
    close = decoded.end;
    bytes = array.length;
    try {
      value = UTF8_STRICT.decode(array);
    } catch {
      value = decodeBytes(array);
      raw = s.slice(start + 1, close);
    }
  }
  let end = close + 1;
  let truncated = false;
  if (s.startsWith("...", end)) {
    truncated = true;
    end += 3;
  }
  const result: ScannedString = { end, value, bytes, truncated };
  if (raw !== undefined) result.raw = raw;
  return result;
}

/** The bytes of a decoded string value: exact, from the escaped text when it was not valid UTF-8. */
export function stringBytes(v: { value: string; raw?: string | undefined }): Uint8Array {
  if (v.raw === undefined) {
    if (!/[\udc80-\udcff]/.test(v.value)) return new Uint8Array(Buffer.from(v.value, "utf8"));
    const out: number[] = [];
    for (const ch of v.value) {
      const code = ch.codePointAt(0) ?? 0;
      if (code >= ESCAPED_BYTE + 0x80 && code <= ESCAPED_BYTE + 0xff) out.push(code - ESCAPED_BYTE);
      else for (const b of Buffer.from(ch, "utf8")) out.push(b);
    }
    return Uint8Array.from(out);
  }
  return Uint8Array.from(decodeEscaped(v.raw, 0, false)?.bytes ?? []);
}
