#!/usr/bin/env node
// The archive build at scale: generates N realistic records (seed-sized,
// varied bodies, agendas, speakers, votes and decisions), then measures a full
// build, a no-change build and an incremental build after one record changes:
// ms per record and peak memory (RSS of the whole process, workers included).
// When pandoc is installed, it converts the same meetings (as Markdown) to
// DOCX one process each, for comparison.
// Usage: node bench/archive.mjs [--records 1000] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const N = Number(arg('--records', '1000'));
const BIN = resolve('bin/hattama.js');
const root = mkdtempSync(join(tmpdir(), 'hattama-archive-bench-'));

// A small deterministic PRNG, so every run builds the same archive.
let seed = 20251225;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const seedYaml = readFileSync('meetings/2025/2025-12-25-board-of-trustees-02.yaml', 'utf8');
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

// N records over 2024–2026 (the years the calendar data covers) and four bodies,
// numbered 1, 2, 3… per body and year in date order: a clean archive, where the
// archive checks find nothing.
const files = [];
const perYear = Math.ceil(N / bodies.length / 3);
for (let i = 0; i < N; i++) {
  const body = bodies[i % bodies.length];
  const k = Math.floor(i / bodies.length);
  const year = 2024 + Math.floor(k / perYear);
  const number = 1 + (k % perYear);
  const dir = join(root, 'meetings', String(year), body);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${String(number).padStart(4, '0')}.yaml`);
  writeFileSync(file, record(i, body, number, year, perYear));
  files.push(file);
}

function run(label) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, 'build', 'meetings', '--out', 'out'], { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t0;
  const lines = r.stderr.trim().split('\n');
  const rssMb = Number(lines[lines.length - 1]) / 1024;
  const summary = lines.find((l) => / records?: /.test(l)) ?? lines.slice(-2)[0];
  console.log(`${label.padEnd(30)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${(ms / N).toFixed(1).padStart(6)} ms/record  peak RSS ${rssMb.toFixed(0)} MB   (${summary})`);
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  return ms;
}

console.log(`hattama archive build, ${N} records, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
const full = run('full build (DOCX+PDF)');
run('no change');
writeFileSync(files[Math.floor(N / 2)], readFileSync(files[Math.floor(N / 2)], 'utf8').replace('present: 7', 'present: 6'));
run('one record changed');

const pandoc = spawnSync('pandoc', ['--version']).status === 0;
if (pandoc) {
  // The same meetings as Markdown, one pandoc process each (a sample, then per document).
  const sample = files.slice(0, Math.min(N, 100));
  const mdDir = join(root, 'md');
  mkdirSync(mdDir, { recursive: true });
  const mds = sample.map((f, i) => {
    const text = readFileSync(f, 'utf8').replace(/^(\s*)- /gm, '$1* ').replace(/^(\w+):/gm, '## $1');
    const md = join(mdDir, `${i}.md`);
    writeFileSync(md, text);
    return md;
  });
  const t0 = performance.now();
  for (const md of mds) spawnSync('pandoc', [md, '-o', md.replace(/\.md$/, '.docx')]);
  const perDoc = (performance.now() - t0) / mds.length;
  console.log(`pandoc Markdown → DOCX, one process each: ${perDoc.toFixed(1)} ms/document; hattama full build (DOCX+PDF): ${(full / N).toFixed(1)} ms/record (${(perDoc / (full / N)).toFixed(1)}× faster per document)`);
} else {
  console.log('pandoc is not installed: no comparison (apt-get install pandoc)');
}
if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
else console.log(`kept ${root}`);
