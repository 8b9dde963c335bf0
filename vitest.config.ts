import { defineConfig } from "vitest/config";

// Two projects, by file name. `unit` runs the source in process: no strace, tmux, network
// namespace, gcc or spawned CLI, so `npm run test:unit` is quick and needs no build. `live`
// (`*.live.test.ts`) traces real programs and spawns the built bundle: `npm test` builds first and
// runs both.
const LIVE = ["test/**/*.live.test.ts", "test/**/*.live.test.tsx"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: LIVE,
          // The files share each worker's module cache instead of loading src/ again for each one:
          // three times faster here. The unit tests stub no module, global, timer or variable.
          isolate: false,
          setupFiles: ["test/helpers/no-ci.ts"],
        },
      },
      {
        extends: true,
        test: { name: "live", include: LIVE },
      },
    ],
  },
});
