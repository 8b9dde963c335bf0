#!/usr/bin/env node
// Thin shim: the CLI is src/cli/main.ts, built by `npm run build` into one bundle with lazily loaded
// chunks (dist/bundle/): loading a few files instead of hundreds of modules is what keeps start-up
// short, and start-up is on the traced program's clock.
import { main } from "../dist/bundle/main.js";

process.exitCode = await main(process.argv.slice(2));
