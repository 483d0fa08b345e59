/**
 * The same record gives byte-identical files whatever the time or time zone.
 * Renders run in separate processes more than 2 s apart (ZIP times have 2 s
 * resolution, so a closer pair could hide a clock leak).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cliEnv, hattama } from './support/cli.js';
import { SEED_RECORD } from './support/seed.js';
import { readDocxPart } from './support/docx-xml.js';

function render(tz: string, sourceDateEpoch?: string): { docx: Buffer; pdf: Buffer } {
  const out = mkdtempSync(join(tmpdir(), 'hattama-det-'));
  const env: NodeJS.ProcessEnv = { ...cliEnv(), TZ: tz };
  delete env['SOURCE_DATE_EPOCH'];
  if (sourceDateEpoch) env['SOURCE_DATE_EPOCH'] = sourceDateEpoch;
  const r = hattama(['render', SEED_RECORD, '--out', out], { env });
  expect(r.code, r.stderr).toBe(0);
  return { docx: readFileSync(join(out, '2025-12-25-board-of-trustees-02.docx')), pdf: readFileSync(join(out, '2025-12-25-board-of-trustees-02.pdf')) };
}

describe('deterministic output', () => {
  it('two renders 2+ s apart in Almaty and Los Angeles are byte-identical', async () => {
    const a = render('Asia/Almaty');
    await sleep(2100);
    const b = render('America/Los_Angeles');
    expect(a.docx.equals(b.docx)).toBe(true);
    expect(a.pdf.equals(b.pdf)).toBe(true);
    // stamped with the meeting date, not the clock
    expect(readDocxPart(a.docx, 'docProps/core.xml')).toContain('2025-12-25T00:00:00Z');
    expect(a.pdf.toString('latin1')).toContain('(D:20251225000000Z)');
    expect(a.pdf.toString('latin1')).toContain('<xmp:CreateDate>2025-12-25T00:00:00Z</xmp:CreateDate>');
  });

  it('uses SOURCE_DATE_EPOCH when set', () => {
    const a = render('UTC', '1767225600'); // 2026-01-01T00:00:00Z
    expect(readDocxPart(a.docx, 'docProps/core.xml')).toContain('2026-01-01T00:00:00Z');
    expect(a.pdf.toString('latin1')).toContain('(D:20260101000000Z)');
  });
});
