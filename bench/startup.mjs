#!/usr/bin/env node
// Cold start-up of one command, the way a secretary runs it: a fresh process
// per run, through the installed launcher (bin/hattama.js, which uses the
// start-up snapshot in dist/ when it is there and fits this Node).
//
// CPU time (user+sys of the child, from /usr/bin/time) is the figure to
// compare on a shared machine; wall time is printed beside it. Runs are
// paired: each round runs every case once, in turn, so load on the machine
// hits all cases alike; the figure is the median over rounds of the ratio to
// `node -e 0` in the same round.
//
// Usage: node bench/startup.mjs [--runs 15] [--base DIR]
//   --base DIR  also runs DIR/bin/hattama.js (another checkout with its own
//               dist/, e.g. main) in the same rounds, for a before/after pair.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 15);
const BASE = arg('--base');
const WARMUP = 2;
const SEED = resolve('meetings/2025/2025-12-25-board-of-trustees-02.yaml');
const out = mkdtempSync(join(tmpdir(), 'hattama-bench-'));
const timeFile = join(out, 'time.txt');
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) throw new Error('bench/startup.mjs needs /usr/bin/time (GNU time) for the child CPU time');

/** The commands measured, for one checkout's launcher. */
const commandsFor = (label, bin) => [
  [`${label}--help`, [bin, '--help']],
  [`${label}validate`, [bin, 'validate', SEED]],
  [`${label}render (docx+pdf)`, [bin, 'render', SEED, '--out', join(out, label || 'this')]],
];

const cases = [['node -e 0', ['-e', '0']], ...commandsFor('', resolve('bin/hattama.js'))];
if (BASE) cases.push(...commandsFor('base: ', resolve(BASE, 'bin/hattama.js')));

/** One cold run: CPU ms (user+sys) and wall ms of the child. */
function run(args) {
  // The launcher is run as a user runs it: executed directly (its #! line),
  // not as `node bin/hattama.js`.
  const [cmd, rest] = args[0] === '-e' ? [process.execPath, args] : [args[0], args.slice(1)];
  const r = spawnSync(TIME, ['-f', '%U %S %e', '-o', timeFile, cmd, ...rest], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [user, sys, wall] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { cpu: (user + sys) * 1000, wall: wall * 1000 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`hattama start-up: ${RUNS} paired rounds, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()[0].toFixed(2)}, Node ${process.version}`);
console.log(`snapshot: ${existsSync('dist/hattama.blob') ? 'dist/hattama.blob present' : 'absent (plain ESM bundle)'}`);
for (let i = 0; i < WARMUP; i++) for (const [, args] of cases) run(args);
const samples = cases.map(() => []);
for (let round = 0; round < RUNS; round++) {
  const rows = cases.map(([, args]) => run(args));
  rows.forEach((r, i) => samples[i].push({ ...r, cpuRatio: r.cpu / rows[0].cpu, wallRatio: r.wall / rows[0].wall }));
}
console.log(`${'case'.padEnd(30)} ${'CPU ms'.padStart(7)} ${'× node'.padStart(7)} ${'wall ms'.padStart(8)} ${'× node'.padStart(7)}`);
cases.forEach(([name], i) => {
  const s = samples[i];
  const f = (k) => median(s.map((x) => x[k]));
  console.log(`${name.padEnd(30)} ${f('cpu').toFixed(0).padStart(7)} ${f('cpuRatio').toFixed(2).padStart(7)} ${f('wall').toFixed(0).padStart(8)} ${f('wallRatio').toFixed(2).padStart(7)}`);
});
rmSync(out, { recursive: true, force: true });
