/**
 * An output folder that fails under the build — full, read-only, not
 * writable — gives a message naming the folder and the error, exit 1, and
 * every record's result still reported; never an internal error. The file
 * system's failures are simulated (the tests run as root, where permissions
 * do not bite, and no disk is filled).
 */
import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import * as fsp from 'node:fs/promises';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './support/seed.js';
import { buildArchive } from '../src/archive/build.js';
import { buildCommand } from '../src/cli/commands/build.js';
import { writeOutputs, WriteError } from '../src/archive/output.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, open: vi.fn(actual.open), rename: vi.fn(actual.rename) };
});

const SEED = '2025/2025-12-25-board-of-trustees-02';
let dir: string;
let out: string;

beforeEach(() => {
  const base = mkdtempSync(join(tmpdir(), 'hattama-io-'));
  dir = join(base, 'meetings');
  out = join(base, 'out');
  cpSync(join(ROOT, 'meetings'), dir, { recursive: true });
  const draft = readFileSync(join(dir, `${SEED}.yaml`), 'utf8').replace('status: signed', 'status: draft');
  writeFileSync(join(dir, '2025/a.yaml'), draft.replace('number: 2', 'number: 3').replace('date: 2025-12-25', 'date: 2025-12-28'));
  writeFileSync(join(dir, '2025/b.yaml'), draft.replace('number: 2', 'number: 4').replace('date: 2025-12-25', 'date: 2025-12-29'));
});

afterEach(() => {
  vi.mocked(fsp.open).mockReset();
  vi.mocked(fsp.rename).mockReset();
});

/** Every file opened under the output folder fails with `code`. */
async function failWrites(code: string): Promise<void> {
  const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
  vi.mocked(fsp.open).mockImplementation(((path: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
    if (String(path).startsWith(out)) return Promise.reject(Object.assign(new Error(`${code}: simulated`), { code }));
    return (actual.open as (...a: unknown[]) => Promise<fsp.FileHandle>)(path, ...rest);
  }) as typeof actual.open);
}

