// Diagnostics from the kernel's own view (live traces with kernel state): what the trace alone
// cannot show, because the kernel did it after the call returned. Pure: connections with their
// final tcp_info, the listeners' sampled accept queues and the counter deltas in, findings out.
//
// The kernel side, checked against Linux 6.1 and 6.12:
// - retransmissions: tcp_retransmit_timer and tcp_fastretrans_alert (net/ipv4/tcp_timer.c,
//   tcp_input.c) resend unacknowledged segments; tcpi_total_retrans counts them per socket and
//   Tcp RetransSegs machine-wide. send() returned long before: the data was only queued.
// - accept queue: tcp_v4_syn_recv_sock / tcp_conn_request (net/ipv4/tcp_ipv4.c, tcp_input.c) refuse
//   a new connection while sk_acceptq_is_full(), counting LINUX_MIB_LISTENOVERFLOWS and
//   LINUX_MIB_LISTENDROPS; the SYN (or the handshake's last ACK) is dropped, not answered, so the
//   client retransmits its SYN after 1 s, then 3 s, 7 s… (tcp_syn_retries).
// - receive window: when the receiver's buffer fills because the program does not read, it
//   advertises a smaller and finally a zero window (__tcp_select_window, net/ipv4/tcp_output.c);
//   the sender's tcpi_rwnd_limited counts the time it had data but no window to send it in.
import type { ConnectionEvent, DiagnosticEvent } from "../core/events.js";
import type { CounterDelta, KernelSummary } from "../core/kernel.js";
import { rttText, rwndShare } from "../core/kernel.js";

export type KernelFinding = Omit<DiagnosticEvent, "seq">;

/** At most this many per-connection findings of one code (the rest are counted in one line). */
const MAX_PER_CODE = 20;
const STALL_MS = 100;
const STALL_SHARE = 0.2;

function ends(c: ConnectionEvent): string {
  return `${c.local?.text ?? "?"} -> ${c.remote?.text ?? "?"}`;
}

function counter(counters: readonly CounterDelta[], name: string): number {
  return counters.filter((c) => c.name === name).reduce((n, c) => n + c.delta, 0);
}

function whose(scope: KernelSummary["scope"]): string {
  return scope === "namespace"
    ? "counters of the program's own network namespace"
    : "machine-wide counters: other programs may have added to them";
}

