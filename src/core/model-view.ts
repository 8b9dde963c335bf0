// What the model publishes besides the facts it puts on each event: the processes of the trace and
// the sockets still open. Read-only; stages that need more than an event's facts read it here
// instead of keeping their own copy.
import type { ProcessView } from "./events.js";
import type { Address } from "./values.js";
import type { Outcome, Role, SocketState, Transport } from "./vocabulary.js";

export interface ProcessExit {
  code?: number;
  signal?: string;
}

export interface ProcessFacts {
  /** The first process of the trace (the program), once a pid other than 0 is known. */
  readonly root: number | undefined;
  /** How the root process ended, once it has. */
  readonly rootExit: ProcessExit | undefined;
  /** The errno of the root's first execve when the program never started (ENOENT, EACCES…). */
  readonly rootExecFailure: string | undefined;
  /** Pids that have not exited. */
  alive(): number[];
  /** Processes and threads seen. */
  readonly count: number;
  view(pid: number): ProcessView;
  /** The thread group of a pid (the pid itself unless created with CLONE_THREAD). */
  tgid(pid: number): number;
}

/** An open socket as the model knows it now. */
export interface SocketFacts {
  readonly id: number;
  /** The process that created (or first showed) it, and its fd there. */
  readonly pid: number;
  readonly fd: number;
  readonly transport: Transport;
  readonly role: Role;
  readonly state: SocketState;
  readonly local?: Address;
  readonly remote?: Address;
  readonly nonblocking: boolean;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly peer?: number;
  /** Socket options set with setsockopt, by name. */
  readonly options: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, number>>;
  readonly failure?: Exclude<Outcome, "closed" | "open-at-exit">;
  readonly lastUsed?: number;
}

export interface ModelView {
  readonly processes: ProcessFacts;
  /** A socket still open, by id. */
  socket(id: number): SocketFacts | undefined;
  /** Every socket still open. */
  sockets(): Iterable<SocketFacts>;
  /** The socket fds a process holds now, with whether each is close-on-exec. */
  fds(pid: number): Array<{ fd: number; socket: SocketFacts; cloexec: boolean }>;
}
