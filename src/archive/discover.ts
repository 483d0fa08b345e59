import { readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import type { Diagnostic } from '../parse/diagnostic.js';
import { join, relative, sep } from 'node:path';
import { msg } from '../messages/index.js';

/** True for a meeting record's file name. Files starting with "." or "_" are skipped (drafts, includes). */
export const isRecordFile = (name: string): boolean => /\.ya?ml$/i.test(name) && !/^[._]/.test(name) && name !== 'hattama.yaml';

/** Records found under a folder, and what could not be looked at. */
export interface Discovery {
  /** Paths relative to the folder, "/" separators, sorted. */
  readonly records: string[];
  /**
   * Record files and folders that are symbolic links (never followed: a record
   * must be a file inside the records folder) or cannot be read, each named.
   */
  readonly problems: Diagnostic[];
}

const why = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? `permission denied (${code})` : `${code ?? (err as Error).message}`;
};

/**
 * Every record under `root`, and every record-like entry that is skipped
 * with the reason: a symbolic link (to a record or a folder), or a folder
 * that cannot be read. Never throws for what is under `root`.
 */
export async function discoverRecords(root: string): Promise<Discovery> {
  const records: string[] = [];
  const problems: Diagnostic[] = [];
  async function walk(dir: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ file: dir, severity: 'error', rule: 'archive/unreadable', message: msg('archive.folder-unreadable', { reason: why(err) }) });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isSymbolicLink() && (isRecordFile(e.name) || (await stat(p).catch(() => undefined))?.isDirectory() !== false)) {
        problems.push({ file: p, severity: 'error', rule: 'archive/symlink', message: msg('archive.symlink') });
      } else if (isRecordFile(e.name) && !e.isFile()) {
        problems.push({ file: p, severity: 'error', rule: 'archive/unreadable', message: msg('archive.not-a-file') });
      } else if (e.isFile() && isRecordFile(e.name)) records.push(relative(root, p).split(sep).join('/'));
    }
  }
  await walk(root);
  return { records: records.sort(), problems };
}

/** A record's path without its .yaml/.yml extension: what its outputs are named after. */
export const recordBase = (record: string): string => record.replace(/\.ya?ml$/i, '');

/** A record's output relative to the output folder, with "/" separators (as the manifest, index and ledger keep it). */
export const outputRelPath = (relativeRecord: string, format: string): string => `${recordBase(relativeRecord).split('\\').join('/')}.${format}`;

/** Output path for a record: the same relative path under `outDir`, with the format's extension. */
export function outputPath(outDir: string, relativeRecord: string, format: string): string {
  return join(outDir, outputRelPath(relativeRecord, format));
}
