// JSON lines: the one place where sockscope's internal events become the JSON-lines contract
// (events/schema.ts, schema v1). Written directly rather than through JSON.stringify of a built
// object: the parts that repeat on every call (a socket's view, an fd's decoration, a kernel path)
// are immutable shared objects, so each is serialised once and its text reused.
import { assertNever } from "../core/assert-never.js";
import type {
  ConnectionEvent,
  DiagnosticEvent,
  ExitEvent,
  Explain,
  NoteEvent,
  SignalEvent,
  SocketView,
  SummaryEvent,
  SyscallEvent,
  TraceEvent,
  UnparsedEvent,
} from "../core/events.js";
import type { Address, Decoration, Value } from "../core/values.js";
import { SCHEMA_VERSION } from "../events/version.js";
import { numberText } from "../util/number-text.js";
import type { Renderer } from "./renderer.js";

const str = JSON.stringify;

/** Serialises an immutable shared object once. */
function cached<T extends object>(make: (x: T) => string): (x: T) => string {
  const memo = new WeakMap<T, string>();
  return (x) => {
    let text = memo.get(x);
    if (text === undefined) {
      text = make(x);
      memo.set(x, text);
    }
    return text;
  };
}

const addressJson = cached<Address>((a) => str(a));
const decorationJson = cached<Decoration>((d) => str(d));
const listJson = cached<readonly unknown[]>((list) => str(list));

function socketFields(s: SocketView): string {
  let out = `{"id":${s.id}`;
  if (s.family !== undefined) out += `,"family":${str(s.family)}`;
  if (s.type !== undefined) out += `,"type":${str(s.type)}`;
  out += `,"transport":"${s.transport}","state":"${s.state}","nonblocking":${s.nonblocking}`;
  if (s.protocol !== undefined) out += `,"protocol":${str(s.protocol)}`;
  if (s.inode !== undefined) out += `,"inode":${s.inode}`;
  if (s.peerInode !== undefined) out += `,"peerInode":${s.peerInode}`;
  if (s.local !== undefined) out += `,"local":${addressJson(s.local)}`;
  if (s.remote !== undefined) out += `,"remote":${addressJson(s.remote)}`;
  return `${out}}`;
}
const socketJson = cached<SocketView>(socketFields);

/** One argument value. The common plain shapes are written by hand; the rest as they are. */
export function valueJson(v: Value): string {
  switch (v.kind) {
    case "num":
      return v.text === undefined && v.comment === undefined ? `{"kind":"num","value":${v.value}}` : str(v);
    case "str":
      return v.truncated === undefined &&
        v.abstract === undefined &&
        v.raw === undefined &&
        v.redacted === undefined &&
        v.comment === undefined
        ? `{"kind":"str","value":${str(v.value)},"bytes":${v.bytes}}`
        : str(v);
    case "null":
      return v.comment === undefined ? `{"kind":"null"}` : str(v);
    case "fd":
      return `{"kind":"fd","fd":${v.fd},"decoration":${decorationJson(v.decoration)}${
        v.comment === undefined ? "" : `,"comment":${str(v.comment)}`
      }}`;
    case "sym":
    case "flags":
    case "raw":
    case "more":
    case "struct":
    case "array":
    case "call":
    case "named":
    case "changed":
      return str(v);
    default:
      return assertNever(v, "value");
  }
}

function argsJson(args: readonly Value[]): string {
  let out = "[";
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out += ",";
    out += valueJson(args[i] as Value);
  }
  return `${out}]`;
}

function explainJson(x: Explain): string {
  let out = `{"summary":${str(x.summary)}`;
  if (x.path !== undefined) out += `,"path":${str(x.path)}`;
  out += `,"kernel":${listJson(x.kernel)}`;
  if (x.after !== undefined) out += `,"after":${listJson(x.after)}`;
  out += `,"wire":${str(x.wire)},"notes":${str(x.notes)}`;
  if (x.structures !== undefined) out += `,"structures":${listJson(x.structures)}`;
  if (x.blocking !== undefined) out += `,"blocking":${str(x.blocking)}`;
  if (x.layers !== undefined) out += `,"layers":${listJson(x.layers)}`;
  if (x.os !== undefined) out += `,"os":${str(x.os)}`;
  return `${out}}`;
}

const head = (type: string, seq: number) => `{"v":${SCHEMA_VERSION},"type":"${type}","seq":${seq}`;

function syscallJson(e: SyscallEvent): string {
  let out = `${head("syscall", e.seq)},"lineNo":${e.lineNo},"pid":${e.pid}`;
  if (e.time !== undefined) out += `,"time":${numberText(e.time)}`;
  if (e.end !== undefined) out += `,"end":${numberText(e.end)}`;
  if (e.duration !== undefined) out += `,"duration":${numberText(e.duration)}`;
  out += `,"name":${str(e.name)},"args":${argsJson(e.args)},"ret":${e.ret}`;
  if (e.retText !== undefined) out += `,"retText":${str(e.retText)}`;
  if (e.errno !== undefined) out += `,"errno":${str(e.errno)}`;
  if (e.errnoText !== undefined) out += `,"errnoText":${str(e.errnoText)}`;
  if (e.detail !== undefined) out += `,"detail":${str(e.detail)}`;
  if (e.fd !== undefined) out += `,"fd":${e.fd}`;
  if (e.socket !== undefined) out += `,"socket":${socketJson(e.socket)}`;
  if (e.path !== undefined) out += `,"path":${str(e.path)}`;
  if (e.newFd !== undefined) out += `,"newFd":${e.newFd}`;
  if (e.newSocket !== undefined) out += `,"newSocket":${socketJson(e.newSocket)}`;
  if (e.incomplete !== undefined) out += `,"incomplete":"${e.incomplete}"`;
  if (e.partial) out += `,"partial":true`;
  if (e.injected) out += `,"injected":true`;
  if (e.delayed) out += `,"delayed":true`;
  if (e.steps !== undefined && e.steps.length > 0) out += `,"steps":${str(e.steps)}`;
  if (e.explain !== undefined) out += `,"explain":${explainJson(e.explain)}`;
  if (e.host !== undefined) out += `,"host":${str(e.host)}`;
  return `${out}}`;
}

