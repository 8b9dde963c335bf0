// Finds credentials in text: the character ranges of their values, so that the caller can mask
// them in a string (maskSecrets) or in a hex dump's bytes (dump.ts). No regular expression here can
// backtrack: every rule is a scan that looks at most a fixed distance back or ahead from a
// separator it found, and the value scans never overlap, so the time is linear in the text's length
// whatever the text (see test/redact/secrets.test.ts for the adversarial inputs and the limit).
//
// What counts as a credential:
// - `name=value` and `name: value` (env assignments, query strings, form bodies, HTTP and other
//   headers, YAML), when the name says so: it contains password, passwd, passphrase, secret, token,
//   credential, auth, cookie, session or apikey/api_key, or ends in key/pass/pwd as a word
//   (`DB_PASSWORD=`, `GITHUB_TOKEN=`, `X-Api-Key:`, `AWS_SECRET_ACCESS_KEY=`, `Set-Cookie:`);
// - the same names quoted, as JSON keys (`"password": "…"`, also with strace's `\"` escapes);
// - `scheme://user:password@host`: the password;
// - line protocols: `AUTH …` (Redis, SMTP: the mechanism name stays), `PASS …` (FTP, POP3),
//   `APOP …` (POP3), `tag LOGIN …` and `tag AUTHENTICATE mech …` (IMAP);
// - Redis RESP arrays: the bulk strings after an `AUTH` bulk string (`*3\r\n$4\r\nAUTH\r\n…`).

/** A credential's value: text[start, end). */
export type Range = readonly [number, number];

/** Longest name looked at before a separator (a longer one is judged by its last characters). */
const MAX_NAME = 128;
/** Longest userinfo of a URL looked at. */
const MAX_USERINFO = 512;

/** A credential's name, lowercased: a telling part anywhere, or a telling word at its end. */
const SENSITIVE =
  /password|passwd|passphrase|secret|token|credential|auth|cookie|session|api[_-]?key|(?:^|[_.-])(?:key|pass|pwd|pin)$/;
const SASL =
  /^(?:PLAIN|LOGIN|CRAM-MD5|DIGEST-MD5|XOAUTH2|OAUTHBEARER|GSSAPI|NTLM|EXTERNAL|SCRAM-[A-Z0-9-]{1,20})$/;

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46
  );
}
const isBlank = (c: number) => c === 32 || c === 9;
const isEol = (c: number) => c === 10 || c === 13;

/** Whether a key or header name names a credential. */
export function sensitiveName(name: string): boolean {
  return name.length >= 3 && SENSITIVE.test(name.toLowerCase());
}

/** The end of a quoted value opened at `at` (the quote itself, or `\` of an escaped `\"`). */
function quotedEnd(text: string, at: number): number {
  const escaped = text.charCodeAt(at) === 92;
  const quote = text.charCodeAt(escaped ? at + 1 : at);
  let i = escaped ? at + 2 : at + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isEol(c)) return i;
    if (escaped) {
      if (c === 92 && text.charCodeAt(i + 1) === quote) return i;
      if (c === 92) i++;
    } else {
      if (c === quote) return i;
      if (c === 92) i++;
    }
    i++;
  }
  return text.length;
}

/** `name=value`, `name: value`, `"name": "value"` at the separator `sep`; the value's range or undefined. */
function keyValue(text: string, sep: number): Range | undefined {
  // Back over blanks and a closing quote to the name.
  let j = sep - 1;
  while (j >= 0 && sep - j <= 8 && isBlank(text.charCodeAt(j))) j--;
  let quoted = false;
  const q = text.charCodeAt(j);
  if (q === 34 || q === 39) {
    quoted = true;
    j--;
    if (text.charCodeAt(j) === 92) j--;
  }
  const nameEnd = j + 1;
  while (j >= 0 && nameEnd - j <= MAX_NAME && isNameChar(text.charCodeAt(j))) j--;
  const nameStart = j + 1;
  if (nameStart === nameEnd || !sensitiveName(text.slice(nameStart, nameEnd))) return undefined;
  // Forward over blanks to the value.
  let i = sep + 1;
  while (i < text.length && i - sep <= 8 && isBlank(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (
    c === 34 ||
    c === 39 ||
    (c === 92 && (text.charCodeAt(i + 1) === 34 || text.charCodeAt(i + 1) === 39))
  ) {
    const open = c === 92 ? 2 : 1;
    const end = quotedEnd(text, i);
    return end > i + open ? [i + open, end] : undefined;
  }
  let end = i;
  const colon = text.charCodeAt(sep) === 58;
  while (end < text.length) {
    const d = text.charCodeAt(end);
    if (isEol(d) || d === 0) break;
    // A header's value runs to the end of the line; an assignment's to the next separator.
    if (!colon || quoted) {
      if (d === 38 || d === 32 || d === 9 || d === 34 || d === 39 || d === 59 || d === 44) break;
      if (quoted && (d === 125 || d === 93)) break;
    }
    end++;
  }
  return end > i ? [i, end] : undefined;
}

/** `scheme://user:password@`: the password, for the `://` at `at`. */
function userinfo(text: string, at: number): Range | undefined {
  const start = at + 3;
  let colon = -1;
  for (let i = start; i < text.length && i - start <= MAX_USERINFO; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 /* @ */) return colon >= 0 && i > colon + 1 ? [colon + 1, i] : undefined;
    if (c === 47 || c === 63 || c === 35 || c <= 32 || c === 34 || c === 39) return undefined;
    if (c === 58 && colon < 0) colon = i;
  }
  return undefined;
}

/** Whether `word` (upper case) is at text[at], in any case. */
function wordAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(at + k);
    const w = word.charCodeAt(k);
    if (c !== w && !(w >= 65 && w <= 90 && c === w + 32)) return false;
  }
  return true;
}

const isWordChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95;

/** The end of a run of word characters from `at`, at most `max` long; -1 when longer. */
function wordEnd(text: string, at: number, max: number): number {
  let i = at;
  while (i < text.length && isWordChar(text.charCodeAt(i))) {
    if (i - at >= max) return -1;
    i++;
  }
  return i;
}

/** A line of a line protocol (Redis inline, SMTP, FTP, POP3, IMAP) at `at`: what follows its command. */
function commandLine(text: string, at: number): Range | undefined {
  let from = -1;
  if (wordAt(text, at, "AUTH ")) {
    from = at + 5;
    // SMTP's `AUTH PLAIN <b64>`: the mechanism's name stays.
    const end = wordEnd(text, from, 32);
    if (end > from && SASL.test(text.slice(from, end).toUpperCase())) from = end;
  } else if (wordAt(text, at, "PASS ") || wordAt(text, at, "APOP ")) from = at + 5;
  else {
    // IMAP: `tag LOGIN user pass`, `tag AUTHENTICATE mech initial-response`.
    const tag = wordEnd(text, at, 20);
    if (tag <= at || text.charCodeAt(tag) !== 32) return undefined;
    if (wordAt(text, tag + 1, "LOGIN ")) from = tag + 7;
    else if (wordAt(text, tag + 1, "AUTHENTICATE ")) {
      const end = wordEnd(text, tag + 14, 32);
      if (end > tag + 14 && text.charCodeAt(end) === 32) from = end + 1;
    }
  }
  if (from < 0) return undefined;
  let end = from;
  while (end < text.length && !isEol(text.charCodeAt(end))) end++;
  while (from < end && isBlank(text.charCodeAt(from))) from++;
  return end > from ? [from, end] : undefined;
}

/** RESP: the bulk strings (at most two: user and password) after the `AUTH` bulk string ending at `at`. */
function respAuth(text: string, at: number, out: Range[]): number {
  let i = at;
  for (let n = 0; n < 2 && text.charCodeAt(i) === 36 /* $ */; n++) {
    let j = i + 1;
    while (j < text.length && j - i <= 10 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j === i + 1 || text.charCodeAt(j) !== 13 || text.charCodeAt(j + 1) !== 10) break;
    const len = Number(text.slice(i + 1, j));
    const start = j + 2;
    const end = Math.min(text.length, start + len);
    if (end > start) out.push([start, end]);
    i = end + 2;
  }
  return i;
}

/** The credentials in `text`, in order, not overlapping. */
export function secretRanges(text: string): Range[] {
  const found: Range[] = [];
  // Separators: `=`, `:` (keys and headers; `://` for URLs).
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 61 && c !== 58) continue;
    if (c === 58 && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) {
      const r = userinfo(text, i);
      if (r) {
        found.push(r);
        i = r[1];
      }
      continue;
    }
    // Only after a name, a quote or a blank can there be a key.
    const p = text.charCodeAt(i - 1);
    if (!(isNameChar(p) || p === 34 || p === 39 || isBlank(p))) continue;
    const r = keyValue(text, i);
    if (r) {
      found.push(r);
      i = r[1] - 1;
    }
  }
  // Line protocols: at the start of the text and of each line.
  for (let at = 0; at < text.length; ) {
    const r = commandLine(text, at);
    if (r) found.push(r);
    const nl = text.indexOf("\n", at);
    if (nl < 0) break;
    at = nl + 1;
  }
  // RESP: `$4\r\nAUTH\r\n` then the arguments.
  if (text.length >= 8) {
    const lower = text.toLowerCase();
    for (let at = lower.indexOf("\r\nauth\r\n"); at >= 0; at = lower.indexOf("\r\nauth\r\n", at + 1)) {
      if (lower.charCodeAt(at - 1) !== 52 /* 4 */ || lower.charCodeAt(at - 2) !== 36 /* $ */) continue;
      respAuth(text, at + 8, found);
    }
  }
  return merge(found);
}

function merge(ranges: Range[]): Range[] {
  if (ranges.length < 2) return ranges;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const MASK = "***";
/** Nothing to look at without one of these: a separator, or a line protocol's command. */
const HINT = /[=:]|auth|pass|apop|login/i;

/** Masks credentials in text; returns the same string when there is nothing to mask. */
export function maskSecrets(text: string): string {
  if (!HINT.test(text)) return text;
  const ranges = secretRanges(text);
  if (ranges.length === 0) return text;
  let out = "";
  let at = 0;
  for (const [s, e] of ranges) {
    out += text.slice(at, s) + MASK;
    at = e;
  }
  return out + text.slice(at);
}
