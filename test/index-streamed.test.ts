/**
 * The index and other large outputs written piece by piece: the same bytes as
 * the whole-string texts (renderIndex), whatever the template does with the
 * embedded data, and a write that fails midway leaves the earlier good file.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexPieces, renderIndex } from '../src/archive/index-page.js';
import { Spill } from '../src/archive/spill.js';
import { writeOutputStreamed, WriteError } from '../src/archive/output.js';
import type { ArchiveEntry } from '../src/archive/entry.js';

const HOSTILE = `</script><b>&"'x<!--\u2028`;
const HEAD = { head: '3594f7b52f243e82fda81698cdc4cf78ab5f7e26433aeeb6abc32e23b9a9f375', entries: 2 };

function entry(i: number, p: Partial<ArchiveEntry> = {}): ArchiveEntry {
  const year = 2024 + (i % 3);
  const record = `${year}/board-${String(i).padStart(3, '0')}.yaml`;
  return {
    record,
    outputs: { docx: record.replace(/yaml$/, 'docx'), pdf: record.replace(/yaml$/, 'pdf') },
    language: i % 5 === 0 ? 'ru' : 'kk',
    body: i % 2 ? 'board-of-trustees' : 'pedagogical-council',
    organisation: '№1 «Еркетай» бөбекжай балабақшасы',
    title: `Хаттама №${i}`,
    number: i,
    date: `${year}-0${1 + (i % 9)}-1${i % 10}`,
    year,
    agenda: [`Мәселе ${i}`, HOSTILE],
    resolutions: i % 4,
    status: i % 3 ? 'signed' : 'draft',
    ...(i % 7 === 3 && { amends: `${year}/board-${String(i - 1).padStart(3, '0')}.yaml` }),
    ...(i % 2 === 0 && { search: { chair: 'Аметов Е.Д', decisions: [`Шешім ${i} ${HOSTILE}`] } }),
    ...p,
  };
}

const ENTRIES = Array.from({ length: 40 }, (_, i) => entry(i + 1));
const joined = (pieces: Iterable<string>): string => [...pieces].join('');
const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'hattama-streamed-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A template folder whose kk page is `source`. */
function template(source: string): string {
  const d = tmp();
  mkdirSync(join(d, 'kk'), { recursive: true });
  writeFileSync(join(d, 'kk', 'index.html.hbs'), source);
  return d;
}

