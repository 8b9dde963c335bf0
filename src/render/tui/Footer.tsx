// The last row: the key help, or the filter prompt while one is being typed.
import { Text } from "ink";

export interface FooterProps {
  /** The filter being typed, or null when no prompt is open. */
  prompt: string | null;
  status: string;
}

export const KEY_HELP = "j/k move · enter explain · J/K scroll · / filter · c socket · g/G top/end · q quit";

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
