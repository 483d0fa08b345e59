/** rule/placeholder: what init and new leave to fill in never reaches signed, sealed minutes. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';
import { checkSource } from '../src/validate/index.js';
import { allPlaceholders } from '../src/scaffold/templates.js';

const EN = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const record = (status: 'draft' | 'signed'): string =>
  [
    'hattama: 1',
    'language: kk',
    'organisation:',
    '  name: «ҰЙЫМНЫҢ ТОЛЫҚ АТАУЫ»',
    'body: board-of-trustees',
    'number: 1',
    'date: 2025-03-01',
    'attendance:',
    '  people:',
    '    - Ахметов А.Б',
    '    - Бекова Г.Т, «МҮШЕНІҢ АТЫ-ЖӨНІ»',
    'chair: Ахметов А.Б',
    'secretary: Бекова Г.Т',
    'agenda:',
    '  - title: Мәселе',
    `status: ${status}`,
    '',
  ].join('\n');

describe('rule/placeholder', () => {
  it('reads the placeholders from the scaffold data', () => {
    expect(allPlaceholders()).toContain('«ҰЙЫМНЫҢ ТОЛЫҚ АТАУЫ»');
    expect(allPlaceholders()).toContain('«ФИО ЧЛЕНА»');
  });

  it('a draft: a warning at each placeholder, the record still usable', () => {
    const r = checkSource('r.yaml', record('draft'));
    const found = r.diagnostics.filter((d) => d.rule === 'rule/placeholder');
    expect(found.map((d) => `${d.severity} ${d.position?.line}:${d.position?.column}`)).toEqual(['warning 4:9', 'warning 11:19']);
    expect(r.record).toBeDefined();
  });

  it('a record marked signed: an error at each, the record refused', () => {
    const r = checkSource('r.yaml', record('signed'));
    const found = r.diagnostics.filter((d) => d.rule === 'rule/placeholder');
    expect(found.map((d) => `${d.severity} ${d.position?.line}:${d.position?.column}`)).toEqual(['error 4:9', 'error 11:19']);
    expect(found[0]!.message).toContain('marked signed');
    expect(r.record).toBeUndefined();
  });

  it('after init --yes, a record marked signed with its placeholders fails build and seal refuses it', () => {
    const root = mkdtempSync(join(tmpdir(), 'hattama-placeholder-'));
    dirs.push(root);
    expect(hattama(['init', '--yes'], { cwd: root, env: EN }).code).toBe(0);
    const year = readdirSync(join(root, 'meetings'))[0]!;
    const file = join(root, 'meetings', year, readdirSync(join(root, 'meetings', year))[0]!);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: draft$/m, 'status: signed'));
    expect(readFileSync(file, 'utf8')).toMatch(/^status: signed$/m);

    const v = hattama(['validate', 'meetings'], { cwd: root, env: EN });
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/:\d+:\d+: error: «[^»]+» is a placeholder, and this record is marked signed.*\[rule\/placeholder\]/);
    const b = hattama(['build'], { cwd: root, env: EN });
    expect(b.code).toBe(1);
    const s = hattama(['seal', '--yes'], { cwd: root, env: EN });
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('[rule/placeholder]');
    // Nothing entered in the seal ledger.
    const ledger = join(root, 'meetings', 'seals.jsonl');
    expect(existsSync(ledger) ? readFileSync(ledger, 'utf8') : '').toBe('');
  });
});
