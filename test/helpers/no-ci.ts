// Ink decides once, when it is first loaded, whether it runs in CI (is-in-ci reads CI and
// CONTINUOUS_INTEGRATION), and then draws only its last frame. The CLI clears those variables
// before it loads the view (session/tui.ts), but the unit files share each worker's module cache,
// so a file that renders the view directly may load ink first. Clear them before any file runs,
// so the suite behaves the same under a CI runner as on a terminal.
for (const key of Object.keys(process.env)) {
  if (key === "CI" || key === "CONTINUOUS_INTEGRATION" || key.startsWith("CI_")) delete process.env[key];
}
