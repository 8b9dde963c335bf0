// Waiting for a condition the code under test makes observable, with a deadline: never a fixed
// sleep before an assertion.

/** Polls `check` every `every` ms until it holds; fails with `what` after `ms`. */
export async function waitFor(check: () => boolean, what: string, ms = 30_000, every = 20): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** Whether a process with this pid exists (a zombie counts until it is reaped). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
