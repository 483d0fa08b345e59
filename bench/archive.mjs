#!/usr/bin/env node
// The archive build at scale, every figure a ratio against its baseline
// measured side by side in the same run:
// - full builds (DOCX+PDF) of 100 and 1,000 realistic records (seed-sized,
//   varied bodies, agendas, speakers, votes and decisions) against pandoc
//   writing DOCX only, one process per document, over the same meetings as
//   Markdown (goal: ≤ 0.25×). Rounds alternate pandoc and hattama, so both see
//   the same load; each ratio is the median of the rounds' own ratios, as wall
//   time and as CPU time (user + system: the steadier figure on a shared machine);
// - peak RSS of the whole build (its processes summed, worker threads being in-process) against the
//   goal: 150 MB at 1,000 records, 300 MB at 10,000 (--full: the 10,000-record
//   build takes minutes, so it runs only when asked);
//   beside it, the same build's PSS summed (shared pages split between the
//   processes) and its largest process's RSS (what /usr/bin/time -v reports);
// - a no-change build and a one-record incremental build against the full one.
// Usage: node bench/archive.mjs [--sizes 100,1000] [--rounds 3] [--full] [--keep] [--bin path/to/hattama.js]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const FULL = process.argv.includes('--full');
const SIZES = arg('--sizes', '100,1000').split(',').map(Number);
const ROUNDS = Number(arg('--rounds', '3'));
const BIN = resolve(arg('--bin', 'bin/hattama.js'));
const root = mkdtempSync(join(tmpdir(), 'hattama-archive-bench-'));
const seedYaml = readFileSync('meetings/2025/2025-12-25-board-of-trustees-02.yaml', 'utf8');

// A small deterministic PRNG, so every run builds the same archive.
let seed = 20251225;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const sentences = seedYaml
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => /[а-яәғқңөұүһі]/i.test(l) && l.length > 60 && !l.startsWith('#') && !l.startsWith('-'))
  .flatMap((l) => l.replace(/^(text: |- )/, '').split(/(?<=\.) /))
  .filter((s) => s.length > 30);
const titles = [
  'Мектепке дейінгі ұйымдағы мемлекеттік қызмет көрсету сапасы.',
  'Жылдық жұмыс жоспарын бекіту туралы',
  'Балалардың тамақтануын ұйымдастыру туралы',
  'Жаңа оқу жылына дайындық туралы',
  'Қамқоршылық кеңестің есебі',
  'Ата-аналармен жұмыс туралы',
  'Қысқы демалыс кезіндегі қауіпсіздік туралы',
];
const bodies = ['board-of-trustees', 'pedagogical-council', 'parents-meeting', 'methodological-council'];
const names = ['Аметов Е.Д', 'Жұмағалиева Г.Т', 'Таженова Ш.', 'Серікова А.Б', 'Нұрланов Е.К', 'Омарова Д.Е', 'Қасымов Ү.Ң'];
const q = (s) => JSON.stringify(s);

function record(i, body, number, year, perYear) {
  // Dates rise with numbers through the year.
  const date = new Date(Date.UTC(year, 0, 1 + Math.floor(((number - 1) * 360) / perYear))).toISOString().slice(0, 10);
  const month = date.slice(5, 7);
  const items = 1 + Math.floor(rand() * 3);
  const agenda = Array.from({ length: items }, (_, k) => {
    const para = () => Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(sentences)).join(' ');
    const heard = k === 0 && rand() < 0.4 ? `    heard:\n      text:\n        - ${q(para())}\n        - include: referral-rules\n` : `    heard:\n      speaker: ${q(pick(names))}\n      text: ${q(para() + '\n\n' + para())}\n`;
    const votes = rand() < 0.5 ? `    votes: { for: 5, against: 0, abstained: 1 }\n` : '';
    const decisions = rand() < 0.5 ? `    decisions:\n      - text: ${q(pick(sentences))}\n        responsible: ${q(pick(names))}\n        deadline: ${year}-${month}-28\n` : '';
    return `  - title: ${q(pick(titles))}\n${heard}${votes}${decisions}`;
  }).join('');
  return `hattama: 1
organisation:
  name: №${1 + (i % 40)} «Балдырған» бөбекжай балабақшасы
body: ${body}
number: ${number}
date: ${date}
attendance:
  present: 7
chair: ${q(pick(names))}
secretary: ${q(pick(names))}
agenda:
${agenda}resolutions:
  - ${q(pick(sentences))}
  - ${q(pick(sentences))}
`;
}

