// Every diagnostic rule, in the order they report.
import type { RuleFactory } from "../rule.js";
import { backlogClamped } from "./backlog-clamped.js";
import { bindEaddrinuse } from "./bind-eaddrinuse.js";
import { busyEagainLoop } from "./busy-eagain-loop.js";
import { closeWaitLeak } from "./close-wait-leak.js";
import { connectRefused } from "./connect-refused.js";
import { connectTimeout } from "./connect-timeout.js";
import { epipeSigpipe } from "./epipe-sigpipe.js";
import { fdInheritedByExec } from "./fd-inherited-by-exec.js";
import { injectedFault } from "./injected-fault.js";
import { lingerZeroReset } from "./linger-zero-reset.js";
import { nagleSmallWrites } from "./nagle-small-writes.js";
import { nonblockingConnectUnchecked } from "./nonblocking-connect-unchecked.js";
import { partialWrite } from "./partial-write.js";

export const RULES: RuleFactory[] = [
  epipeSigpipe,
  connectRefused,
  connectTimeout,
  nonblockingConnectUnchecked,
  bindEaddrinuse,
  backlogClamped,
  partialWrite,
  closeWaitLeak,
  nagleSmallWrites,
  busyEagainLoop,
  fdInheritedByExec,
  lingerZeroReset,
  injectedFault,
];
