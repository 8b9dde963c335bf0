// The states a socket goes through, as a plain array: the socket model uses it without loading zod
// (schema.ts builds SocketStateSchema from it).

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
