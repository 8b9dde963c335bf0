// A call in a readable, shortened form for people: `connect(fd 5, 127.0.0.1:8080) → EINPROGRESS`.
// fds lose their decoration (the connection label says what they are), socket addresses show as
// addresses, long buffers are cut, and the result says what it means.
import type { SyscallEvent } from "../core/events.js";
import type { Value } from "../core/values.js";
import { formatValue, quote } from "../util/format-value.js";

const PENDING = new Set(["EINPROGRESS", "EAGAIN", "EWOULDBLOCK", "EALREADY", "EINTR", "ERESTARTSYS"]);

export type Outcome = "ok" | "fail" | "pending";

function short(v: Value, maxString: number): string {
  switch (v.kind) {
    case "fd":
      return v.fd >= 0 ? `fd ${v.fd}` : formatValue(v);
    case "struct":
      return v.addr ? v.addr.text : formatValue(v);
    case "str": {
      const cut = v.value.length > maxString;
      return `${quote(cut ? v.value.slice(0, maxString) : v.value)}${cut || v.truncated ? "…" : ""}`;
    }
    case "changed":
      return short(v.to, maxString);
    case "array":
      return v.items.length === 1 && v.items[0] !== undefined
        ? `[${short(v.items[0], maxString)}]`
        : formatValue(v);
    default:
      return formatValue(v);
  }
}

export function simpleCall(
  e: SyscallEvent,
  maxString = 32,
): { call: string; result: string; outcome: Outcome } {
  const call = `${e.name}(${e.args.map((a) => short(a, maxString)).join(", ")})`;
  if (e.incomplete !== undefined) return { call, result: "… (no return)", outcome: "pending" };
  // --inject: the result is strace's, not the kernel's; or strace held the call before it ran.
  const mark =
    e.injected === true ? " (injected by strace)" : e.delayed === true ? " (delayed by strace)" : "";
  if (e.errno !== undefined) {
    return {
      call,
      result: `${e.errno}${mark}`,
      outcome: PENDING.has(e.errno) || e.errno.startsWith("ERESTART") ? "pending" : "fail",
    };
  }
  let result = e.retText ?? String(e.ret);
  if (e.newSocket?.remote) result += ` (${e.newSocket.remote.text})`;
  return { call, result: `${result}${mark}`, outcome: "ok" };
}
