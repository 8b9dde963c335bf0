// Shapes of the socket model: the states a socket goes through, how it talks, and how its
// connection ended. Used by events/schema.ts for the `socket` field and the `connection` event.
import { z } from "zod";

export const SocketStateSchema = z.enum([
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
]);
export type SocketState = z.infer<typeof SocketStateSchema>;

export const TransportSchema = z.enum([
  "tcp",
  "udp",
  "unix-stream",
  "unix-dgram",
  "unix-seqpacket",
  "netlink",
  "raw",
  "packet",
  "sctp",
  "other",
]);
export type Transport = z.infer<typeof TransportSchema>;

export const RoleSchema = z.enum(["client", "server", "listener", "peer"]);
export type Role = z.infer<typeof RoleSchema>;

export const OutcomeSchema = z.enum(["closed", "reset", "refused", "timed-out", "failed", "open-at-exit"]);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Steps the kernel took on its own during a call, made visible. */
export const KernelStepSchema = z.object({
  kind: z.enum([
    "autobind",
    "implicit-bind-on-listen",
    "ephemeral-port",
    "connect-completed",
    "connect-failed",
    "unexpected",
  ]),
  text: z.string(),
});
export type KernelStep = z.infer<typeof KernelStepSchema>;
