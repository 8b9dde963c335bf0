// DNS messages as a resolver sends and receives them (RFC 1035 section 4.1: a 12-byte header, the
// questions, then answer records; names are labels with compression pointers, section 4.1.4).
// Only what naming a connection needs: the question, and the A, AAAA and CNAME answers. A message
// cut short (strace's -s) gives what was read before the cut and says it was cut.

export interface DnsAnswer {
  name: string;
  type: "A" | "AAAA" | "CNAME";
  /** An address (A, AAAA) or the canonical name (CNAME). */
  data: string;
}

export interface DnsMessage {
  id: number;
  response: boolean;
  /** The first question's name, lower-cased, without the trailing dot. */
  question?: string;
  answers: DnsAnswer[];
  /** The message ended before all its records were read. */
  cut: boolean;
}

const TYPE_A = 1;
const TYPE_CNAME = 5;
const TYPE_AAAA = 28;

/** A name at `at`: its text and where the bytes after it start (pointers followed, loops refused). */
function readName(b: Uint8Array, at: number): { name: string; next: number } | undefined {
  const labels: string[] = [];
  let p = at;
  let next: number | undefined;
  for (let hops = 0; hops < 64; hops++) {
    if (p >= b.length) return undefined;
    const len = b[p] as number;
    if (len === 0) {
      return { name: labels.join(".").toLowerCase(), next: next ?? p + 1 };
    }
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= b.length) return undefined;
      next ??= p + 2;
      p = ((len & 0x3f) << 8) | (b[p + 1] as number);
      continue;
    }
    if (len > 63 || p + 1 + len > b.length) return undefined;
    let label = "";
    for (let i = p + 1; i <= p + len; i++) label += String.fromCharCode(b[i] as number);
    labels.push(label);
    p += 1 + len;
  }
  return undefined;
}

function ipv6Text(b: Uint8Array, at: number): string {
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2)
    words.push((((b[at + i] as number) << 8) | (b[at + i + 1] as number)).toString(16));
  // The shortest form, as inet_ntop writes it: the longest run of zero words becomes "::".
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return words.join(":");
  return `${words.slice(0, best).join(":")}::${words.slice(best + bestLen).join(":")}`;
}

/** A DNS message; undefined when the bytes cannot be one (shorter than a header, no question). */
export function parseDns(b: Uint8Array): DnsMessage | undefined {
  if (b.length < 12) return undefined;
  const u16 = (at: number) => (((b[at] as number) << 8) | (b[at + 1] as number)) >>> 0;
  const id = u16(0);
  const flags = u16(2);
  const qd = u16(4);
  const an = u16(6);
  // A standard query or answer (opcode 0) with one question: anything else is not a lookup.
  if (((flags >> 11) & 0xf) !== 0 || qd !== 1) return undefined;
  const message: DnsMessage = { id, response: (flags & 0x8000) !== 0, answers: [], cut: false };
  const q = readName(b, 12);
  if (q === undefined || q.next + 4 > b.length) return { ...message, cut: true };
  message.question = q.name;
  let p = q.next + 4;
  for (let i = 0; i < an; i++) {
    const rr = readName(b, p);
    if (rr === undefined || rr.next + 10 > b.length) return { ...message, cut: true };
    const type = u16(rr.next);
    const length = u16(rr.next + 8);
    const data = rr.next + 10;
    if (data + length > b.length) return { ...message, cut: true };
    if (type === TYPE_A && length === 4)
      message.answers.push({
        name: rr.name,
        type: "A",
        data: Array.from(b.subarray(data, data + 4)).join("."),
      });
    else if (type === TYPE_AAAA && length === 16)
      message.answers.push({ name: rr.name, type: "AAAA", data: ipv6Text(b, data) });
    else if (type === TYPE_CNAME) {
      const target = readName(b, data);
      if (target !== undefined) message.answers.push({ name: rr.name, type: "CNAME", data: target.name });
    }
    p = data + length;
  }
  return message;
}
