#!/usr/bin/env node
// The hattama command. dist/ is built by `npm run build` (run by `npm ci` via `prepare`,
// and by `npm pack` via `prepack`, so the package carries it).
import { main } from '../dist/hattama.js';

process.exitCode = await main(process.argv.slice(2));
