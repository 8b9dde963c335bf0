// What the kernel did for the selected event: the one-line summary at brief, the kernel path, the
// wire, the notes and the layers when expanded. Gets wrapped lines and shows as many as fit.
import { Box, Text } from "ink";
import { TONE_COLOR } from "./EventLine.js";
import type { PaneLine } from "./view-model.js";

export interface ExplainPaneProps {
  title: string;
  lines: readonly PaneLine[];
  /** Rows available for the lines. */
  rows: number;
  width: number;
}

export function ExplainPane({ title, lines, rows, width }: ExplainPaneProps) {
  const cut = lines.length > rows;
  const shown = cut ? lines.slice(0, Math.max(0, rows - 1)) : lines;
  const rule = `── ${title} `;
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {rule}
        {"─".repeat(Math.max(0, width - rule.length))}
      </Text>
      {shown.map((l, i) => (
        // Lines have no identity of their own: the pane is redrawn whole for each event.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={i} wrap="truncate-end" color={TONE_COLOR[l.tone]} dimColor={l.tone === "dim"}>
          {l.text || " "}
        </Text>
      ))}
      {cut ? (
        <Text dimColor wrap="truncate-end">
          … {lines.length - shown.length} more lines (a taller terminal shows them)
        </Text>
      ) : null}
    </Box>
  );
}
