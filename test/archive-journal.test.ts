/**
 * The manifest journal: claims appended as records finish are read back over
 * manifest.json, a withdrawn claim is gone, a line cut short by a kill is
 * ignored, and a claim naming a path outside out/ is refused.
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_FILE, ManifestJournal, readManifest, writeManifest, type ManifestRecord } from '../src/archive/manifest.js';

const claimFor = (record: string, pdf = record.replace(/\.yaml$/, '.pdf')): ManifestRecord => ({
  input: 'x',
  outputs: { pdf: { size: 3, mtimeMs: 1 } },
  entry: { record, outputs: { pdf }, language: 'kk', body: 'board-of-trustees', organisation: 'O', title: 'T', number: 1, date: '2026-01-05', year: 2026, agenda: [], resolutions: 0, status: 'draft' },
});

describe('the manifest journal', () => {
  it('replays claims over manifest.json, withdrawals included, and ignores a cut line', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hattama-journal-'));
    const first: Record<string, ManifestRecord> = { '2026/a.yaml': claimFor('2026/a.yaml'), '2026/b.yaml': claimFor('2026/b.yaml') };
    await writeManifest(out, Object.keys(first), (r) => JSON.stringify(first[r]));
    const journal = await ManifestJournal.open(out);
    await journal.claim('2026/a.yaml', null);
    await journal.claim('2026/c.yaml', claimFor('2026/c.yaml'));
    await journal.close();
    appendFileSync(join(out, JOURNAL_FILE), '{"r":"2026/b.yaml","m":nu');
    const { manifest, problems } = await readManifest(out);
    expect(Object.keys(manifest.records).sort()).toEqual(['2026/b.yaml', '2026/c.yaml']);
    expect(problems).toEqual([]);
    // A finished build folds the journal into manifest.json and removes it.
    const again = await ManifestJournal.open(out);
    await writeManifest(out, Object.keys(manifest.records), (r) => JSON.stringify(manifest.records[r]));
    await again.finish();
    expect(existsSync(join(out, JOURNAL_FILE))).toBe(false);
    expect(Object.keys((await readManifest(out)).manifest.records).sort()).toEqual(['2026/b.yaml', '2026/c.yaml']);
  });

  it('refuses a journaled claim that points outside out/, naming it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hattama-journal-'));
    mkdirSync(join(out, '2026'));
    writeFileSync(join(out, JOURNAL_FILE), `${JSON.stringify({ r: '2026/x.yaml', m: claimFor('2026/x.yaml', '../../victim.txt') })}\n`);
    const { manifest, problems } = await readManifest(out);
    expect(manifest.records).toEqual({});
    expect(problems.map((p) => p.message)).toEqual([
      'entry "2026/x.yaml" refused: its pdf output "../../victim.txt" is refused: it points outside ' + out + '; it was ignored and nothing was read, written or deleted through it',
    ]);
  });
});
