// What the kernel did for the selected event: the one-line summary at brief, the kernel path, the
// wire, the notes and the layers when expanded. Gets wrapped lines and shows the rows that fit,
// from a scroll offset; the rule above says where it is.
import { Box, Text } from "ink";
import { TONE_COLOR } from "./EventLine.js";
import { displayWidth } from "./text-width.js";
import { type PaneLine, paneWindow } from "./view-model.js";

export interface ExplainPaneProps {
  title: string;
  lines: readonly PaneLine[];
  /** Rows available for the lines. */
  rows: number;
  offset: number;
  width: number;
}

export function ExplainPane({ title, lines, rows, offset, width }: ExplainPaneProps) {
  const { shown, from } = paneWindow(lines, rows, offset);
  const position =
    shown.length < lines.length
      ? ` · lines ${from + 1}–${from + shown.length} of ${lines.length}, J/K scroll`
      : "";
  const rule = `── ${title}${position} `;
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {rule}
        {"─".repeat(Math.max(0, width - displayWidth(rule)))}
      </Text>
      {shown.map((l, i) => (
        // Lines have no identity of their own: the pane is redrawn whole for each event.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={from + i} wrap="truncate-end" color={TONE_COLOR[l.tone]} dimColor={l.tone === "dim"}>
          {l.text || " "}
        </Text>
      ))}
    </Box>
  );
}
