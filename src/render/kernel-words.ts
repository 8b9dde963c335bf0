// The kernel's tcp_info in a person's words, for every view: one short phrase for a connection
// line, the few numbers a table column holds, and the summary's kernel section.
import { type KernelSummary, msText, rttText, rwndShare, type TcpKernelInfo } from "../core/kernel.js";

const ms = msText;

/** bits per second, as people read them. */
export function rate(bps: number): string {
  if (bps >= 1e9) return `${(bps / 1e9).toFixed(1)} Gbit/s`;
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(1)} Mbit/s`;
  if (bps >= 1e3) return `${(bps / 1e3).toFixed(1)} kbit/s`;
  return `${bps.toFixed(0)} bit/s`;
}

/** One phrase: "kernel: rtt 40.2 ms ±1.3, 3 segments retransmitted, cwnd 10, 1.2 Mbit/s, receive window limited 40% of busy time". */
export function kernelPhrase(k: TcpKernelInfo): string {
  const parts: string[] = [];
  const rtt = rttText(k);
  if (rtt !== undefined) parts.push(rtt);
  const retrans = k.retransmits ?? 0;
  parts.push(
    retrans === 0 ? "no retransmissions" : `${retrans} segment${retrans === 1 ? "" : "s"} retransmitted`,
  );
  if (k.backoff !== undefined && k.backoff > 0)
    parts.push(`${k.backoff} timeout${k.backoff === 1 ? "" : "s"} in a row`);
  if (k.cwnd !== undefined) parts.push(`cwnd ${k.cwnd}`);
  if (k.deliveryRate !== undefined && k.deliveryRate > 0) parts.push(rate(k.deliveryRate));
  const share = rwndShare(k);
  if (share !== undefined && share >= 0.01 && k.rwndLimitedMs !== undefined)
    parts.push(
      `held back by the receiver's window ${ms(k.rwndLimitedMs)} (${(share * 100).toFixed(0)}% of busy time)`,
    );
  if (k.sndbufLimitedMs !== undefined && k.sndbufLimitedMs > 0)
    parts.push(`send-buffer limited ${ms(k.sndbufLimitedMs)}`);
  return `kernel: ${parts.join(", ")}`;
}

/** Table cells: rtt (ms) and retransmitted segments, "-" when not known. */
export function kernelCells(k: TcpKernelInfo | undefined): [string, string] {
  if (k === undefined) return ["-", "-"];
  return [k.rttMs === undefined ? "-" : k.rttMs.toFixed(3), String(k.retransmits ?? 0)];
}

/** The summary's kernel section, one fact a line (text and Markdown share it). */
export function kernelSummaryLines(k: KernelSummary): { heading: string; lines: string[] } {
  const heading =
    k.scope === "namespace"
      ? "kernel (counters of the program's own network namespace)"
      : "kernel (machine-wide counters: other programs add to them too)";
  const lines: string[] = [];
  for (const l of k.listeners)
    lines.push(
      `listener ${l.local}: accept queue peaked at ${l.peak} of a backlog of ${l.backlog} (${l.samples} sample${l.samples === 1 ? "" : "s"})`,
    );
  if (k.counters.length > 0)
    lines.push(
      `counters that changed: ${k.counters.map((c) => `${c.group} ${c.name} +${c.delta}`).join(", ")}`,
    );
  else lines.push("no TCP error or overflow counter changed");
  for (const n of k.notes) lines.push(`not read: ${n}`);
  return { heading, lines };
}
