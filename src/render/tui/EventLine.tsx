// One event in the list: a selection mark, the time since the first event, the pid and the call.
import { Text } from "ink";
import { truncateToWidth } from "./text-width.js";
import type { EventLineModel, Tone } from "./view-model.js";

export const TONE_COLOR: Record<Tone, string | undefined> = {
  normal: undefined,
  error: "red",
  warning: "yellow",
  info: "cyan",
  dim: undefined,
};

export interface EventLineProps {
  line: EventLineModel;
  selected: boolean;
  /** Show the time column (the trace has times). */
  timed: boolean;
  /** Terminal columns: the line is cut here (ink's own cut can leave a wide character over the edge). */
  width: number;
}

export function EventLine({ line, selected, timed, width }: EventLineProps) {
  const time = timed ? `${line.time.padStart(11)} ` : "";
  const prefix = `${selected ? "> " : "  "}${time}${line.pid.padEnd(7)} `;
  return (
    <Text wrap="truncate-end" inverse={selected} color={TONE_COLOR[line.tone]} dimColor={line.tone === "dim"}>
      {truncateToWidth(`${prefix}${line.text}`, width)}
    </Text>
  );
}
