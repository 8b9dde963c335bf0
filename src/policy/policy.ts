// --fail-on: rules a CI job sets on what a program may do on the network, checked on the event
// stream. Each broken rule gives a violation naming the rule, the process, the call and the address.
import type { Event, SyscallEvent } from "../events/schema.js";
import type { Address, Value } from "../parse/schema.js";
import { NETWORK_SYSCALLS } from "../render/filter.js";
import { addressOf, msgNameAddress } from "../sockets/args.js";
import { type Cidr, contains, LOCAL, parseIp } from "./cidr.js";

import type { RuleName } from "./rule-names.js";

export { RULE_NAMES, type RuleName } from "./rule-names.js";

export interface Violation {
  rule: RuleName;
  pid?: number;
  /** The call, e.g. connect(fd 3). */
  call?: string;
  address?: string;
  /** The event that broke the rule. */
  seq: number;
  message: string;
}

export interface PolicyOptions {
  rules: RuleName[];
  /** Networks that count as local for `external`, besides loopback. */
  allow: Cidr[];
}

const EXPECTED_ERRORS = new Set(["EAGAIN", "EWOULDBLOCK", "EINPROGRESS", "EINTR"]);
// glibc asks the name service cache daemon on every name lookup; its absence is not a failure.
const NSCD_PATHS = new Set(["/var/run/nscd/socket", "/run/nscd/socket"]);

/** The destination addresses a sending call names. */
function destinations(e: SyscallEvent): Address[] {
  const out: Address[] = [];
  const add = (a: Address | undefined) => {
    if (a) out.push(a);
  };
  if (e.name === "connect") add(addressOf(e.args[1]));
  else if (e.name === "sendto") add(addressOf(e.args[4]));
  else if (e.name === "sendmsg") add(msgNameAddress(e.args[1]));
  else if (e.name === "sendmmsg") {
    const vec = e.args[1];
    const items: Value[] =
      vec?.kind === "array"
        ? vec.items
        : vec?.kind === "changed" && vec.to.kind === "array"
          ? vec.to.items
          : [];
    for (const item of items) add(item.kind === "struct" ? msgNameAddress(item.fields.msg_hdr) : undefined);
  }
  return out;
}

function isWildcard(a: Address | undefined): boolean {
  return a?.ip === "0.0.0.0" || a?.ip === "::";
}

export function createPolicy(options: PolicyOptions) {
  const on = new Set(options.rules);
  const local = [...LOCAL, ...options.allow];
  const isLocal = (a: Address) => {
    if (a.family !== "AF_INET" && a.family !== "AF_INET6") return true;
    const ip = a.ip === undefined ? undefined : parseIp(a.ip);
    return ip === undefined || local.some((c) => contains(c, ip));
  };
  const callText = (e: SyscallEvent) => `${e.name}(${e.fd === undefined ? "" : `fd ${e.fd}`})`;

  return {
    check(e: Event): Violation[] {
      const out: Violation[] = [];
      const add = (v: Omit<Violation, "seq">) => out.push({ ...v, seq: e.seq });
      if (e.type === "syscall") {
        if (on.has("external")) {
          for (const a of destinations(e)) {
            if (!isLocal(a)) {
              add({
                rule: "external",
                pid: e.pid,
                call: callText(e),
                address: a.text,
                message: `pid ${e.pid} ${callText(e)} to ${a.text}, outside loopback`,
              });
            }
          }
        }
        if (on.has("listen-any") && e.ret === 0) {
          const s = e.socket;
          const listener =
            e.name === "listen" && s?.transport === "tcp" && (isWildcard(s.local) || s.local === undefined);
          const bound =
            e.name === "bind" &&
            s?.transport === "udp" &&
            isWildcard(addressOf(e.args[1])) &&
            (addressOf(e.args[1])?.port ?? 0) !== 0;
          if (listener || bound) {
            const where =
              (e.name === "bind" ? addressOf(e.args[1])?.text : s?.local?.text) ??
              "0.0.0.0 (bound by listen)";
            add({
              rule: "listen-any",
              pid: e.pid,
              call: callText(e),
              address: where,
              message: `pid ${e.pid} ${callText(e)}: ${s?.transport} on ${where}, every interface`,
            });
          }
        }
        if (
          on.has("error") &&
          e.errno !== undefined &&
          !EXPECTED_ERRORS.has(e.errno) &&
          !e.errno.startsWith("ERESTART")
        ) {
          const networkCall = NETWORK_SYSCALLS.has(e.name) || e.socket !== undefined;
          const nscd = e.name === "connect" && NSCD_PATHS.has(addressOf(e.args[1])?.text ?? "");
          if (networkCall && !nscd) {
            add({
              rule: "error",
              pid: e.pid,
              call: callText(e),
              message: `pid ${e.pid} ${callText(e)} failed: ${e.errno}${e.errnoText ? ` (${e.errnoText})` : ""}`,
            });
          }
        }
      } else if (e.type === "connection") {
        const ends = `${e.local?.text ?? "?"} -> ${e.remote?.text ?? "?"}`;
        if (on.has("refused") && e.outcome === "refused") {
          add({
            rule: "refused",
            pid: e.pid,
            address: e.remote?.text,
            message: `pid ${e.pid} connection ${ends} refused`,
          });
        }
        // A socket the program was handed (stdio socketpairs, a log that starts mid-life) is not its leak.
        if (on.has("leak") && e.outcome === "open-at-exit" && !e.inherited) {
          add({
            rule: "leak",
            pid: e.pid,
            address: e.local?.text,
            message: `pid ${e.pid} ${e.transport} socket fd ${e.fd} (${ends}) still open when its process exited`,
          });
        }
      } else if (e.type === "diagnostic" && on.has("diagnostic") && e.severity !== "info") {
        add({
          rule: "diagnostic",
          ...(e.pid !== undefined ? { pid: e.pid } : {}),
          message: `${e.code}: ${e.message}`,
        });
      }
      return out;
    },
  };
}
