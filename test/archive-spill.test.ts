/**
 * The build's spill: texts set aside until the end come back as they went in,
 * from the file or from memory, and the file leaves nothing behind.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Spill } from '../src/archive/spill.js';

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

  it('refuses to read a file it has closed, rather than give wrong text', () => {
    const spill = Spill.open();
    const ref = spill.put('text');
    spill.close();
    expect(() => spill.get(ref)).toThrow(/closed/);
  });
});
