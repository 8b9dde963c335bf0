// Shapes of the socket model: the states a socket goes through, how it talks, and how its
// connection ended. Used by events/schema.ts for the `socket` field and the `connection` event.
import { z } from "zod";
import { SOCKET_STATES } from "./states.js";

export const SocketStateSchema = z.enum(SOCKET_STATES);
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
