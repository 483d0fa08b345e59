#!/usr/bin/env node
// Cold start-up of one command, the way a secretary runs it: a fresh process
// per run. Reports the median over RUNS runs (after warm-up runs that fill the
// OS file cache) and the ratio to `node -e 0` on the same machine.
// Usage: npm run bench [-- --runs 21]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const WARMUP = 3;
const SEED = 'meetings/2025/2025-12-25-board-of-trustees-02.yaml';
const out = mkdtempSync(join(tmpdir(), 'hattama-bench-'));

const cases = [
  ['node -e 0', ['-e', '0']],
  ['hattama --version', ['bin/hattama.js', '--version']],
  ['hattama validate (seed)', ['bin/hattama.js', 'validate', SEED]],
  ['hattama render --format docx', ['bin/hattama.js', 'render', SEED, '--format', 'docx', '--out', out]],
  ['hattama render --format pdf', ['bin/hattama.js', 'render', SEED, '--format', 'pdf', '--out', out]],
  ['hattama render (docx+pdf)', ['bin/hattama.js', 'render', SEED, '--out', out]],
];

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`hattama start-up, ${RUNS} runs each (median), ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
let baseline = 0;
for (const [name, args] of cases) {
  for (let i = 0; i < WARMUP; i++) time(args);
  const samples = Array.from({ length: RUNS }, () => time(args));
  const m = median(samples);
  if (!baseline) baseline = m;
  console.log(`${name.padEnd(32)} ${m.toFixed(0).padStart(5)} ms  ${(m / baseline).toFixed(2)}× node -e 0`);
}
rmSync(out, { recursive: true, force: true });
