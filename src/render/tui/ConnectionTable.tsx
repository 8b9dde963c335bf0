// The sockets of the trace, pinned above the event list: live state, bytes each way and, once the
// last reference closed, how it ended. The row of the socket the list is narrowed to is highlighted.
import { Box, Text } from "ink";

export interface ConnectionTableProps {
  header: string;
  /** The rows on screen, already formatted to the width. */
  rows: readonly { id: number; text: string; open: boolean }[];
  /** The socket the event list shows, if any. */
  selected: number | null;
}

export function ConnectionTable({ header, rows, selected }: ConnectionTableProps) {
  if (rows.length === 0) {
    return <Text dimColor>no sockets yet</Text>;
  }
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {header}
      </Text>
      {rows.map((r) => (
        <Text
          key={r.id}
          wrap="truncate-end"
          inverse={r.id === selected}
          color={r.open ? "green" : undefined}
          dimColor={!r.open && r.id !== selected}
        >
          {r.text}
        </Text>
      ))}
    </Box>
  );
}
