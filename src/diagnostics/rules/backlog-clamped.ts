// backlog-clamped (info): listen() asked for a backlog above net.core.somaxconn, which the kernel
// silently lowers to somaxconn (kernel-notes §4: the backlog is read as unsigned, so a negative one
// is clamped too). Worth knowing: the accept queue is smaller than the program thinks, and when
// it fills, SYNs are dropped without a RST (clients see timeouts, not ECONNREFUSED).
import { after } from "../../core/readers.js";
import { describeFd } from "../helpers.js";
import { diagnostic, NONE, type RuleFactory } from "../rule.js";

/** The kernel default since Linux 5.4 (128 before). */
const ASSUMED_SOMAXCONN = 4096;

const CALLS: ReadonlySet<string> = new Set(["listen"]);

export const backlogClamped: RuleFactory = (options) => {
  const somaxconn = options.somaxconn ?? ASSUMED_SOMAXCONN;
  const source =
    options.somaxconn === undefined
      ? `net.core.somaxconn (assumed ${somaxconn}, the default since Linux 5.4; the traced machine's value is unknown)`
      : options.somaxconnIsLive
        ? `net.core.somaxconn (${somaxconn} on this machine)`
        : `net.core.somaxconn (${somaxconn} on the machine running sockscope; the machine that recorded the trace may differ)`;
  return {
    calls: CALLS,
    push(event) {
      if (event.type !== "syscall" || event.name !== "listen" || event.ret !== 0) return NONE;
      const arg = after(event.args[1]);
      if (arg?.kind !== "num" || !Number.isInteger(arg.value)) return NONE;
      const asked = arg.value;
      // The kernel compares the backlog as an unsigned int.
      const unsigned = asked < 0 ? asked + 2 ** 32 : asked;
      if (unsigned <= somaxconn) return NONE;
      const how = asked < 0 ? ` (negative: the kernel reads it as unsigned, ${unsigned})` : "";
      return [
        diagnostic({
          code: "backlog-clamped",
          severity: "info",
          message:
            `listen(${describeFd(event.fd, event.socket)}, ${asked})${how}: the backlog is above ${source}, ` +
            `so the kernel silently used ${somaxconn}. At most ${somaxconn + 1} established connections ` +
            "wait in the accept queue; beyond that new SYNs are dropped and clients time out.",
          fix:
            `Ask for a backlog of at most ${somaxconn}, or raise net.core.somaxconn (sysctl -w ` +
            "net.core.somaxconn=N) on the machines where the program really needs a longer queue; if " +
            "the queue overflows, accept() faster (accept in a loop until EAGAIN, more acceptors).",
          pid: event.pid,
          ...(event.socket ? { socket: event.socket.id } : {}),
          events: [event.seq],
        }),
      ];
    },
    flush() {
      return NONE;
    },
  };
};
