// --tui needs a terminal for its keys and its screen.
import { SockscopeError } from "../errors.js";

export function requireTerminal(extra?: string): void {
  if (extra !== undefined)
    throw new SockscopeError("BAD_USAGE", `--tui ${extra} (sockscope read --tui FILE)`);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new SockscopeError(
      "BAD_USAGE",
      "--tui needs a terminal on stdin and stdout; use --format text or json otherwise",
    );
  }
}