export function kernelFindings(
  connections: readonly ConnectionEvent[],
  summary: KernelSummary | undefined,
  listeners: ReadonlyMap<string, ConnectionEvent | { id?: number; pid?: number; seq?: number }>,
  somaxconn: number | undefined,
): KernelFinding[] {
  const out: KernelFinding[] = [];
  const retrans = connections.filter((c) => (c.kernel?.retransmits ?? 0) > 0);
  for (const c of retrans.slice(0, MAX_PER_CODE)) {
    const k = c.kernel;
    if (k === undefined) continue;
    const n = k.retransmits ?? 0;
    const rtt = rttText(k);
    // While the receiver's window held the sender back, a segment sent again may be the kernel
    // probing a window that stayed shut, not a loss: say so, and make it only information.
    const held = (rwndShare(k) ?? 0) >= STALL_SHARE;
    out.push({
      type: "diagnostic",
      code: "tcp-retransmits",
      severity: held ? "info" : "warning",
      message:
        `The kernel retransmitted ${n} segment${n === 1 ? "" : "s"} of conn#${c.id} (${ends(c)}${rtt ? `, ${rtt}` : ""})` +
        `${k.backoff ? `, and ${k.backoff} retransmission timeout${k.backoff === 1 ? "" : "s"} fired in a row at the end` : ""}: ` +
        (held
          ? "while the receiver's window held the sender back (see receiver-stalled), so they may be probes of a window that stayed shut rather than losses. "
          : "segments or their acknowledgements were lost or late. ") +
        "The trace cannot show it: send() returned as soon as the data was queued, and the kernel resent it on its own.",
      fix: held
        ? "Nothing to fix on the network if the receiver's stall explains it; see receiver-stalled."
        : "On loopback something drops packets (a qdisc such as netem, a firewall rule, a full receive buffer: see RcvbufErrors); on a network, loss on the path. `ss -ti` shows it live; a program can read it with getsockopt(TCP_INFO).",
      pid: c.pid,
      socket: c.id,
      events: [c.seq],
    });
  }
  if (retrans.length > MAX_PER_CODE) {
    out.push({
      type: "diagnostic",
      code: "tcp-retransmits",
      severity: "warning",
      message: `${retrans.length - MAX_PER_CODE} more connections had retransmitted segments (the connection table lists them).`,
      fix: "See the first ones above.",
      events: [],
    });
  }

  const stalled = connections.filter((c) => {
    const k = c.kernel;
    const share = k === undefined ? undefined : rwndShare(k);
    return (
      k?.rwndLimitedMs !== undefined &&
      k.rwndLimitedMs >= STALL_MS &&
      share !== undefined &&
      share >= STALL_SHARE
    );
  });
  for (const c of stalled.slice(0, MAX_PER_CODE)) {
    const k = c.kernel;
    if (k?.rwndLimitedMs === undefined || k.busyMs === undefined) continue;
    out.push({
      type: "diagnostic",
      code: "receiver-stalled",
      severity: "warning",
      message:
        `conn#${c.id} (${ends(c)}) had data to send for ${k.busyMs.toFixed(0)} ms and spent ${k.rwndLimitedMs.toFixed(0)} ms of it waiting for the receiver's window: ` +
        "the other side read slowly or stopped reading, its receive buffer filled and it advertised a smaller, then a zero window. The sender's writes blocked (or returned EAGAIN) meanwhile.",
      fix: "Make the receiver read as fast as data comes (or read in another thread); if it is meant to apply back-pressure, this is that back-pressure at work.",
      pid: c.pid,
      socket: c.id,
      events: [c.seq],
    });
  }

  if (summary !== undefined) {
    const overflows = counter(summary.counters, "ListenOverflows");
    const drops = counter(summary.counters, "ListenDrops");
    const full = summary.listeners.filter((l) => l.backlog >= 0 && l.peak >= Math.max(1, l.backlog));
    for (const l of full) {
      const who = listeners.get(l.local);
      out.push({
        type: "diagnostic",
        code: "listen-overflow",
        severity: "warning",
        message:
          `The accept queue of the listener on ${l.local} filled up: ${l.peak} connection${l.peak === 1 ? "" : "s"} waited to be accepted at once, for a backlog of ${l.backlog}. ` +
          "While it was full the kernel dropped new handshakes instead of answering them" +
          (overflows > 0 || drops > 0
            ? ` (ListenOverflows +${overflows}, ListenDrops +${drops}: ${whose(summary.scope)})`
            : "") +
          ", and those clients waited for their SYN retransmission (1 s, then 3 s, 7 s…).",
        fix: `Accept sooner (accept before slow work, or in its own thread or event loop), or ask listen() for a larger backlog${somaxconn !== undefined ? ` (net.core.somaxconn, ${somaxconn} here, caps it)` : ""}.`,
        ...(who?.pid !== undefined ? { pid: who.pid } : {}),
        ...(who?.id !== undefined ? { socket: who.id } : {}),
        events: who?.seq !== undefined ? [who.seq] : [],
      });
    }
    if (full.length === 0 && (overflows > 0 || drops > 0)) {
      out.push({
        type: "diagnostic",
        code: "listen-overflow",
        severity: summary.scope === "namespace" ? "warning" : "info",
        message:
          `Listeners dropped handshakes while the program ran (ListenOverflows +${overflows}, ListenDrops +${drops}: ${whose(summary.scope)}), ` +
          "though no sample of the traced listeners' accept queues saw one full: the queue filled between samples, or another program's listener did.",
        fix: "If it is the program's: accept sooner, or ask listen() for a larger backlog.",
        events: [],
      });
    }
  }
  return out;
}
