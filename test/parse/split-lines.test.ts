import { describe, expect, test } from "vitest";
import { createLineSplitter, LINE_HEAD, MAX_LINE } from "../../src/parse/split-lines.js";
import { chunksOf, logLines, readLog, splitAt, splitChunks } from "../helpers/fixtures.js";

const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

describe("createLineSplitter", () => {
  test("empty input gives no lines, and so does an empty chunk", () => {
    const splitter = createLineSplitter();
    expect(splitter.push("")).toEqual([]);
    expect(splitter.push("")).toEqual([]);
    expect(splitter.flush()).toEqual([]);
  });

  test("only newlines give that many empty lines, numbered from 1", () => {
    expect(splitChunks(["\n\n\n"])).toEqual([
      { text: "", lineNo: 1 },
      { text: "", lineNo: 2 },
      { text: "", lineNo: 3 },
    ]);
    expect(splitChunks(["\n", "\n", "", "\n"]).map((l) => l.lineNo)).toEqual([1, 2, 3]);
  });

  test("a complete line comes out of push, not flush", () => {
    const splitter = createLineSplitter();
    expect(splitter.push("8195  alarm(5)                          = 0\n")).toEqual([
      { text: "8195  alarm(5)                          = 0", lineNo: 1 },
    ]);
    expect(splitter.flush()).toEqual([]);
  });

  test("a line split across chunks waits for its newline", () => {
    const splitter = createLineSplitter();
    expect(splitter.push("8195  socket(AF_INET, SOCK_")).toEqual([]);
    expect(splitter.push("STREAM, IPPROTO_IP)")).toEqual([]);
    expect(splitter.push(" = 3\n8195  listen(3, 4)")).toEqual([
      { text: "8195  socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3", lineNo: 1 },
    ]);
    expect(splitter.push(" = 0\n")).toEqual([{ text: "8195  listen(3, 4) = 0", lineNo: 2 }]);
    expect(splitter.flush()).toEqual([]);
  });

  test("a chunk boundary right after a newline and right before one", () => {
    expect(texts(splitChunks(["a\n", "b", "\nc\n"]))).toEqual(["a", "b", "c"]);
    expect(texts(splitChunks(["a", "\n", "\n", "b\n"]))).toEqual(["a", "", "b"]);
  });

  test("several lines in one chunk keep their numbers", () => {
    expect(splitChunks(["one\ntwo\nthree\n"])).toEqual([
      { text: "one", lineNo: 1 },
      { text: "two", lineNo: 2 },
      { text: "three", lineNo: 3 },
    ]);
  });

  test("CRLF line ends lose the carriage return", () => {
    expect(splitChunks(["a\r\nb\r\n"])).toEqual([
      { text: "a", lineNo: 1 },
      { text: "b", lineNo: 2 },
    ]);
  });

  test("CRLF with \\r and \\n in different chunks", () => {
    const splitter = createLineSplitter();
    expect(splitter.push("8195  alarm(5) = 0\r")).toEqual([]);
    expect(splitter.push("\n8195  listen(3, 4) = 0\r")).toEqual([{ text: "8195  alarm(5) = 0", lineNo: 1 }]);
    expect(splitter.push("\n")).toEqual([{ text: "8195  listen(3, 4) = 0", lineNo: 2 }]);
    expect(splitter.flush()).toEqual([]);
  });

  test("a chunk that is only \\r, then one that is only \\n", () => {
    expect(splitChunks(["x", "\r", "\n", "y\n"])).toEqual([
      { text: "x", lineNo: 1 },
      { text: "y", lineNo: 2 },
    ]);
  });

  test("a carriage return inside a line is kept", () => {
    expect(texts(splitChunks(["a\rb\n"]))).toEqual(["a\rb"]);
  });

  test("a final line with no newline is flushed, marked truncated, with the next number", () => {
    const splitter = createLineSplitter();
    expect(splitter.push('first\nsecond\nwrite(1, "no newline at the end", 21')).toEqual([
      { text: "first", lineNo: 1 },
      { text: "second", lineNo: 2 },
    ]);
    expect(splitter.flush()).toEqual([
      { text: 'write(1, "no newline at the end", 21', lineNo: 3, truncated: true },
    ]);
    // Nothing is left after a flush.
    expect(splitter.flush()).toEqual([]);
  });

  test("a final line with no newline that arrives in several chunks is flushed whole", () => {
    const lines = splitChunks(["ok\n", "8195  exit_gr", "oup(0", ")"]);
    expect(lines).toEqual([
      { text: "ok", lineNo: 1 },
      { text: "8195  exit_group(0)", lineNo: 2, truncated: true },
    ]);
  });

  test("a final lone \\r is a line end cut short, not a line", () => {
    expect(splitChunks(["a\n", "\r"])).toEqual([{ text: "a", lineNo: 1 }]);
  });

  test("a line just under the 1 MiB cap fed in 1 KB chunks comes out once, intact", () => {
    const body = "x".repeat(MAX_LINE - 64);
    const line = `8195  write(1, "${body}", ${body.length}) = ${body.length}`;
    const splitter = createLineSplitter();
    const out = [];
    for (const chunk of chunksOf(`${line}\nnext\n`, 1024)) out.push(...splitter.push(chunk));
    out.push(...splitter.flush());
    expect(out).toHaveLength(2);
    expect(out[0]?.lineNo).toBe(1);
    expect(out[0]?.text.length).toBe(line.length);
    expect(out[0]?.text === line).toBe(true);
    expect(out[1]).toEqual({ text: "next", lineNo: 2 });
  });

  test("a 5 MB line with no newline, in 1 KB chunks, is flushed truncated, its head kept", () => {
    const line = "y".repeat(5 * 1024 * 1024);
    const out = splitChunks(chunksOf(line, 1024));
    expect(out).toHaveLength(1);
    expect(out[0]?.truncated).toBe(true);
    expect(out[0]?.text.length).toBe(LINE_HEAD);
    expect(out[0]?.overlong).toBe(line.length);
  });

  test("a real log gives the same lines whole, in 1-byte, 7-byte and 4 KB chunks, and at odd cuts", () => {
    const name = "tcp-echo.err-yy-tt.strace";
    const text = readLog(name);
    const expected = logLines(name).map((t, i) => ({ text: t, lineNo: i + 1 }));
    expect(splitChunks([text])).toEqual(expected);
    expect(splitChunks(chunksOf(text, 1))).toEqual(expected);
    expect(splitChunks(chunksOf(text, 7))).toEqual(expected);
    expect(splitChunks(chunksOf(text, 4096))).toEqual(expected);
    expect(splitChunks(splitAt(text, [0, 1, 2, 500, 501, text.length - 1, text.length]))).toEqual(expected);
  });

  test("the same log with CRLF line ends gives the same lines, however it is cut", () => {
    const name = "unix.o-yy-tt-T.strace";
    const crlf = readLog(name).replaceAll("\n", "\r\n");
    const expected = logLines(name).map((t, i) => ({ text: t, lineNo: i + 1 }));
    expect(splitChunks([crlf])).toEqual(expected);
    expect(splitChunks(chunksOf(crlf, 1))).toEqual(expected);
    expect(splitChunks(chunksOf(crlf, 3))).toEqual(expected);
  });
});
