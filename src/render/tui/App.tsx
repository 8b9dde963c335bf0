// The interactive view: the connection table pinned at the top, the events around the selection,
// the explanation of the selected event, and the key help. Holds the store and the keys; the parts
// below it get computed lines only.
import { Box, Text, useInput } from "ink";
import { useMemo, useRef, useState } from "react";
import type { TraceEvent as Event } from "../../core/events.js";
import type { Lesson } from "../../lessons/lesson.js";
import { ConnectionTable } from "./ConnectionTable.js";
import { EventLine } from "./EventLine.js";
import { ExplainPane } from "./ExplainPane.js";
import { Footer } from "./Footer.js";
import { type KeyPress, keyPresses } from "./keys.js";
import { factSteps, factsAt, jumpToFact, storyLines } from "./lesson-view.js";
import { sanitizeText } from "./sanitize.js";
import { truncateToWidth } from "./text-width.js";
import {
  connectionRows,
  depthOf,
  reduceTrace,
  selectedIndex,
  type TraceAction,
  visibleEvents,
} from "./trace-store.js";
import { useTerminalSize } from "./use-terminal-size.js";
import { useTraceStore } from "./use-trace-store.js";
import { connectionTable, eventLine, explainLines, layout, windowAround, wrapPane } from "./view-model.js";

const MIN_COLUMNS = 40;
const MIN_ROWS = 10;

export interface AppProps {
  events: AsyncIterable<Event>;
  /** The user pressed q (or Ctrl-C). */
  onQuit: () => void;
  /** Fixed size (tests); by default the terminal's, following resizes. */
  width?: number;
  height?: number;
  /** sockscope lesson NAME --tui: the lesson told around the trace (n/p key steps, f the story). */
  lesson?: Lesson;
}

/** The rows the lesson's header takes: its title and the start of what to look at. */
const LESSON_ROWS = 2;

