#!/usr/bin/env node
// Writes a large, valid referral log for measuring `hattama referral report`:
// seeded (the same arguments give the same file), offers from 2025-09-01 to
// 2026-06-30, most referrals taken within their period, a few lapsed or open,
// and a small share of breaches and hand-overs to the general queue (each of
// those is a row of the report, so their share sets the report's size).
//
// Usage: node bench/referral-log.mjs ROWS FILE.csv|FILE.yaml [--seed N] [--listed 0.001]
// Then:  /usr/bin/time -v node bin/hattama.js referral report FILE --from 2025-09-01 --to 2026-06-30 --out /tmp/r
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const [rowsArg, file] = process.argv.slice(2);
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = Number(rowsArg);
if (!Number.isInteger(ROWS) || ROWS < 1 || !file || !/\.(csv|ya?ml)$/.test(file)) {
  process.stderr.write('usage: node bench/referral-log.mjs ROWS FILE.csv|FILE.yaml [--seed N] [--listed SHARE]\n');
  process.exit(2);
}
const yaml = !file.endsWith('.csv');
/** Share of rows that the report lists one by one (breaches and hand-overs). */
const LISTED = option('--listed', 0.001);

// mulberry32: a small seeded generator, so the file is reproducible.
let state = option('--seed', 1) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const CATEGORIES = ['military', 'disabled-parents', 'without-parental-care', 'orphans', 'large-families', 'teachers', 'disabled-children'];
const START = Date.UTC(2025, 8, 1);
const DAYS = Math.round((Date.UTC(2026, 5, 30) - START) / 86_400_000) + 1;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

const out = createWriteStream(file);
const write = async (s) => {
  if (!out.write(s)) await once(out, 'drain');
};
if (!yaml) await write('place,offered,category,child,taken,lapsed\n');
else await write('# A generated referral log (bench/referral-log.mjs).\n');

for (let i = 0; i < ROWS; i++) {
  const offeredMs = START + Math.floor(random() * DAYS) * 86_400_000;
  const offered = iso(offeredMs);
  // Every row is its own offer: the row number makes (place, offered) unique.
  const place = `P-${String(i + 1).padStart(7, '0')}`;
  const child = `C-${String(1 + Math.floor(random() * ROWS * 2)).padStart(7, '0')}`;
  const r = random();
  let category = pick(CATEGORIES);
  let taken = '';
  let lapsed = '';
  if (r < LISTED / 2) {
    // The general queue the day after the offer: a breach the report lists.
    category = 'general';
    taken = iso(offeredMs + 86_400_000);
  } else if (r < LISTED) {
    // The general queue after the period: a hand-over the report lists.
    category = 'general';
    taken = iso(offeredMs + (15 + Math.floor(random() * 10)) * 86_400_000);
  } else if (r < 0.05) lapsed = iso(offeredMs + 10 * 86_400_000);
  else if (r < 0.07) {
    // Still open.
  } else taken = iso(offeredMs + (1 + Math.floor(random() * 4)) * 86_400_000);
  if (yaml) {
    await write(`- place: ${place}\n  offered: ${offered}\n  category: ${category}\n  child: ${child}\n${taken ? `  taken: ${taken}\n` : ''}${lapsed ? `  lapsed: ${lapsed}\n` : ''}`);
  } else await write(`${place},${offered},${category},${child},${taken},${lapsed}\n`);
}
out.end();
await once(out, 'finish');
process.stderr.write(`${file}: ${ROWS} rows\n`);
