/**
 * Broken records get every problem at its file:line:column. Each fixture in
 * test/fixtures/broken/NAME.yaml has its exact expected diagnostics beside it
 * in NAME.expected (regenerate nothing by hand-waving: read the pair).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkFile, checkSource } from '../src/validate/index.js';
import { buildDocument } from '../src/render/render.js';
import { formatDiagnostic } from '../src/parse/diagnostic.js';
import { ROOT } from './support/seed.js';

const DIR = join(ROOT, 'test', 'fixtures', 'broken');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('error positions', () => {
  it('ignores a byte-order mark at the start of a file', () => {
    const d = checkSource('x.yaml', '\uFEFFhattama: 2\n').diagnostics.map(formatDiagnostic);
    expect(d).toContain('x.yaml:1:10: error: hattama must be 1 [schema/const]');
  });

  it.each(fixtures)('%s', async (name) => {
    const file = relative(ROOT, join(DIR, name));
    const expected = readFileSync(join(DIR, name.replace(/\.yaml$/, '.expected')), 'utf8').trimEnd().split('\n');
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      // The whole check, as `hattama validate` runs it: schema, rules and template.
      const result = await buildDocument(file);
      expect(result.document).toBeUndefined();
      expect(result.diagnostics.map(formatDiagnostic)).toEqual(expected);
      expect(expected.some((l) => l.includes(': error: '))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('the valid twin of the fixtures has no diagnostics', async () => {
    const result = await checkFile(join(ROOT, 'test', 'fixtures', 'valid-minimal.yaml'));
    expect(result.diagnostics).toEqual([]);
    expect(result.record?.number).toBe(1);
  });

  it('checks leap years: 2024-02-29 is a date, 2025-02-29 is not', () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'valid-minimal.yaml'), 'utf8');
    expect(checkSource('x.yaml', text.replace('2025-09-15', '2024-02-29')).record).toBeDefined();
    const bad = checkSource('x.yaml', text.replace('2025-09-15', '2025-02-29'));
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual(['x.yaml:7:7: error: date "2025-02-29" is not a real calendar date [schema/date]']);
  });

  it('warns, without failing, on a head-count that disagrees with the list and on Latin i in Kazakh words', () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'valid-minimal.yaml'), 'utf8')
      .replace('  present: 5', '  present: 5\n  people: [Сейітова А.Б, Омарова Д.Е]')
      .replace('Жылдық жоспар бекітілсін.', 'Жылдық жоспар бекiтiлсiн.');
    const result = checkSource('x.yaml', text);
    expect(result.record).toBeDefined();
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'x.yaml:9:12: warning: attendance.present is 5 but 2 people are listed [rule/attendance-count]',
      'x.yaml:18:22: warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) [text/look-alike]',
      'x.yaml:18:24: warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) [text/look-alike]',
      'x.yaml:18:27: warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) [text/look-alike]',
    ]);
  });

  it('reports a quorum shortfall as a warning and more present than members as an error', () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'valid-minimal.yaml'), 'utf8');
    const noQuorum = checkSource('x.yaml', text.replace('  present: 5', '  present: 5\n  members: 9'));
    expect(noQuorum.diagnostics.map(formatDiagnostic)).toEqual([
      'x.yaml:9:12: warning: no quorum: 5 of 9 members present, 6 needed [rule/quorum]',
      // Without a quorum the vote adopts nothing, so the resolutions standing as adopted are worth a look.
      "x.yaml:16:12: warning: agenda item 1 adopted nothing (by the vote, or for want of a quorum) but has no decisions of its own: the meeting's resolutions are printed as adopted; put what was voted on under this item's decisions [rule/rejected-resolutions]",
    ]);
    const tooMany = checkSource('x.yaml', text.replace('  present: 5', '  present: 5\n  members: 4'));
    expect(tooMany.record).toBeUndefined();
    expect(tooMany.diagnostics.map((d) => d.rule)).toEqual(['rule/attendance-members']);
  });
});
