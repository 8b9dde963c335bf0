// Decodes a byte stream into UTF-8 text chunks; a character split across two chunks stays whole.
import type { Readable } from "node:stream";

/** UTF-8 text chunks of a readable, decoded across chunk boundaries. */
export async function* textChunks(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  for await (const chunk of stream) {
    const text = decoder.decode(chunk as Uint8Array, { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