describe('indexPieces: the same bytes as renderIndex', () => {
  const cases: [string, readonly ArchiveEntry[], Parameters<typeof renderIndex>[1]][] = [
    ['many meetings, sealed, with the ledger head', ENTRIES, { lang: 'kk', sealed: new Set([ENTRIES[1]!.record]), ledger: HEAD }],
    ['without a ledger head, in Russian', ENTRIES, { lang: 'ru' }],
    ['one meeting', ENTRIES.slice(0, 1), { lang: 'kk', ledger: HEAD }],
    ['no meetings', [], { lang: 'kk' }],
    ['no meetings, with the ledger head', [], { lang: 'ru', ledger: HEAD }],
  ];
  for (const [name, entries, options] of cases) {
    it(name, () => {
      const whole = renderIndex(entries, options);
      const pieces = indexPieces(entries, options);
      expect(joined(pieces.json)).toBe(whole.json);
      expect(joined(pieces.html)).toBe(whole.html);
      // Iterated again (a retried write), the same text.
      expect(joined(pieces.json)).toBe(whole.json);
      expect(joined(pieces.html)).toBe(whole.html);
    });
  }

  it('gives index.json in many pieces, never as one', () => {
    expect([...indexPieces(ENTRIES, { lang: 'kk' }).json].length).toBeGreaterThan(ENTRIES.length);
    expect([...indexPieces(ENTRIES, { lang: 'kk' }).html].length).toBeGreaterThan(ENTRIES.length);
  });

  it('follows a template that escapes the data, uses it twice or not at all', () => {
    for (const source of [
      '<p>{{data}}</p>\n',
      '<script>{{{data}}}</script><script>{{{data}}}</script>\n',
      '<script>{{{data}}}</script><p>{{data}}</p>\n',
      '<p>{{total}} meetings</p>\n',
      '{{#each years}}<h2>{{year}}</h2>{{/each}}<script type="application/json">{{{data}}}</script>\n',
    ]) {
      const options = { lang: 'kk' as const, templates: [template(source)], ledger: HEAD };
      expect(joined(indexPieces(ENTRIES, options).html), source).toBe(renderIndex(ENTRIES, options).html);
    }
  });

  it('gives each meeting row as a piece of its own, from a spill file as from memory', () => {
    for (const spill of [Spill.open(), undefined]) {
      try {
        const options = { lang: 'kk' as const, ledger: HEAD, ...(spill && { spill }) };
        const pieces = [...indexPieces(ENTRIES, options).html];
        expect(pieces.join('')).toBe(renderIndex(ENTRIES, { lang: 'kk', ledger: HEAD }).html);
        // The page's text around the rows holds no meeting's row: each row is a piece, and holds one meeting.
        const rows = pieces.filter((p) => /id="m-/.test(p));
        expect(rows).toHaveLength(ENTRIES.length);
        for (const row of rows) expect(row.match(/id="m-/g)).toHaveLength(1);
      } finally {
        spill?.close();
      }
    }
  });

  it('follows a template that lists meetings its own way, or moves, repeats or nests the lists', () => {
    const data = '<script type="application/json">{{{data}}}</script>';
    const groups = (inner: string): string => `{{#each years}}<h2>{{year}}</h2>{{#each bodies}}<h3>{{name}} {{count}}</h3>${inner}{{/each}}{{/each}}${data}\n`;
    for (const source of [
      groups('{{#each meetings}}{{@index}}:{{@first}}:{{@last}}:{{@key}} {{title}} {{#each agenda}}[{{this}}]{{/each}};{{/each}}'),
      groups('{{#each meetings as |m i|}}{{i}} {{m.record}} {{../name}};{{else}}none{{/each}}'),
      groups('{{meetings.length}} {{#meetings}}{{title}};{{/meetings}} {{#with meetings}}{{this.[0].title}}{{/with}}'),
      groups('{{#each meetings}}{{number}};{{/each}}|{{#each meetings}}{{date}};{{/each}}'),
      groups('{{#each meetings}}{{number}}({{#each ../meetings}}{{number}},{{/each}});{{/each}}'),
      groups('{{#if meetings}}{{#each meetings}}{{title}}{{/each}}{{/if}}{{#unless meetings}}-{{/unless}}'),
      '{{#each years}}{{#each bodies}}{{#each meetings}}{{title}}{{/each}}{{/each}}{{/each}}{{#each years}}{{#each bodies}}{{#each meetings}}{{record}}{{/each}}{{/each}}{{/each}}<p>{{data}}</p>\n',
      `{{organisation}}${data}{{#each years}}{{#each bodies}}{{#each meetings}}{{title}}{{/each}}{{/each}}{{/each}}\n`,
      // A standalone partial indents every line it gives, the rows' too.
      `{{#*inline "rows"}}\n{{#each meetings}}\n<li>{{title}}</li>\n{{/each}}\n{{/inline}}\n{{#each years}}{{#each bodies}}\n<ul>\n    {{> rows}}\n</ul>\n{{/each}}{{/each}}${data}\n`,
      // The data in each row, raw and escaped, as well as in the page.
      groups('{{#each meetings}}<i>{{{@root.data}}}</i>{{/each}}'),
      groups('{{#each meetings}}<i>{{@root.data}}</i>{{/each}}'),
      // What the template makes of the data itself: its length, a character of it.
      groups('{{#each meetings}}<i>{{@root.data.length}} {{lookup @root.data 0}}</i>{{/each}}'),
      `{{!-- {{data.length}} in a comment is no use of it --}}<p>{{data.length}}</p>{{#if data}}yes{{/if}}${data}\n`,
    ]) {
      for (const entries of [ENTRIES, [entry(1, { title: 'hattamaRows7Kp2#0# hattamaRows7Kp2#1#' }), entry(2), entry(3)]]) {
        const options = { lang: 'kk' as const, templates: [template(source)], ledger: HEAD, organisation: 'hattamaRows7Kp2#0#' };
        const spill = Spill.open();
        try {
          expect(joined(indexPieces(entries, { ...options, spill }).html), source).toBe(renderIndex(entries, options).html);
        } finally {
          spill.close();
        }
      }
    }
  });

  it('works from keys, reading each whole entry from its source once per text', () => {
    const byRecord = new Map(ENTRIES.map((e) => [e.record, e]));
    const read: string[] = [];
    const keys = ENTRIES.map(({ title: _t, agenda: _a, resolutions: _r, search: _s, ...key }) => key);
    const source = { keys, entry: (record: string) => (read.push(record), byRecord.get(record)!) };
    const times = (): number[] => [...new Set(ENTRIES.map((e) => read.filter((r) => r === e.record).length))];
    const pieces = indexPieces(source, { lang: 'kk', ledger: HEAD });
    // The page's rows: each meeting once.
    expect(times()).toEqual([1]);
    const whole = renderIndex(ENTRIES, { lang: 'kk', ledger: HEAD });
    expect(joined(pieces.json)).toBe(whole.json);
    expect(times()).toEqual([2]);
    expect(joined(pieces.html)).toBe(whole.html);
    expect(times()).toEqual([3]);
  });

  it('throws as renderIndex does for a broken template, before any piece', () => {
    const options = { lang: 'kk' as const, templates: [template('{{#each years}}{{lookup}}{{/each}}')] };
    expect(() => renderIndex(ENTRIES, options)).toThrow();
    expect(() => indexPieces(ENTRIES, options)).toThrow();
  });
});

describe('writeOutputStreamed', () => {
  it('writes the pieces as one file, the same bytes as the whole text', async () => {
    const d = tmp();
    const { json, html } = indexPieces(ENTRIES, { lang: 'kk', ledger: HEAD });
    const whole = renderIndex(ENTRIES, { lang: 'kk', ledger: HEAD });
    await writeOutputStreamed(join(d, 'index.json'), json, { durable: false, root: d });
    await writeOutputStreamed(join(d, 'index.html'), html, { root: d });
    expect(readFileSync(join(d, 'index.json'), 'utf8')).toBe(whole.json);
    expect(readFileSync(join(d, 'index.html'), 'utf8')).toBe(whole.html);
  });

  it('joins pieces larger and smaller than its batch', async () => {
    const d = tmp();
    const big = 'ә'.repeat(700_000);
    const pieces = ['a', big, 'b', big, big, 'c'];
    await writeOutputStreamed(join(d, 'x.txt'), pieces, { durable: false, root: d });
    expect(readFileSync(join(d, 'x.txt'), 'utf8')).toBe(pieces.join(''));
  });

  it('leaves the earlier good file in place, and no temporary file, when the text fails midway', async () => {
    const d = tmp();
    const file = join(d, 'index.json');
    writeFileSync(file, 'the good one\n');
    function* failing(): Generator<string> {
      yield 'x'.repeat(3 << 20); // past a batch: part of it is on disk already
      throw new Error('rendering failed');
    }
    const err = await writeOutputStreamed(file, failing(), { durable: false, root: d }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect(readFileSync(file, 'utf8')).toBe('the good one\n');
    expect(readdirSync(d)).toEqual(['index.json']);
  });
});