/**
 * Writes N records over 2024–2026 (the years the calendar data covers) and
 * four bodies, numbered 1, 2, 3… per body and year in date order: a clean
 * archive, where the archive checks find nothing. Returns the record files.
 */
function generate(dir, N) {
  seed = 20251225;
  const files = [];
  const perYear = Math.ceil(N / bodies.length / 3);
  for (let i = 0; i < N; i++) {
    const body = bodies[i % bodies.length];
    const k = Math.floor(i / bodies.length);
    const year = 2024 + Math.floor(k / perYear);
    const number = 1 + (k % perYear);
    const folder = join(dir, 'meetings', String(year), body);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${String(number).padStart(4, '0')}.yaml`);
    writeFileSync(file, record(i, body, number, year, perYear));
    files.push(file);
  }
  return files;
}

/**
 * Memory (KB) of every process descended from `root`, from /proc: their RSS
 * summed, and their PSS summed. `hattama build` is two processes when it
 * starts from the start-up snapshot (the launcher and the build), and both
 * hold memory at once. Summed RSS counts pages the two share (the `node`
 * binary's, ≈ 40 MB) twice; PSS splits each shared page between them, so its
 * sum is what the build takes from the machine.
 */
function treeMemKb(root) {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  let rss = 0;
  let pss = 0;
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    while (p && p !== root) p = parent.get(p);
    if (p !== root) continue;
    try {
      rss += Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
      pss += Number(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+)/m)?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return { rss, pss };
}

/**
 * Runs a command under /usr/bin/time: wall and CPU seconds (CPU counts every
 * process it started); the peak of the summed RSS of all its processes,
 * sampled every 50 ms (MB; never less than /usr/bin/time's largest single
 * process), the peak of their summed PSS, and the largest single process's
 * peak RSS (what `/usr/bin/time -v` reports as its maximum resident set).
 */
async function timed(cmd, args, cwd) {
  const child = spawn('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let peak = 0;
  let peakPss = 0;
  const sampler = setInterval(() => {
    const m = treeMemKb(child.pid);
    peak = Math.max(peak, m.rss);
    peakPss = Math.max(peakPss, m.pss);
  }, 50);
  const status = await new Promise((done) => child.on('close', done));
  clearInterval(sampler);
  const line = stderr.trim().split('\n').reverse().find((l) => l.startsWith('TIME '));
  if (!line) throw new Error(`${cmd} ${args.join(' ')} failed:\n${stderr}`);
  const [wall, user, sys, largest] = line.split(' ').slice(1).map(Number);
  return { wall, cpu: user + sys, rssMb: Math.max(peak, largest) / 1024, pssMb: peakPss / 1024, largestMb: largest / 1024, status, stderr };
}

async function build(dir) {
  const t = await timed(process.execPath, [BIN, 'build', 'meetings', '--out', 'out'], dir);
  if (t.status !== 0 && t.status !== 1) throw new Error(t.stderr);
  return t;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (s) => `${(s * 1000).toFixed(1)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

console.log(`hattama archive build: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${ROUNDS} rounds, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);

const sets = SIZES.map((n) => ({ n, dir: join(root, String(n)), files: generate(join(root, String(n)), n), runs: [] }));

// pandoc's baseline: the same meetings as Markdown, one pandoc process per document, DOCX only.
const pandoc = spawnSync('pandoc', ['--version']).status === 0;
const pandocRuns = [];
let pandocScript;
if (pandoc) {
  const sample = sets[0].files.slice(0, 100);
  const mdDir = join(root, 'md');
  mkdirSync(mdDir, { recursive: true });
  const mds = sample.map((f, i) => {
    const text = readFileSync(f, 'utf8').replace(/^(\s*)- /gm, '$1* ').replace(/^(\w+):/gm, '## $1');
    const md = join(mdDir, `${i}.md`);
    writeFileSync(md, text);
    return md;
  });
  pandocScript = join(root, 'pandoc-loop.sh');
  writeFileSync(pandocScript, mds.map((md) => `pandoc '${md}' -o '${md.replace(/\.md$/, '.docx')}'`).join('\n') + '\n');
  pandocScript = { file: pandocScript, count: mds.length };
} else {
  console.log('pandoc is not installed: no comparison (apt-get install pandoc)');
}

// Rounds: pandoc's loop, then each full build, alternating, so both meet the same load.
for (let r = 0; r < ROUNDS; r++) {
  if (pandocScript) {
    const t = await timed('sh', [pandocScript.file], root);
    pandocRuns.push({ wall: t.wall / pandocScript.count, cpu: t.cpu / pandocScript.count });
  }
  for (const set of sets) {
    rmSync(join(set.dir, 'out'), { recursive: true, force: true });
    set.runs.push(await build(set.dir));
  }
}

const pWall = pandocRuns.length ? median(pandocRuns.map((x) => x.wall)) : NaN;
const pCpu = pandocRuns.length ? median(pandocRuns.map((x) => x.cpu)) : NaN;
if (pandoc) console.log(`pandoc Markdown → DOCX, one process per document: ${ms(pWall)} wall, ${ms(pCpu)} CPU per document (median of ${pandocRuns.length})`);
const GOAL_RSS = { 1000: 150, 10000: 300 };
/**
 * The median over rounds of each round's ratio to pandoc's run just before
 * it: the two meet the same load, so a machine that slows down between
 * rounds (pandoc's own figure moved by 20% between runs here) moves both.
 */
const paired = (set, key) => `${median(set.runs.map((x, r) => x[key] / set.n / pandocRuns[r][key])).toFixed(2)}×`;
for (const set of sets) {
  const wall = median(set.runs.map((x) => x.wall)) / set.n;
  const cpu = median(set.runs.map((x) => x.cpu)) / set.n;
  const rss = Math.max(...set.runs.map((x) => x.rssMb));
  const goal = GOAL_RSS[set.n];
  const others = `PSS summed ${Math.max(...set.runs.map((x) => x.pssMb)).toFixed(0)} MB, largest process ${Math.max(...set.runs.map((x) => x.largestMb)).toFixed(0)} MB`;
  console.log(
    `${String(set.n).padStart(6)} records, full build (DOCX+PDF): ${ms(wall)} wall, ${ms(cpu)} CPU per record` +
      (pandoc ? ` = ${paired(set, 'wall')} pandoc's wall, ${paired(set, 'cpu')} its CPU (goal ≤ 0.25×)` : '') +
      `; peak RSS ${rss.toFixed(0)} MB summed over its processes` + (goal ? ` = ${ratio(rss, goal)} the ${goal} MB goal` : '') + ` (${others})`,
  );
  // Incremental builds, against the full build.
  const full = median(set.runs.map((x) => x.wall));
  const none = await build(set.dir);
  const f = set.files[Math.floor(set.n / 2)];
  writeFileSync(f, readFileSync(f, 'utf8').replace('present: 7', 'present: 6'));
  const one = await build(set.dir);
  console.log(`${' '.repeat(14)}no change: ${none.wall.toFixed(2)} s = ${ratio(none.wall, full)} the full build; one record changed: ${one.wall.toFixed(2)} s = ${ratio(one.wall, full)}`);
  rmSync(join(set.dir, 'out'), { recursive: true, force: true });
}

if (FULL) {
  // 10,000 records: one build, for its peak memory (and its time per record, for the README's arithmetic).
  const dir = join(root, '10000');
  generate(dir, 10000);
  const t = await build(dir);
  console.log(
    ` 10000 records, full build: ${ms(t.wall / 10000)} wall, ${ms(t.cpu / 10000)} CPU per record; peak RSS ${t.rssMb.toFixed(0)} MB summed over its processes = ${ratio(t.rssMb, 300)} the 300 MB goal` +
      ` (PSS summed ${t.pssMb.toFixed(0)} MB, largest process ${t.largestMb.toFixed(0)} MB)`,
  );
} else {
  console.log('(the 10,000-record build, for its peak RSS, runs with --full: several minutes)');
}

if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
else console.log(`kept ${root}`);
