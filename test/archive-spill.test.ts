/**
 * The build's spill: texts set aside until the end come back as they went in,
 * from the file or from memory, and the file leaves nothing behind; the
 * build's claims come back from it as last set.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Spill } from '../src/archive/spill.js';
import { ClaimStore } from '../src/archive/claims.js';
import { StringPool } from '../src/archive/string-pool.js';
import type { ManifestRecord } from '../src/archive/manifest.js';

const TEXTS = ['', 'a', 'Қамқоршылық кеңес «Балдырған» №2', '👩‍👩‍👧 ә\u2028"\\', 'ө'.repeat(100_000), 'x'.repeat(70_000), '{"r":"2026/a.yaml"}'];

describe('Spill', () => {
  for (const [name, open] of [
    ['in a file', () => Spill.open()],
    ['in memory', () => Spill.inMemory()],
  ] as const) {
    it(`gives back every text as it was put, in any order (${name})`, () => {
      const spill = open();
      try {
        const refs = TEXTS.map((t) => spill.put(t));
        // Read back out of order and twice: each text from its own place.
        for (const i of [4, 0, 6, 2, 5, 1, 3, 4, 2]) expect(spill.get(refs[i]!)).toBe(TEXTS[i]);
        const late = spill.put('after the reads');
        expect(spill.get(late)).toBe('after the reads');
        expect(spill.get(refs[3]!)).toBe(TEXTS[3]);
      } finally {
        spill.close();
      }
    });
  }

  it('keeps its texts on disk, not in memory, when it can make a file', () => {
    const spill = Spill.open();
    try {
      const ref = spill.put('ә'.repeat(10));
      expect(Buffer.isBuffer(ref)).toBe(false);
      expect(ref).toEqual({ at: 0, bytes: 20 });
      expect(spill.put('b')).toEqual({ at: 20, bytes: 1 });
    } finally {
      spill.close();
    }
  });

  it.skipIf(process.platform === 'win32')('leaves no file or folder in the temporary folder, even while open', () => {
    // A temporary folder of its own, where nothing else runs.
    const saved = process.env['TMPDIR'];
    const dir = mkdtempSync(join(tmpdir(), 'hattama-spill-test-'));
    process.env['TMPDIR'] = dir;
    try {
      expect(tmpdir()).toBe(dir);
      const spill = Spill.open();
      expect(Buffer.isBuffer(spill.put('text'))).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
      spill.close();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps its texts in memory when the temporary folder cannot be used', () => {
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = join(tmpdir(), 'hattama-no-such-folder', 'below');
    try {
      const spill = Spill.open();
      const refs = TEXTS.map((t) => spill.put(t));
      expect(refs.every((r) => Buffer.isBuffer(r))).toBe(true);
      TEXTS.forEach((t, i) => expect(spill.get(refs[i]!)).toBe(t));
      spill.close();
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
  });

  it('refuses to read a file it has closed, rather than give wrong text', () => {
    const spill = Spill.open();
    const ref = spill.put('text');
    spill.close();
    expect(() => spill.get(ref)).toThrow(/closed/);
  });
});

describe('ClaimStore', () => {
  const claim = (record: string, title: string, organisation = 'O'): ManifestRecord => ({
    input: 'f'.repeat(64),
    outputs: { pdf: { size: 1, mtimeMs: 1.5, sha256: 'a'.repeat(64) } },
    entry: { record, outputs: { pdf: record.replace(/yaml$/, 'pdf') }, language: 'kk', body: 'board-of-trustees', organisation, title, number: 1, date: '2026-01-05', year: 2026, agenda: ['Ә'], resolutions: 0, status: 'draft' },
  });

  it('gives back the last claim set for a record, and its key', () => {
    const spill = Spill.open();
    try {
      const store = new ClaimStore(spill, new StringPool());
      store.set('2026/a.yaml', claim('2026/a.yaml', 'first'));
      store.set('2026/b.yaml', claim('2026/b.yaml', 'b'));
      store.set('2026/a.yaml', claim('2026/a.yaml', 'second', 'P'));
      expect([...store.records()]).toEqual(['2026/a.yaml', '2026/b.yaml']);
      expect(store.get('2026/a.yaml')).toEqual(claim('2026/a.yaml', 'second', 'P'));
      // The text manifest.json is written from: the claim's JSON, as set.
      expect(store.json('2026/a.yaml')).toBe(JSON.stringify(claim('2026/a.yaml', 'second', 'P')));
      expect(store.key('2026/a.yaml')?.organisation).toBe('P');
      expect(store.entry('2026/b.yaml')?.title).toBe('b');
      expect(store.get('2026/c.yaml')).toBeUndefined();
      expect([...store.keys()].map((k) => k.record)).toEqual(['2026/a.yaml', '2026/b.yaml']);
    } finally {
      spill.close();
    }
  });
});