describe('an output folder that fails under the build', () => {
  it.each([
    ['ENOSPC', 'the disk is full (ENOSPC) in'],
    ['EROFS', 'is on a read-only file system (EROFS)'],
    ['EACCES', 'permission denied (EACCES) in'],
  ])('%s: every record reported as failed, naming the folder and the error; the index and manifest too', async (code, words) => {
    await failWrites(code);
    const summary = await buildArchive({ dir, out, formats: ['docx', 'pdf'], strict: false, workers: 1 });
    expect(summary.failed).toEqual([`${SEED}.yaml`, '2025/a.yaml', '2025/b.yaml']);
    const io = summary.diagnostics.filter((d) => d.rule === 'io/write');
    for (const r of ['a', 'b']) {
      expect(io.find((d) => d.file === join(dir, `2025/${r}.yaml`))?.message).toBe(
        `cannot write ${join(out, `2025/${r}.docx`)}: ${code === 'EROFS' ? `the folder ${join(out, '2025')} is on a read-only file system (EROFS)` : `${words} ${join(out, '2025')}${code === 'EACCES' ? ' (is the folder read-only, or the file open in another program?)' : ''}`}; the earlier output, if any, is unchanged`,
      );
    }
    expect(io.map((d) => d.file)).toEqual(expect.arrayContaining([join(out, 'index.html'), join(out, 'index.json'), join(out, 'manifest.json')]));
    expect(existsSync(join(out, '2025/a.pdf'))).toBe(false);
  });

  it('the command prints every record’s result and the summary, and exits 1', async () => {
    await failWrites('ENOSPC');
    const err: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await buildCommand(dir, { out, format: ['docx', 'pdf'], jobs: 1 });
    } finally {
      spy.mockRestore();
      quiet.mockRestore();
    }
    const text = err.join('');
    expect(code).toBe(1);
    expect(text).toContain(`${join(dir, '2025/a.yaml')}: error: cannot write ${join(out, '2025/a.docx')}: the disk is full (ENOSPC)`);
    expect(text).toContain(`${join(dir, '2025/b.yaml')}: error: cannot write`);
    expect(text).toContain(`${join(dir, `${SEED}.yaml`)}: error: cannot write`);
    expect(text).toMatch(/3 records: 0 built, 0 unchanged, 3 failed/);
    expect(text).not.toContain('internal error');
  });

  it('an output folder that is a file, or below a file, is named with its kind, exit 1', async () => {
    writeFileSync(out, 'a file');
    const err: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
    try {
      expect(await buildCommand(dir, { out, format: ['pdf'] })).toBe(1);
      expect(await buildCommand(dir, { out: join(out, 'sub'), format: ['pdf'] })).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(err.join('')).toContain(`error: the output folder "${out}" is a file; nothing was built`);
    expect(err.join('')).toContain(`error: the output folder "${join(out, 'sub')}" cannot be used: a file stands where a folder is needed on the way to it (ENOTDIR)`);
  });

  it('writeOutputs tells the size and time of each file as written, even when something removes it at once', async () => {
    await fsp.mkdir(out, { recursive: true });
    writeFileSync(join(out, 'x.docx'), 'old docx');
    const written = new Map<string, { size: number; mtimeMs: number }>();
    const files = new Map([
      [join(out, 'x.docx'), Buffer.from('new docx!')],
      [join(out, 'sub', 'x.pdf'), Buffer.from('new pdf')],
    ]);
    await writeOutputs(files, { root: out, written });
    for (const [file, bytes] of files) {
      const s = await fsp.stat(file);
      expect(written.get(file)).toEqual({ size: bytes.length, mtimeMs: s.mtimeMs });
    }
  });

  it.each(['deleted', 'replaced'])('a build whose output is %s by another program the moment it is in place goes on (no internal error)', async (what) => {
    const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    vi.mocked(fsp.rename).mockImplementation(async (from, to) => {
      await actual.rename(from, to);
      if (!String(to).endsWith(join('2025', 'a.pdf'))) return;
      await actual.rm(to);
      if (what === 'replaced') await actual.writeFile(to, 'not the minutes');
    });
    const summary = await buildArchive({ dir, out, formats: ['docx', 'pdf'], strict: false, workers: 1 });
    expect(summary.failed).toEqual([]);
    // The manifest tells the file as written, not what stands there now.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { records: Record<string, { outputs: { pdf: { size: number } } }> };
    expect(manifest.records['2025/a.yaml']!.outputs.pdf.size).toBeGreaterThan(1000);
    // The next build finds it missing or not as written, and renders it again.
    vi.mocked(fsp.rename).mockImplementation(actual.rename);
    const again = await buildArchive({ dir, out, formats: ['docx', 'pdf'], strict: false, workers: 1 });
    expect(again.built).toEqual(['2025/a.yaml']);
    expect(readFileSync(join(out, '2025/a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writeOutputs keeps the earlier pair when the second file cannot be written', async () => {
    await fsp.mkdir(out, { recursive: true });
    writeFileSync(join(out, 'x.docx'), 'old docx');
    writeFileSync(join(out, 'x.pdf'), 'old pdf');
    const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    vi.mocked(fsp.open).mockImplementation(((path: Parameters<typeof actual.open>[0], ...rest: unknown[]) => {
      if (String(path).includes('x.pdf.new')) return Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }));
      return (actual.open as (...a: unknown[]) => Promise<fsp.FileHandle>)(path, ...rest);
    }) as typeof actual.open);
    const files = new Map([
      [join(out, 'x.docx'), Buffer.from('new docx')],
      [join(out, 'x.pdf'), Buffer.from('new pdf')],
    ]);
    await expect(writeOutputs(files, { root: out })).rejects.toThrow(WriteError);
    expect(readFileSync(join(out, 'x.docx'), 'utf8')).toBe('old docx');
    expect(readFileSync(join(out, 'x.pdf'), 'utf8')).toBe('old pdf');
  });
});
