// What a failed call's errno means for the program, from the model's facts alone: some "errors"
// are how non-blocking I/O reports that it would have waited, and a program that uses non-blocking
// sockets sees them all the time. Shared by the views (--errors-only) and anything that counts
// failures, so they all draw the line in the same place.
import type { SyscallEvent } from "./events.js";

/**
 * Whether this call runs non-blocking: MSG_DONTWAIT on this call, or the socket's mode; undefined
 * when the trace cannot tell the mode (a socket from before the trace starts).
 */
export function nonblocking(e: SyscallEvent): boolean | undefined {
  if (e.dontwait === true) return true;
  if (e.socket === undefined) return false;
  if (e.socket.blockingUnknown === true) return undefined;
  return e.socket.nonblocking;
}

/**
 * Whether a failed call's errno is the normal answer of non-blocking I/O, not a failure:
 * - EINPROGRESS and EALREADY from connect(), unless the model knows the socket blocks (then
 *   EINPROGRESS means SO_SNDTIMEO ran out before the handshake ended: a real failure);
 * - EAGAIN/EWOULDBLOCK from any other call on a socket the model knows is non-blocking (or with
 *   MSG_DONTWAIT). On a blocking socket it is SO_RCVTIMEO/SO_SNDTIMEO running out, and when the
 *   mode is unknown the trace cannot tell which, so both stay failures. connect()'s EAGAIN is a
 *   failure in every mode (a full unix backlog, or no ephemeral port left).
 */
export function isExpectedOutcome(e: SyscallEvent): boolean {
  switch (e.errno) {
    case "EINPROGRESS":
    case "EALREADY":
      return e.name === "connect" && nonblocking(e) !== false;
    case "EAGAIN":
    case "EWOULDBLOCK":
      return e.name !== "connect" && e.socket !== undefined && nonblocking(e) === true;
    default:
      return false;
  }
}
