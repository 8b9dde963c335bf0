// The shared vocabulary of the model and its readers, as plain arrays and types: how a socket talks,
// the states it goes through, its role in a connection, how it ended, and the steps the kernel took
// on its own. The wire schema (events/schema.ts) builds its zod enums from these arrays.

export const TRANSPORTS = [
  "tcp",
  "udp",
  "unix-stream",
  "unix-dgram",
  "unix-seqpacket",
  "netlink",
  "raw",
  /** ICMP echo over a datagram socket (SOCK_DGRAM, IPPROTO_ICMP or IPPROTO_ICMPV6): a ping socket. */
  "ping",
  "packet",
  "sctp",
  "other",
] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** Transports with a byte stream between two ends (connections, EOF, half-close). */
export const STREAM_TRANSPORTS: ReadonlySet<Transport> = new Set([
  "tcp",
  "unix-stream",
  "unix-seqpacket",
  "sctp",
]);
/** Byte streams without message boundaries: a write can be partial, a read of 0 is the peer's FIN. */
export const BYTE_STREAMS: ReadonlySet<Transport> = new Set(["tcp", "unix-stream"]);
/** Transports whose sockets send datagrams to addresses (sendto/recvfrom peers). */
export const DATAGRAM_TRANSPORTS: ReadonlySet<Transport> = new Set(["udp", "unix-dgram", "raw", "ping"]);

export const SOCKET_STATES = [
  "created",
  "bound",
  "listening",
  "connecting",
  "connected",
  /** This end called shutdown(SHUT_WR): it sent FIN and can only receive. */
  "half-closed-write",
  /** This end read end-of-file (the peer sent FIN) or called shutdown(SHUT_RD). */
  "half-closed-read",
  /** Both directions are shut, the fd is still open. */
  "half-closed-both",
  "closed",
  /** A connect that failed (refused, timed out, unreachable). */
  "failed",
] as const;
export type SocketState = (typeof SOCKET_STATES)[number];

export const ROLES = ["client", "server", "listener", "peer"] as const;
export type Role = (typeof ROLES)[number];

export const OUTCOMES = ["closed", "reset", "refused", "timed-out", "failed", "open-at-exit"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const KERNEL_STEP_KINDS = [
  "autobind",
  "implicit-bind-on-listen",
  "ephemeral-port",
  "connect-completed",
  "connect-failed",
  "unexpected",
] as const;
export type KernelStepKind = (typeof KERNEL_STEP_KINDS)[number];

/** Something the kernel did on its own during a call, made visible. */
export interface KernelStep {
  kind: KernelStepKind;
  text: string;
}

/** How a socket's last reference went: a close (or dup2 over it), an exec, a process exit, or the trace ended. */
export const RELEASES = ["close", "exec", "exit", "end-of-trace"] as const;
export type Release = (typeof RELEASES)[number];
