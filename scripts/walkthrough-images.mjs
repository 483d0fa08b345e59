#!/usr/bin/env node
// Draws the README walkthrough's pictures (init → new → preview → build) from a
// real run in a temporary archive, with Chromium (/usr/bin/chromium, Debian's
// package) driven by playwright-core:
//   docs/images/walkthrough-init.png     the terminal output of `hattama init --yes`, in Kazakh
//   docs/images/walkthrough-preview.png  the preview page of a filled record, 1280 wide
//   docs/images/walkthrough-index.png    the built out/index.html, 1280 wide
// Run by scripts/docs-images.sh after `npm run build`. The organisation and the
// people are made up. The init picture shows the day it is drawn.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '..');
const bin = join(repo, 'bin', 'hattama.js');
const images = join(repo, 'docs', 'images');
const work = mkdtempSync(join(tmpdir(), 'hattama-walkthrough-'));
const root = join(work, 'erketai');
// Kazakh, as a secretary with no locale set sees it; no colour codes.
const env = { ...process.env, LANG: '', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1' };

/** Runs hattama in `cwd`; returns what a terminal would show (stdout and stderr in order). */
function run(args, cwd) {
  return execFileSync('sh', ['-c', `node "${bin}" "$@" 2>&1`, 'hattama', ...args], { cwd, env, encoding: 'utf8' });
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Replaces every `from` in a file with `to`. */
function fill(file, pairs) {
  let text = readFileSync(file, 'utf8');
  for (const [from, to] of pairs) text = text.split(from).join(to);
  writeFileSync(file, text);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
let preview;
try {
  // 1. init, as a terminal shows it.
  // In the organisation's repository, where hattama is already a dev dependency.
  mkdirSync(root);
  writeFileSync(join(root, 'package.json'), '{ "name": "erketai-minutes", "private": true }\n');
  const initOut = run(['init', '--yes'], root);
  const page = await browser.newPage({ viewport: { width: 900, height: 400 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: #1e1e1e; }
    pre { margin: 0; padding: 14px 18px; color: #e6e6e6; font: 13px/1.45 'DejaVu Sans Mono', 'Liberation Mono', monospace; white-space: pre-wrap; }
    .prompt { color: #8fd18f; }
  </style><pre><span class="prompt">$</span> npx hattama init --yes\n${escapeHtml(initOut)}</pre>`);
  await page.locator('pre').screenshot({ path: join(images, 'walkthrough-init.png') });

  // 2. The secretary fills in hattama.yaml, then asks for the next meeting's record.
  fill(join(root, 'hattama.yaml'), [
    ['«ҰЙЫМНЫҢ ТОЛЫҚ АТАУЫ»', '«Еркетай» бөбекжайы'],
    ['«ПОЛНОЕ НАИМЕНОВАНИЕ ОРГАНИЗАЦИИ»', 'Ясли-сад «Еркетай»'],
    ['«ТӨРАҒАНЫҢ АТЫ-ЖӨНІ»', 'Сейітов Н.К'],
    ['«ХАТШЫНЫҢ АТЫ-ЖӨНІ»', 'Әлиева Д.М'],
    ['members: «МҮШЕНІҢ АТЫ-ЖӨНІ»', 'members: [Сейітов Н.К, Әлиева Д.М, Оспанов Б.Б, Ким А.А, Нұрланова С.Е]'],
    ['members:\n      - «МҮШЕНІҢ АТЫ-ЖӨНІ»', 'members: [Сейітов Н.К, Әлиева Д.М, Оспанов Б.Б, Ким А.А, Нұрланова С.Е]'],
    ['# region: aktobe', 'region: aktobe'],
  ]);
  rmSync(join(root, 'meetings'), { recursive: true });
  const newOut = run(['new', 'board-of-trustees', '--date', '2026-01-29'], root);
  const record = /^meetings\/\S+\.yaml$/m.exec(newOut)?.[0];
  if (!record) throw new Error(`new printed no record path:\n${newOut}`);
  fill(join(root, record), [
    [
      '  - title: «КҮН ТӘРТІБІНДЕГІ МӘСЕЛЕНІҢ АТАУЫ»\n',
      [
        '  - title: 2026 жылғы қамқоршылық кеңестің жұмыс жоспарын бекіту туралы',
        '    rapporteur: Сейітов Н.К',
        '    heard:',
        '      text: Кеңес төрағасы 2026 жылға арналған жұмыс жоспарының жобасымен таныстырды.',
        '    decisions:',
        '      - 2026 жылғы жұмыс жоспары бекітілсін.',
        '',
      ].join('\n'),
    ],
  ]);
  run(['validate', record], root);

  // 3. preview: the page as the secretary sees it while writing.
  preview = spawn('node', [bin, 'preview', record, '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((ok, fail) => {
    let seen = '';
    const look = (chunk) => {
      seen += chunk;
      const m = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(seen);
      if (m) ok(m[0]);
    };
    preview.stdout.on('data', look);
    preview.stderr.on('data', look);
    preview.on('exit', () => fail(new Error(`preview stopped: ${seen}`)));
  });
  const view = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await view.goto(url);
  // Wait until pdf.js has drawn the first page (dark pixels on its canvas).
  await view.waitForFunction(() => {
    const c = document.querySelector('canvas.sheet');
    const d = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; d && i < d.length; i += 4) if (d[i] < 128) ink++;
    return ink > 2000;
  }, undefined, { timeout: 30_000 });
  await view.screenshot({ path: join(images, 'walkthrough-preview.png') });

  // 4. build, and the index page it writes.
  run(['build'], root);
  const index = await browser.newPage({ viewport: { width: 1280, height: 960 }, deviceScaleFactor: 1 });
  await index.goto(`file://${join(root, 'out', 'index.html')}`);
  await index.screenshot({ path: join(images, 'walkthrough-index.png') });
} finally {
  preview?.kill();
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
