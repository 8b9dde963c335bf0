// The last row: the key help, or the filter prompt while one is being typed.
import { Text } from "ink";
import { displayWidth, truncateStartToWidth, truncateToWidth } from "./text-width.js";

export interface FooterProps {
  /** The filter being typed, or null when no prompt is open. */
  prompt: string | null;
  status: string;
  /** Terminal columns. */
  width: number;
}

/**
 * Every key the view handles (App.tsx), the most used first: a narrow terminal cuts the end off.
 * The arrows, PageUp/PageDown and Home/End do what j/k, b/space and g/G do.
 */
export const KEY_HELP =
  "q quit · j/k move · enter explain · / filter · c socket · esc clear filters · J/K scroll · space/b page · g/G top/end";

const PROMPT_HELP = " enter apply · esc cancel";

export function Footer({ prompt, status, width }: FooterProps) {
  if (prompt !== null) {
    // The end of a long filter stays in view (that is where the typing goes); the help goes first.
    const shown = truncateStartToWidth(prompt, width - 2);
    const room = width - 2 - displayWidth(shown);
    return (
      <Text wrap="truncate-end">
        <Text color="cyan">/</Text>
        {shown}
        <Text inverse> </Text>
        <Text dimColor>{room >= displayWidth(PROMPT_HELP) ? PROMPT_HELP : ""}</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" dimColor>
      {truncateToWidth(`${status ? `${status} · ` : ""}${KEY_HELP}`, width)}
    </Text>
  );
}
