// Subscribes to the event stream and feeds the reducer: events are gathered for a few milliseconds
// and dispatched as one batch, so a fast trace renders a handful of frames, not one per event.
// Unmounting stops reading (the iterator's return()).
import { type Dispatch, useEffect, useReducer } from "react";
import type { TraceEvent as Event } from "../../core/events.js";
import { initialTraceState, reduceTrace, type TraceAction, type TraceState } from "./trace-store.js";

const BATCH_MS = 30;

export function useTraceStore(events: AsyncIterable<Event>): [TraceState, Dispatch<TraceAction>] {
  const [state, dispatch] = useReducer(reduceTrace, initialTraceState);
  useEffect(() => {
    let stopped = false;
    let pending: Event[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (stopped || pending.length === 0) return;
      const batch = pending;
      pending = [];
      dispatch({ kind: "events", events: batch });
    };
    const iterator = events[Symbol.asyncIterator]();
    void (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (stopped) return;
          if (next.done) break;
          pending.push(next.value);
          timer ??= setTimeout(flush, BATCH_MS);
        }
        flush();
        if (!stopped) dispatch({ kind: "end" });
      } catch (err) {
        flush();
        if (!stopped) dispatch({ kind: "end", error: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      iterator.return?.()?.catch(() => {});
    };
  }, [events]);
  return [state, dispatch];
}