function signalJson(e: SignalEvent): string {
  let out = `${head("signal", e.seq)},"lineNo":${e.lineNo},"pid":${e.pid}`;
  if (e.time !== undefined) out += `,"time":${numberText(e.time)}`;
  out += `,"signal":${str(e.signal)}`;
  if (e.info !== undefined) out += `,"info":${valueJson(e.info)}`;
  if (e.stopped) out += `,"stopped":true`;
  return `${out}}`;
}

function exitJson(e: ExitEvent): string {
  let out = `${head("exit", e.seq)},"lineNo":${e.lineNo},"pid":${e.pid}`;
  if (e.time !== undefined) out += `,"time":${numberText(e.time)}`;
  if (e.code !== undefined) out += `,"code":${e.code}`;
  if (e.signal !== undefined) out += `,"signal":${str(e.signal)}`;
  if (e.coreDumped) out += `,"coreDumped":true`;
  if (e.supersededBy !== undefined) out += `,"supersededBy":${e.supersededBy}`;
  return `${out}}`;
}

function noteJson(e: NoteEvent): string {
  let out = `${head("note", e.seq)},"lineNo":${e.lineNo}`;
  if (e.pid !== undefined) out += `,"pid":${e.pid}`;
  if (e.time !== undefined) out += `,"time":${numberText(e.time)}`;
  out += `,"note":"${e.note}"`;
  if (e.subject !== undefined) out += `,"subject":${e.subject}`;
  out += `,"text":${str(e.text)}`;
  if (e.machine !== undefined) out += `,"machine":${str(e.machine)}`;
  return `${out}}`;
}

function unparsedJson(e: UnparsedEvent): string {
  return `${head("unparsed", e.seq)},"lineNo":${e.lineNo},"raw":${str(e.raw)},"reason":${str(e.reason)}}`;
}

function connectionJson(e: ConnectionEvent): string {
  let out = `${head("connection", e.seq)},"id":${e.id},"pid":${e.pid},"fd":${e.fd},"transport":"${e.transport}","role":"${e.role}"`;
  if (e.family !== undefined) out += `,"family":${str(e.family)}`;
  if (e.local !== undefined) out += `,"local":${addressJson(e.local)}`;
  if (e.remote !== undefined) out += `,"remote":${addressJson(e.remote)}`;
  if (e.peers !== undefined) out += `,"peers":[${e.peers.map(addressJson).join(",")}]`;
  if (e.opened !== undefined) out += `,"opened":${numberText(e.opened)}`;
  if (e.closed !== undefined) out += `,"closed":${numberText(e.closed)}`;
  out += `,"bytesIn":${e.bytesIn},"bytesOut":${e.bytesOut}`;
  if (e.accepted !== undefined) out += `,"accepted":${e.accepted}`;
  out += `,"outcome":"${e.outcome}","state":"${e.state}"`;
  if (e.peer !== undefined) out += `,"peer":${e.peer}`;
  out += `,"nonblocking":${e.nonblocking},"options":${str(e.options)},"errors":${str(e.errors)}`;
  if (e.autobound) out += `,"autobound":true`;
  if (e.inherited) out += `,"inherited":true`;
  out += `,"release":"${e.release}"`;
  if (e.releasedBy !== undefined) out += `,"releasedBy":${e.releasedBy}`;
  if (e.lastUsed !== undefined) out += `,"lastUsed":${numberText(e.lastUsed)}`;
  if (e.kernel !== undefined) out += `,"kernel":${str(e.kernel)}`;
  if (e.remoteHost !== undefined) out += `,"remoteHost":${str(e.remoteHost)}`;
  if (e.test !== undefined) out += `,"test":${str(e.test)}`;
  return `${out}}`;
}

function diagnosticJson(e: DiagnosticEvent): string {
  let out = `${head("diagnostic", e.seq)},"code":${str(e.code)},"severity":"${e.severity}","message":${str(e.message)},"fix":${str(e.fix)}`;
  if (e.pid !== undefined) out += `,"pid":${e.pid}`;
  if (e.socket !== undefined) out += `,"socket":${e.socket}`;
  out += `,"events":${str(e.events)}`;
  if (e.reaction !== undefined) out += `,"reaction":"${e.reaction}"`;
  if (e.test !== undefined) out += `,"test":${str(e.test)}`;
  return `${out}}`;
}

function summaryJson(e: SummaryEvent): string {
  const { type: _type, seq: _seq, ...rest } = e;
  return `${head("summary", e.seq)},${str(rest).slice(1)}`;
}

/** One event as a line of the JSON-lines contract (without the newline). */
export function eventJson(e: TraceEvent): string {
  switch (e.type) {
    case "syscall":
      return syscallJson(e);
    case "signal":
      return signalJson(e);
    case "exit":
      return exitJson(e);
    case "note":
      return noteJson(e);
    case "unparsed":
      return unparsedJson(e);
    case "connection":
      return connectionJson(e);
    case "diagnostic":
      return diagnosticJson(e);
    case "summary":
      return summaryJson(e);
    default:
      return assertNever(e, "event");
  }
}

export function createJsonRenderer(): Renderer {
  return { event: (e) => `${eventJson(e)}\n`, end: () => "" };
}
