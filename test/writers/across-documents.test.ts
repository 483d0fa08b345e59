/**
 * The writers keep things across the documents of one process, for speed:
 * parsed fonts, laid-out word runs (src/writers/pdf/faces.ts, fonts.ts),
 * each font's hinting tables (subset.ts), deflated DOCX parts (docx/zip.ts),
 * compiled shared DOCX parts. None of it may change a document's bytes: a
 * document rendered after others in one process must be byte for byte what a
 * fresh process makes of it.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { renderFile } from '../../src/render/render.js';
import { pdfText } from '../support/pdf-text.js';
import { ROOT, SEED_RECORD } from '../support/seed.js';

const EXAMPLES = join(ROOT, 'examples');
/** Minutes in other languages, profiles and layouts (bold and italic among them), rendered first. */
const OTHERS = [
  join(EXAMPLES, 'three-items-ru', 'meetings', '2026', '2026-02-19-pedagogical-council-02.yaml'),
  join(EXAMPLES, 'three-items-kk', 'meetings'),
  join(EXAMPLES, 'school-board-round-table', 'meetings'),
  join(EXAMPLES, 'pedagogical-council', 'meetings'),
];

/** The first record under `path` (a record file, or a folder of year folders). */
function recordIn(path: string): string {
  if (path.endsWith('.yaml')) return path;
  const found = readdirSync(path, { recursive: true }).map(String).filter((f) => /^20\d\d[\\/].*\.yaml$/.test(f)).sort();
  if (!found[0]) throw new Error(`no record under ${path}`);
  return join(path, found[0]);
}

/** What a fresh process (the ordinary bundle) writes for `file`. */
function freshRender(file: string): Map<string, Buffer> {
  const out = mkdtempSync(join(tmpdir(), 'hattama-fresh-'));
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'hattama.js'), 'render', file, '--out', out], { encoding: 'utf8', env: { ...process.env, HATTAMA_NO_SNAPSHOT: '1' } });
    if (r.status !== 0) throw new Error(`render ${file}: ${r.stderr}`);
    const name = basename(file, '.yaml');
    return new Map((['docx', 'pdf'] as const).map((f) => [f, readFileSync(join(out, `${name}.${f}`))]));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function inProcess(file: string): Promise<ReadonlyMap<string, Uint8Array>> {
  const r = await renderFile(file, { formats: ['docx', 'pdf'] });
  if (!r.outputs) throw new Error(`${file} did not render: ${JSON.stringify(r.diagnostics)}`);
  return r.outputs;
}

describe('what the writers keep across documents', () => {
  it('renders the seed, after minutes in other languages and layouts, to what a fresh process writes', async () => {
    for (const path of OTHERS) await inProcess(recordIn(path));
    const seed = await inProcess(SEED_RECORD);
    const fresh = freshRender(SEED_RECORD);
    for (const format of ['docx', 'pdf'] as const) {
      expect(Buffer.from(seed.get(format)!).equals(fresh.get(format)!), `${format} differs from a fresh process's`).toBe(true);
    }
  });

  it('copies a Latin p with a variation selector out as itself after Cyrillic р made its glyph as a component', async () => {
    // Tinos draws Cyrillic р with Latin p as a component; subsetting the seed made fontkit's glyph
    // object for p with no characters of its own. A later p︀ (p + U+FE00) must still copy out as p.
    await inProcess(SEED_RECORD);
    const dir = mkdtempSync(join(tmpdir(), 'hattama-vs-'));
    try {
      const file = join(dir, basename(SEED_RECORD));
      writeFileSync(file, readFileSync(SEED_RECORD, 'utf8').replace('  - Қабылданған шешімдердің', '  - Zip\uFE00per pop. Қабылданған шешімдердің'));
      const pdf = (await inProcess(file)).get('pdf')!;
      // One glyph copies out as one text (the PDF's ToUnicode map): here every p as p︀, the first one's
      // (and pdf.js then sets a space after a two-character glyph): the letters are all there.
      expect((await pdfText(pdf)).replace(/[\uFE00\s]/g, '')).toContain('Zipperpop.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
