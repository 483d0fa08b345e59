/** `hattama init`: a new organisation's archive that validates and builds, written without replacing anything. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import { hattama } from './support/cli.js';
import { ROOT } from './support/seed.js';
import { planInit } from '../src/scaffold/init.js';
import { askInitAnswers, InitCancelled } from '../src/scaffold/prompt.js';
import { schemaDirFor } from '../src/scaffold/templates.js';
import { configFor } from '../src/config/load.js';
import { regions } from '../src/referral/rules.js';

const EN = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const FILES = ['hattama.yaml', '.vscode/settings.json', '.github/workflows/minutes.yml', '.gitignore', 'README.md'];
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'hattama-init-'));
  dirs.push(d);
  return d;
};

/** hattama.schema.json with the schemas it refers to. */
function configSchema(): (v: unknown) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const f of ['layout.schema.json', 'style.schema.json']) ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas', f), 'utf8')), f);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'hattama.schema.json'), 'utf8')));
}

describe('hattama init --yes', () => {
  it('writes an archive that validates and builds, and lists each placeholder at its place', () => {
    const dir = tempDir();
    const r = hattama(['init', 'org', '--yes'], { cwd: dir, env: EN });
    expect(r.code).toBe(0);
    const root = join(dir, 'org');
    for (const f of FILES) expect(existsSync(join(root, f)), f).toBe(true);
    expect(r.stdout).toContain('wrote org/hattama.yaml');
    const record = /wrote (org\/meetings\/\d{4}\/\d{4}-\d{2}-\d{2}-board-of-trustees-01\.yaml)/.exec(r.stdout)?.[1];
    expect(record).toBeDefined();

    // Every placeholder printed is where it says.
    const places = [...r.stderr.matchAll(/^ {2}(\S+):(\d+):(\d+): («[^»]+»)$/gm)];
    expect(places.length).toBe(10);
    for (const [, file, line, column, text] of places) {
      expect(readFileSync(join(dir, file!), 'utf8').split('\n')[Number(line) - 1]!.slice(Number(column) - 1), `${file}:${line}`).toBe(text);
    }
    expect(r.stderr).toContain("Choose the organisation's region in hattama.yaml (region:).");
    expect(r.stderr).toContain('Next: npx hattama validate meetings · npx hattama new board-of-trustees --date YYYY-MM-DD · npx hattama preview · npx hattama build');

    // The record is a draft tied to the schema; hattama.yaml satisfies its schema and loads clean.
    const text = readFileSync(join(dir, record!), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../node_modules/hattama/schemas/meeting.schema.json');
    expect(parse(text)).toMatchObject({ status: 'draft', number: 1, body: 'board-of-trustees' });
    const validateConfig = configSchema();
    expect(validateConfig(parse(readFileSync(join(root, 'hattama.yaml'), 'utf8')))).toBe(true);
    // hattama.yaml loads with only its placeholders to fill in, each a warning at its place.
    const configWarnings = configFor(root).diagnostics;
    const inConfig = places.filter(([, file]) => file === 'org/hattama.yaml').map(([, , line, column]) => `${line}:${column}`);
    expect(configWarnings.map((d) => `${d.severity} ${d.rule} ${d.position?.line}:${d.position?.column}`)).toEqual(inConfig.map((p) => `warning rule/placeholder ${p}`));
    const settings = JSON.parse(readFileSync(join(root, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
    expect(settings['yaml.schemas']).toEqual({
      'node_modules/hattama/schemas/meeting.schema.json': ['meetings/**/*.yaml', 'meetings/**/*.yml'],
      'node_modules/hattama/schemas/hattama.schema.json': ['hattama.yaml'],
    });
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^out\/$/m);
    const workflow = readFileSync(join(root, '.github', 'workflows', 'minutes.yml'), 'utf8');
    for (const step of ['npm ci', 'npx hattama build', 'upload-pages-artifact', 'path: out']) expect(workflow).toContain(step);

    const v = hattama(['validate', 'meetings'], { cwd: root, env: EN });
    expect(v.stderr).toContain('1 record checked: all valid, 0 errors');
    expect(v.code).toBe(0);
    const b = hattama(['build'], { cwd: root, env: EN });
    expect(b.code).toBe(0);
    const out = record!.replace(/^org\/meetings\//, 'out/').replace(/\.yaml$/, '');
    for (const ext of ['.pdf', '.docx']) expect(statSync(join(root, out + ext)).size).toBeGreaterThan(1000);
    expect(readFileSync(join(root, 'out', 'index.html'), 'utf8')).toContain('board-of-trustees-01');
  });

  it('speaks Kazakh unless told otherwise', () => {
    const dir = tempDir();
    const r = hattama(['init', '--yes'], { cwd: dir, env: { ...process.env, LANG: '', LC_ALL: '', LC_MESSAGES: '' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('жазылды: hattama.yaml');
    expect(r.stderr).toContain('белгінің орнына нақты мәндерді жазыңыз');
    const other = tempDir(); // not under dir, whose hattama.yaml now says lang: kk
    const ru = hattama(['init', 'x', '--yes'], { cwd: other, env: { ...process.env, LANG: 'ru_RU.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    expect(ru.stdout).toContain('создан: x/hattama.yaml');
    // The language init spoke stays the archive's: later commands speak it with no LANG.
    expect(parse(readFileSync(join(dir, 'hattama.yaml'), 'utf8'))).toMatchObject({ lang: 'kk' });
    expect(parse(readFileSync(join(other, 'x', 'hattama.yaml'), 'utf8'))).toMatchObject({ lang: 'ru' });
    const v = hattama(['validate', 'meetings'], { cwd: dir, env: { ...process.env, LANG: '', LC_ALL: '', LC_MESSAGES: '' } });
    expect(v.code).toBe(0);
    expect(v.stderr).toContain('1 жазба тексерілді');
  });
});

describe('never replaces a file', () => {
  it('keeps what is there, names it, exits 0 (nothing to resolve); a second run finds everything and exits 0', () => {
    const root = tempDir();
    writeFileSync(join(root, 'README.md'), '# ours\n');
    const r = hattama(['init', '--yes'], { cwd: root, env: EN });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('README.md already exists: left as it is');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe('# ours\n');
    for (const f of FILES) expect(existsSync(join(root, f)), f).toBe(true);

    const before = readFileSync(join(root, 'hattama.yaml'), 'utf8');
    writeFileSync(join(root, 'hattama.yaml'), before + '# edited\n');
    const again = hattama(['init', '--yes'], { cwd: root, env: EN });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already holds an archive');
    expect(readFileSync(join(root, 'hattama.yaml'), 'utf8')).toBe(before + '# edited\n');
  });
});

describe('the questions on a terminal', () => {
  it('asks for the essentials and writes the answers, quoted where YAML needs it', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    // Regions are listed in the Kazakh alphabet's order when asked in Kazakh.
    const kkRegions = regions().map((r) => r.kk).sort((a, b) => a.localeCompare(b, 'kk'));
    const aktobe = String(kkRegions.indexOf(regions().find((r) => r.id === 'aktobe')!.kk) + 1);
    const answers = ['«Балдырған» бөбекжайы', 'Ясли «Балдырган»', aktobe, '2', 'Сейітов: Н.К', 'Әлиева Д.М', 'Оспанов Б.Б', '"Ким" А.А', ''];
    // Each answer once its question is on the screen (questions end with a space).
    output.on('data', (chunk: Buffer) => {
      if (chunk.toString().endsWith(' ') && answers.length) setImmediate(() => input.write(answers.shift()! + '\n'));
    });
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const got = await askInitAnswers('kk', input, output);
    // The regions as listed on the screen: in Kazakh alphabetical order (Ақмола before Алматы, Қ after К).
    const listed = [...shown.matchAll(/^ +(\d+)\. (.+)$/gm)].slice(0, kkRegions.length).map((m) => m[2]);
    expect(listed).toEqual(kkRegions);
    expect(kkRegions).not.toEqual(regions().map((r) => r.kk));
    expect(got).toEqual({
      organisation: { kk: '«Балдырған» бөбекжайы', ru: 'Ясли «Балдырган»' },
      region: 'aktobe',
      body: 'pedagogical-council',
      chair: 'Сейітов: Н.К',
      secretary: 'Әлиева Д.М',
      members: ['Оспанов Б.Б', '"Ким" А.А'],
    });
    const root = tempDir();
    const files = planInit(root, got, '2025-09-01');
    const config = parse(files.find((f) => f.path === 'hattama.yaml')!.text) as Record<string, unknown>;
    expect(config).toMatchObject({
      organisation: { name: { kk: '«Балдырған» бөбекжайы', ru: 'Ясли «Балдырган»' } },
      region: 'aktobe',
      bodies: { 'pedagogical-council': { chair: 'Сейітов: Н.К', secretary: 'Әлиева Д.М', members: ['Оспанов Б.Б', '"Ким" А.А'] } },
    });
    expect(configSchema()(config)).toBe(true);
    const record = files.find((f) => f.path.startsWith('meetings'))!;
    expect(record.path).toBe(join('meetings', '2025', '2025-09-01-pedagogical-council-01.yaml'));
    expect(parse(record.text)).toMatchObject({ attendance: { members: 2, people: ['Оспанов Б.Б', '"Ким" А.А'] }, chair: 'Сейітов: Н.К' });
  });
});

describe('stopping the questions', () => {
  for (const [key, byte] of [['Ctrl+D', '\x04'], ['Ctrl+C', '\x03']] as const) {
    it(`${key} at a question ends init as cancelled, not as an internal error`, async () => {
      const input = new PassThrough();
      const output = new PassThrough();
      const answers = ['«Балдырған» бөбекжайы', byte];
      output.on('data', (chunk: Buffer) => {
        if (chunk.toString().endsWith(' ') && answers.length) {
          const a = answers.shift()!;
          setImmediate(() => input.write(a === byte ? a : a + '\n'));
        }
      });
      await expect(askInitAnswers('kk', input, output)).rejects.toBeInstanceOf(InitCancelled);
    });
  }
});

describe('the CI workflow', () => {
  it("is this repository's recipe (.github/workflows/archive.yml), below its own header", () => {
    const body = (f: string): string => readFileSync(join(ROOT, f), 'utf8').replace(/^[\s\S]*?(?=^name: )/m, '');
    expect(body('templates/scaffold/minutes.yml')).toBe(body('.github/workflows/archive.yml'));
    expect(body('templates/scaffold/minutes.yml')).toContain('npx hattama build');
  });
});

describe('where the schemas are', () => {
  it('inside the archive when hattama is (installed, or this repository), else where npm install puts them', () => {
    expect(schemaDirFor(ROOT)).toBe('schemas');
    expect(schemaDirFor(join(ROOT, '..'))).toMatch(/\/schemas$/);
    // A fresh folder, so that no checkout of hattama is inside it (CI may clone into the temp folder itself).
    const elsewhere = mkdtempSync(join(tmpdir(), 'hattama-org-'));
    try {
      expect(schemaDirFor(elsewhere)).toBe('node_modules/hattama/schemas');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
