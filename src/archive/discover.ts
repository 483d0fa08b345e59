import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** True for a meeting record's file name. Files starting with "." or "_" are skipped (drafts, includes). */
export const isRecordFile = (name: string): boolean => /\.ya?ml$/i.test(name) && !/^[._]/.test(name) && name !== 'hattama.yaml';

/** Every record under `root`, as paths relative to it with "/" separators, sorted. */
export async function findRecords(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && isRecordFile(e.name)) out.push(relative(root, p).split(sep).join('/'));
    }
  }
  await walk(root);
  return out.sort();
}

/** A record's path without its .yaml/.yml extension: what its outputs are named after. */
export const recordBase = (record: string): string => record.replace(/\.ya?ml$/i, '');

/** A record's output relative to the output folder, with "/" separators (as the manifest, index and ledger keep it). */
export const outputRelPath = (relativeRecord: string, format: string): string => `${recordBase(relativeRecord).split('\\').join('/')}.${format}`;

/** Output path for a record: the same relative path under `outDir`, with the format's extension. */
export function outputPath(outDir: string, relativeRecord: string, format: string): string {
  return join(outDir, outputRelPath(relativeRecord, format));
}
