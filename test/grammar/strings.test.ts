// Byte strings that are not UTF-8 (an ICMP echo's identifier and checksum, binary protocols) keep
// every byte: in the decoded value, in the bytes read back from it, and in what the views print.
import { describe, expect, test } from "vitest";
import { scanString, stringBytes } from "../../src/grammar/strings.js";
import { quote } from "../../src/util/format-value.js";

describe("strings that are not UTF-8", () => {
  const text = String.raw`"\0\0\f\235\301\240\0\1ping é"`;
  const scanned = scanString(text, 0);

  test("each stray byte is kept, valid UTF-8 around it stays text", () => {
    expect(scanned?.bytes).toBe(15);
    expect(scanned?.value).toContain("ping é");
    expect(scanned?.value).not.toContain("\ufffd");
  });

  test("the bytes read back are the bytes strace printed, with or without the escaped text", () => {
    const want = [0, 0, 12, 0x9d, 0xc1, 0xa0, 0, 1, ...Buffer.from("ping é", "utf8")];
    expect([...stringBytes(scanned as { value: string; raw?: string })]).toEqual(want);
    expect([...stringBytes({ value: scanned?.value ?? "" })]).toEqual(want);
  });

  test("the views print them as \\xHH", () => {
    expect(quote(scanned?.value ?? "")).toBe(String.raw`"\x00\x00\x0c\x9d\xc1\xa0\x00\x01ping é"`);
  });
});
