/**
 * The outputs as other programs read them: poppler's pdftotext and pdffonts,
 * qpdf, and LibreOffice opening the DOCX. These tools come from Debian; .ci/run
 * installs them and sets HATTAMA_REQUIRE_TOOLS=1 so that a missing tool fails
 * instead of skipping.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderFile } from '../src/render/render.js';
import { ROOT, SEED_RECORD, seedText, words } from './support/seed.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = { pdftotext: has('pdftotext'), pdffonts: has('pdffonts'), qpdf: has('qpdf'), soffice: has('soffice') };
const required = process.env['HATTAMA_REQUIRE_TOOLS'] === '1';

it('has the external tools when CI requires them', () => {
  if (required) expect(tools).toEqual({ pdftotext: true, pdffonts: true, qpdf: true, soffice: true });
});

/**
 * pdftotext's text without running page numbers (a page's first line when it
 * is only a number). -layout keeps table rows (role, name) on one line and
 * leaves hyphens at line ends alone.
 */
function pdftotext(file: string): string {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .map((page, i) => (i > 0 ? page.replace(/^\s*\d+\s*\n/, '') : page))
    .join('\n');
}

let dir: string;
let seedPdf: string;
let seedDocx: string;
let fullPdf: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hattama-tools-'));
  const seed = await renderFile(SEED_RECORD, { formats: ['docx', 'pdf'] });
  seedPdf = join(dir, 'seed.pdf');
  seedDocx = join(dir, 'seed.docx');
  writeFileSync(seedPdf, seed.outputs!.get('pdf')!);
  writeFileSync(seedDocx, seed.outputs!.get('docx')!);
  const full = await renderFile(join(ROOT, 'test/fixtures/full-record.yaml'), { formats: ['pdf'] });
  fullPdf = join(dir, 'full.pdf');
  writeFileSync(fullPdf, full.outputs!.get('pdf')!);
});

describe.skipIf(!tools.pdftotext)('pdftotext', () => {
  it('reads the seed PDF word for word', () => {
    expect(words(pdftotext(seedPdf))).toEqual(words(seedText()));
  });
  it('copies every Kazakh letter out as itself, both cases', () => {
    expect(pdftotext(fullPdf)).toContain('ӘҒҚҢӨҰҮҺІ әғқңөұүһі');
  });
});

describe.skipIf(!tools.pdffonts)('pdffonts', () => {
  it('lists only embedded, subset fonts', () => {
    for (const file of [seedPdf, fullPdf]) {
      const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row, row).toMatch(/\+Tinos-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
  });
});

describe.skipIf(!tools.qpdf)('qpdf', () => {
  it('finds no structural errors', () => {
    for (const file of [seedPdf, fullPdf]) {
      const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
  });
});

describe.skipIf(!tools.soffice || !tools.pdftotext)('LibreOffice', () => {
  it('opens the seed DOCX and lays it out with the seed text word for word', () => {
    const profile = mkdtempSync(join(tmpdir(), 'hattama-lo-'));
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', join(dir, 'lo'), seedDocx],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const loPdf = join(dir, 'lo', 'seed.pdf');
    expect(readFileSync(loPdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(words(pdftotext(loPdf))).toEqual(words(seedText()));
  });
});
