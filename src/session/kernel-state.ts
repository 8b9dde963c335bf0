// The kernel's view beside a live trace: the collector (src/kernel/collector.ts) reads it, the join
// (src/kernel/join.ts) puts it on the trace's connections, and this generator runs the two beside
// the pipeline's batches, with the time and the timer the pure join leaves to its caller.
import type { TraceEvent } from "../core/events.js";
import type { KernelSummary, TcpKernelInfo } from "../core/kernel.js";
import { createKernelJoin, type KernelRecord } from "../kernel/join.js";

/** What the join needs of a collector (src/kernel/collector.ts gives it). */
export interface KernelSource {
  onSocket(listener: (record: KernelRecord) => void): void;
  watchListener(local: string): void;
  finish(pending: ReadonlyArray<{ local: string; remote: string }>): Promise<{
    sockets: Array<{ local: string; remote: string; info: TcpKernelInfo }>;
    summary: KernelSummary;
  }>;
  close(): void;
}

/**
 * The pipeline's batches with the kernel's facts joined in. A wait for either the next batch or a
 * record is a promise of its own each time (never a race against a long-lived promise, which
 * would keep every batch: see until() in src/trace/session.ts).
 */
export async function* withKernelState(
  batches: AsyncIterable<TraceEvent[]>,
  source: KernelSource,
  options: { somaxconn?: number; holdMs?: number } = {},
): AsyncGenerator<TraceEvent[]> {
  const join = createKernelJoin({
    onListener: (local) => source.watchListener(local),
    ...(options.somaxconn !== undefined ? { somaxconn: options.somaxconn } : {}),
    ...(options.holdMs !== undefined ? { holdMs: options.holdMs } : {}),
  });
  const ready: TraceEvent[] = [];
  let wake: (() => void) | undefined;
  source.onSocket((record) => {
    ready.push(...join.socket(record, Date.now()));
    wake?.();
  });
  const it = batches[Symbol.asyncIterator]();
  let reading = false;
  let result: IteratorResult<TraceEvent[]> | undefined;
  let failure: { error: unknown } | undefined;
  try {
    for (;;) {
      if (!reading) {
        reading = true;
        it.next().then(
          (r) => {
            result = r;
            wake?.();
          },
          (error: unknown) => {
            failure = { error };
            wake?.();
          },
        );
      }
      const deadline = join.deadline;
      if (result === undefined && failure === undefined && ready.length === 0) {
        await new Promise<void>((resolve) => {
          const timer =
            deadline === undefined ? undefined : setTimeout(resolve, Math.max(0, deadline - Date.now()));
          wake = () => {
            if (timer !== undefined) clearTimeout(timer);
            resolve();
          };
        });
      }
      wake = undefined;
      if (failure !== undefined) throw failure.error;
      const now = Date.now();
      if (result !== undefined) {
        const r = result;
        result = undefined;
        reading = false;
        if (r.done === true) break;
        ready.push(...join.events(r.value, now));
      } else ready.push(...join.tick(now));
      if (ready.length > 0) yield ready.splice(0);
    }
    const facts = await source.finish(join.pending()).catch(() => undefined);
    const rest = [...ready.splice(0), ...join.finish(facts)];
    if (rest.length > 0) yield rest;
  } finally {
    source.close();
  }
}