export function App({ events, onQuit, width, height, lesson }: AppProps) {
  const [state, dispatch] = useTraceStore(events);
  const terminal = useTerminalSize();
  const columns = width ?? terminal.columns;
  const rows = (height ?? terminal.rows) - (lesson === undefined ? 0 : LESSON_ROWS);
  const [story, setStory] = useState(false);
  // The filter being typed after `/` (null: no prompt). Keys read the ref: a key that arrives right
  // after another, before React re-subscribed the handler, must still see the prompt.
  const [prompt, setPromptState] = useState<string | null>(null);
  const promptRef = useRef<string | null>(null);
  const setPrompt = (text: string | null) => {
    promptRef.current = text;
    setPromptState(text);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only these fields decide what is visible
  const visible = useMemo(() => visibleEvents(state), [state.events, state.filter, state.connection]);
  const at = selectedIndex(state, visible);
  const selected = visible[at];
  const depth = depthOf(state, selected);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the rows come from the connections only
  const allRows = useMemo(() => connectionRows(state), [state.connections]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the facts depend on the events only
  const facts = useMemo(() => lesson?.facts(state.events) ?? [], [state.events]);
  const steps = factSteps(facts);
  const here = factsAt(facts, selected?.seq).map((f) => ({
    text: `★ key fact: ${f.text}`,
    tone: "info" as const,
    indent: 2,
  }));
  const paneLines = wrapPane(
    lesson !== undefined && story
      ? storyLines(lesson, facts, state.ended)
      : [...here, ...explainLines(selected, depth)],
    columns,
  );
  const size = layout(rows, allRows.length, paneLines.length);

  // The table shows the chosen socket's neighbourhood, or the newest sockets.
  const chosen =
    state.connection === null ? allRows.length - 1 : allRows.findIndex((r) => r.id === state.connection);
  const tableWindow = windowAround(allRows.length, chosen, size.tableRows);
  const tableRows = allRows.slice(tableWindow.start, tableWindow.end);
  const table = connectionTable(tableRows, columns);

  const listWindow = windowAround(visible.length, at, size.listRows);
  const timed = state.origin !== undefined;

  // The state as the keys have left it: several keys can arrive before React renders again (one
  // chunk of "jjq/foo\r", or chunks read back to back), and a key must see what the keys before it
  // did. Actions still go to the reducer, which applies them in order to the real state.
  const latest = useRef(state);
  latest.current = state;
  const act = (action: TraceAction) => {
    latest.current = reduceTrace(latest.current, action);
    dispatch(action);
  };
  const page = size.listRows;
  const paneStep = Math.max(1, size.paneRows - 1);

  /** One key; false when it quit (the keys after it are not handled). */
  const handle = (press: KeyPress): boolean => {
    const name = "name" in press ? press.name : undefined;
    const char = "char" in press ? press.char : undefined;
    if (name === "interrupt") {
      onQuit();
      return false;
    }
    const prompt = promptRef.current;
    if (prompt !== null) {
      if (name === "return") {
        act({ kind: "filter", text: prompt });
        setPrompt(null);
      } else if (name === "escape") setPrompt(null);
      else if (name === "backspace") setPrompt([...prompt].slice(0, -1).join(""));
      else if (char !== undefined) setPrompt(prompt + sanitizeText(char));
      return true;
    }
    if (char === "q") {
      onQuit();
      return false;
    }
    if (char === "j" || name === "down") act({ kind: "move", delta: 1 });
    else if (char === "k" || name === "up") act({ kind: "move", delta: -1 });
    else if (char === " " || name === "pagedown") act({ kind: "move", delta: page });
    else if (char === "b" || name === "pageup") act({ kind: "move", delta: -page });
    else if (char === "g" || name === "home") act({ kind: "move", delta: Number.NEGATIVE_INFINITY });
    else if (char === "G" || name === "end") act({ kind: "move", delta: Number.POSITIVE_INFINITY });
    else if (name === "return") act({ kind: "toggle-expand" });
    else if (char === "/") setPrompt(latest.current.filter);
    else if (char === "c") act({ kind: "cycle-connection" });
    else if (name === "escape") act({ kind: "clear-filters" });
    else if (char === "J") act({ kind: "scroll-pane", delta: paneStep });
    else if (char === "K") act({ kind: "scroll-pane", delta: -paneStep });
    else if (lesson !== undefined && (char === "n" || char === "p")) {
      const from = visible[selectedIndex(latest.current, visible)]?.seq;
      const to = jumpToFact(visible, steps, from, char === "n" ? 1 : -1);
      if (to !== undefined) act({ kind: "move", delta: to - selectedIndex(latest.current, visible) });
    } else if (lesson !== undefined && char === "f") {
      setStory((on) => !on);
      act({ kind: "scroll-pane", delta: Number.NEGATIVE_INFINITY });
    }
    return true;
  };

  useInput((input, key) => {
    for (const press of keyPresses(input, key)) if (!handle(press)) return;
  });

  const status = state.error
    ? `stream failed: ${sanitizeText(state.error)}`
    : state.ended
      ? "trace finished"
      : "tracing…";
  const title = [
    `sockscope · ${visible.length}${visible.length !== state.events.length ? ` of ${state.events.length}` : ""} events`,
    state.dropped > 0 ? `(${state.dropped} older dropped)` : "",
    `· ${allRows.length} socket${allRows.length === 1 ? "" : "s"}${tableRows.length < allRows.length ? ` (${tableRows.length} shown)` : ""}`,
    state.connection !== null ? `· conn#${state.connection}` : "",
    state.filter ? `· filter "${sanitizeText(state.filter)}"` : "",
    state.follow ? "· following" : "",
  ]
    .filter(Boolean)
    .join(" ");

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Text wrap="truncate-end">
        terminal too small for sockscope (needs {MIN_COLUMNS}×{MIN_ROWS}) · q quits
      </Text>
    );
  }
  return (
    <Box flexDirection="column" width={columns}>
      {lesson !== undefined ? (
        <>
          <Text bold color="cyan" wrap="truncate-end">
            {truncateToWidth(
              `Lesson ${lesson.order}: ${lesson.title} · n/p next/previous key step (${steps.length}) · f ${story ? "back to the call" : "the story: facts, questions"}`,
              columns,
            )}
          </Text>
          <Text wrap="truncate-end">{truncateToWidth(lesson.intro[0] ?? "", columns)}</Text>
        </>
      ) : null}
      <Text bold wrap="truncate-end">
        {truncateToWidth(title, columns)}
      </Text>
      <ConnectionTable
        header={table.header}
        rows={tableRows.map((r, i) => ({
          id: r.id,
          text: table.lines[i] ?? "",
          open: r.outcome === undefined,
        }))}
        selected={state.connection}
      />
      <Box flexDirection="column" height={size.listRows}>
        {visible.length === 0 ? (
          <Text dimColor>
            {state.events.length > 0 ? "no events match" : state.ended ? "no events" : "waiting for events…"}
          </Text>
        ) : (
          visible
            .slice(listWindow.start, listWindow.end)
            .map((e) => (
              <EventLine
                key={e.seq}
                line={eventLine(e, state.origin)}
                selected={e === selected}
                timed={timed}
                width={columns}
              />
            ))
        )}
      </Box>
      <ExplainPane
        title={
          lesson !== undefined && story
            ? "the lesson (f: back to the call)"
            : selected
              ? `${depth === "full" ? "full" : "brief"} · event ${selected.seq}`
              : "explanation"
        }
        lines={paneLines}
        rows={size.paneRows}
        offset={state.paneOffset}
        width={columns}
      />
      <Footer prompt={prompt} status={status} width={columns} />
    </Box>
  );
}
