// Decodes strace's quoted strings ("a\tb\x00\377"...) into bytes and text.
// strace escapes \" \\ \t \n \v \f \r, prints other non-printable bytes as octal (\0, \33, \377)
// or, with -x/-xx, as \xHH; a string cut by -s is followed by "...".

const UTF8 = new TextDecoder("utf-8", { fatal: false });
const UTF8_STRICT = new TextDecoder("utf-8", { fatal: true });

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
 * Scans a quoted string starting at `s[start] === '"'`. Returns null when the closing quote is
 * missing (a line cut short).
 */
export function scanString(s: string, start: number): ScannedString | null {
  let i = start + 1;
  const n = s.length;
  // Fast path: no escapes and plain ASCII.
  let simple = true;
  let j = i;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 34) break; // "
    if (c === 92 || c > 126) simple = false; // backslash or non-ASCII: decode below
    j++;
  }
  if (j >= n) return null;
  if (simple) {
    const value = s.slice(i, j);
    let end = j + 1;
    let truncated = false;
    if (s.startsWith("...", end)) {
      truncated = true;
      end += 3;
    }
    return { end, value, bytes: value.length, truncated };
  }
  const out: number[] = [];
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 34) break;
    if (c !== 92) {
      if (c < 128) out.push(c);
      else for (const b of Buffer.from(s[i] ?? "", "utf8")) out.push(b);
      i++;
      continue;
    }
    // Escape sequence.
    const next = s[i + 1];
    if (next === undefined) return null;
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
    const simpleEscape = SIMPLE_ESCAPES[next];
    out.push(simpleEscape ?? next.charCodeAt(0));
    i += 2;
  }
  if (i >= n) return null;
  const bytes = Uint8Array.from(out);
  let end = i + 1;
  let truncated = false;
  if (s.startsWith("...", end)) {
    truncated = true;
    end += 3;
  }
  let raw: string | undefined;
  try {
    UTF8_STRICT.decode(bytes);
  } catch {
    raw = s.slice(start + 1, i);
  }
  const result: ScannedString = { end, value: UTF8.decode(bytes), bytes: bytes.length, truncated };
  if (raw !== undefined) result.raw = raw;
  return result;
}
