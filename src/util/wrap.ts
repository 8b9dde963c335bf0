// Word-wraps text to a width, with an indent for every line (escape codes are not expected here:
// wrap first, colour after).
export function wrap(text: string, width: number, indent: string): string[] {
  const room = Math.max(20, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      if (word === "") continue;
      if (line.length > 0 && line.length + 1 + word.length > room) {
        lines.push(indent + line);
        line = word;
      } else line = line.length > 0 ? `${line} ${word}` : word;
      while (line.length > room) {
        lines.push(indent + line.slice(0, room));
        line = line.slice(room);
      }
    }
    lines.push(indent + line);
  }
  return lines;
}
