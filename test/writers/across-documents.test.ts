/**
 * The writers keep things across the documents of one process, for speed:
 * parsed fonts, laid-out word runs (src/writers/pdf/faces.ts), each font's
 * hinting tables (subset.ts), deflated DOCX parts (docx/zip.ts), compiled
 * shared DOCX parts. None of it may change a document's bytes: the seed,
 * rendered again after other minutes in the same process (Russian, three
 * agenda items, other words), must be byte for byte what it was first.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { renderFile } from '../../src/render/render.js';
import { ROOT, SEED_RECORD } from '../support/seed.js';

const OTHERS = [
  join(ROOT, 'examples', 'three-items-ru', 'meetings', '2026', '2026-02-19-pedagogical-council-02.yaml'),
];

describe('what the writers keep across documents', () => {
  it('renders the seed to the same bytes before and after other minutes', async () => {
    const first = await renderFile(SEED_RECORD, { formats: ['docx', 'pdf'] });
    for (const file of OTHERS) expect((await renderFile(file, { formats: ['docx', 'pdf'] })).outputs?.size).toBe(2);
    const again = await renderFile(SEED_RECORD, { formats: ['docx', 'pdf'] });
    for (const format of ['docx', 'pdf'] as const) {
      const before = first.outputs?.get(format);
      const after = again.outputs?.get(format);
      expect(before, format).toBeDefined();
      expect(Buffer.from(after!).equals(Buffer.from(before!)), `${format} differs after other minutes`).toBe(true);
    }
  });
});
