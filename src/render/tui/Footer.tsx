// The last row: the key help, or the filter prompt while one is being typed.
import { Text } from "ink";

export interface FooterProps {
  /** The filter being typed, or null when no prompt is open. */
  prompt: string | null;
  status: string;
}

/**
 * Every key the view handles (App.tsx), the most used first: a narrow terminal cuts the end off.
 * The arrows, PageUp/PageDown and Home/End do what j/k, b/space and g/G do.
 */
export const KEY_HELP =
  "q quit · j/k move · enter explain · / filter · c socket · esc clear filters · J/K scroll · space/b page · g/G top/end";

export function Footer({ prompt, status }: FooterProps) {
  if (prompt !== null) {
    return (
      <Text wrap="truncate-end">
        <Text color="cyan">/</Text>
        {prompt}
        <Text inverse> </Text>
        <Text dimColor> enter apply · esc cancel</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" dimColor>
      {status ? `${status} · ` : ""}
      {KEY_HELP}
    </Text>
  );
}
