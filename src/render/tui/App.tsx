// The interactive view: the connection table pinned at the top, the events around the selection,
// the explanation of the selected event, and the key help. Holds the store and the keys; the parts
// below it get computed lines only.
import { Box, Text, useInput } from "ink";
import { useMemo, useRef, useState } from "react";
import type { TraceEvent as Event } from "../../core/events.js";
import { ConnectionTable } from "./ConnectionTable.js";
import { EventLine } from "./EventLine.js";
import { ExplainPane } from "./ExplainPane.js";
import { Footer } from "./Footer.js";
import { sanitizeText } from "./sanitize.js";
import { connectionRows, depthOf, selectedIndex, visibleEvents } from "./trace-store.js";
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
}

export function App({ events, onQuit, width, height }: AppProps) {
  const [state, dispatch] = useTraceStore(events);
  const terminal = useTerminalSize();
  const columns = width ?? terminal.columns;
  const rows = height ?? terminal.rows;
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

  const paneLines = wrapPane(explainLines(selected, depth), columns);
  const size = layout(rows, allRows.length, paneLines.length);

  // The table shows the chosen socket's neighbourhood, or the newest sockets.
  const chosen =
    state.connection === null ? allRows.length - 1 : allRows.findIndex((r) => r.id === state.connection);
  const tableWindow = windowAround(allRows.length, chosen, size.tableRows);
  const tableRows = allRows.slice(tableWindow.start, tableWindow.end);
  const table = connectionTable(tableRows, columns);

  const listWindow = windowAround(visible.length, at, size.listRows);
  const timed = state.origin !== undefined;

  useInput((input, key) => {
    if (key.ctrl && input === "c") {
      onQuit();
      return;
    }
    const prompt = promptRef.current;
    if (prompt !== null) {
      if (key.return) {
        dispatch({ kind: "filter", text: prompt });
        setPrompt(null);
      } else if (key.escape) setPrompt(null);
      else if (key.backspace || key.delete) setPrompt(prompt.slice(0, -1));
      else if (/^[\b\x7f]+$/.test(input)) setPrompt(prompt.slice(0, -input.length));
      else if (!key.ctrl && !key.meta && input) setPrompt(prompt + sanitizeText(input));
      return;
    }
    if (input === "q") onQuit();
    else if (input === "j" || key.downArrow) dispatch({ kind: "move", delta: 1 });
    else if (input === "k" || key.upArrow) dispatch({ kind: "move", delta: -1 });
    else if (key.pageDown || input === " ") dispatch({ kind: "move", delta: size.listRows });
    else if (key.pageUp || input === "b") dispatch({ kind: "move", delta: -size.listRows });
    else if (input === "g" || key.home) dispatch({ kind: "move", delta: Number.NEGATIVE_INFINITY });
    else if (input === "G" || key.end) dispatch({ kind: "move", delta: Number.POSITIVE_INFINITY });
    else if (key.return) dispatch({ kind: "toggle-expand" });
    else if (input === "/") setPrompt(state.filter);
    else if (input === "c") dispatch({ kind: "cycle-connection" });
    else if (input === "J") dispatch({ kind: "scroll-pane", delta: Math.max(1, size.paneRows - 1) });
    else if (input === "K") dispatch({ kind: "scroll-pane", delta: -Math.max(1, size.paneRows - 1) });
    else if (key.escape && state.filter) dispatch({ kind: "filter", text: "" });
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
      <Text bold wrap="truncate-end">
        {title}
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
              />
            ))
        )}
      </Box>
      <ExplainPane
        title={selected ? `${depth === "full" ? "full" : "brief"} · event ${selected.seq}` : "explanation"}
        lines={paneLines}
        rows={size.paneRows}
        offset={state.paneOffset}
        width={columns}
      />
      <Footer prompt={prompt} status={status} />
    </Box>
  );
}
