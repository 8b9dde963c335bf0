// The environment tests give sockscope, in process (runCli) or spawned: the test's own, without what
// a CI runner or the developer's shell sets that would change what sockscope does.

/**
 * Variables a CI runner (or the developer's shell) sets that change what the CLI does: a leaked
 * GITHUB_STEP_SUMMARY would append reports to the runner's own job summary. A test that wants one
 * sets it in `env`.
 */
function inherited(key: string): boolean {
  return !(
    key === "CI" ||
    key === "CONTINUOUS_INTEGRATION" ||
    key === "NO_COLOR" ||
    key === "FORCE_COLOR" ||
    key.startsWith("GITHUB_") ||
    key.startsWith("SOCKSCOPE_")
  );
}

/** A copy of process.env without the variables above, plus `overrides`. process.env is not touched. */
export function cliEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (inherited(key)) env[key] = value;
  return { ...env, ...overrides };
}
