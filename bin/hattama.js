#!/usr/bin/env node
// The hattama command. dist/ is built by `npm run build` (run by `npm ci` via `prepare`,
// and by `npm pack` via `prepack`, so the package carries it).
import { existsSync, readFileSync } from 'node:fs';

const entry = new URL('../dist/hattama.js', import.meta.url);
if (!existsSync(entry)) {
  // Installed without its build (a git install whose prepare script did not run):
  // say so in the user's language, from the catalogue, instead of a module-not-found trace.
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const lang = ['kk', 'ru'].includes(env.slice(0, 2)) ? env.slice(0, 2) : 'en';
  let text = 'hattama is installed without dist/ (its build).';
  try {
    const line = readFileSync(new URL(`../data/messages/${lang}/init.yaml`, import.meta.url), 'utf8').match(/^package\.no-dist: "(.*)"$/m);
    if (line) text = JSON.parse(`"${line[1]}"`);
  } catch {
    // the English sentence above
  }
  process.stderr.write(`hattama: ${text}\n`);
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
