/**
 * Writing outputs without ever leaving a half-written file or a mismatched
 * pair. A record's files are written as one unit:
 * 1. each new file goes to a temporary name beside its target and is flushed;
 * 2. each target is replaced by one rename (atomic within a file system: the
 *    target never disappears), the old file kept aside by a hard link until
 *    all are in;
 * 3. if any step fails, what was swapped in is put back and the temporary
 *    files removed: the previous good DOCX and PDF stay together.
 * Nothing is written unless every format rendered (see render/render.ts).
 *
 * Given the output folder as `root`, nothing is ever written through a
 * symbolic link planted in it: a link at a target's name is replaced by the
 * new file (the rename replaces the link itself), and a link standing for a
 * folder on the way is refused (see root.ts).
 */
import { copyFile, link, lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname, join, basename, relative } from 'node:path';
import { confine, ConfinementError } from './root.js';
import { randomBytes } from 'node:crypto';
import { msg } from '../messages/index.js';

/** A file could not be written; nothing of the unit it belonged to was changed. */
export class WriteError extends Error {
  constructor(
    /** The output file that could not be written. */
    readonly file: string,
    reason: string,
    /** The file system's error code (ENOSPC, EROFS, EACCES, …), when there was one. */
    readonly code?: string,
  ) {
    super(msg('write.failed', { file, reason }));
    this.name = 'WriteError';
  }
}

const tag = (): string => `${process.pid}.${randomBytes(4).toString('hex')}`;
/** Temporary and set-aside files are hidden and end in .tmp, so builds can recognise and clear them. */
const sideName = (file: string, kind: 'new' | 'old'): string => join(dirname(file), `.${basename(file)}.${kind}.${tag()}.tmp`);

function reasonOf(err: unknown, file: string): string {
  if (err instanceof ConfinementError) return err.message;
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return msg('write.not-a-folder', { path: e.path ?? dirname(file) });
    case 'EISDIR':
      return msg('write.folder-in-way');
    case 'EACCES':
    case 'EPERM':
      return msg('write.permission', { code: e.code, dir: dirname(file) });
    case 'EBUSY':
      return msg('write.busy');
    case 'ENOSPC':
    case 'EDQUOT':
      return msg('write.disk-full', { code: e.code, dir: dirname(file) });
    case 'EROFS':
      return msg('write.read-only', { dir: dirname(file) });
    case 'ENOENT':
      return msg('write.missing-folder', { dir: dirname(file) });
    default:
      return e.message ?? String(err);
  }
}

async function writeFlushed(file: string, bytes: Uint8Array, durable: boolean): Promise<Stats> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(bytes);
    if (durable) await handle.sync();
    return await handle.stat();
  } finally {
    await handle.close();
  }
}

/**
 * The size and time of `file` once in place: looked up by name, as the next
 * build will (a network file system may set the time when the file is
 * closed), while it is still the file written (`opened`, its identity seen
 * from the open file). Another program may have moved or deleted it, or put
 * another in its place, by then: the file as written is told, and the next
 * build, not finding it so, renders its record again.
 */
async function inPlace(file: string, opened: Stats): Promise<WrittenFile> {
  const now = await lstat(file).catch(() => undefined);
  // An inode number is given again as soon as it is free: the size and creation time tell a new file too.
  const same = now && now.dev === opened.dev && now.ino === opened.ino && now.size === opened.size && now.birthtimeMs === opened.birthtimeMs;
  const s = same ? now : opened;
  return { size: s.size, mtimeMs: s.mtimeMs };
}

/** A file {@link writeOutputs} wrote: its size and modification time as written. */
export interface WrittenFile {
  readonly size: number;
  readonly mtimeMs: number;
}

/** How {@link writeOutputs} writes. */
export interface WriteOptions {
  /**
   * Flush each file to disk before it replaces the old one (default true), so
   * a power cut cannot leave an empty file. Archive builds turn it off: their
   * outputs are reproducible from their inputs, and a killed build still never
   * leaves a partial file (temporary name, then rename).
   */
  readonly durable?: boolean;
  /**
   * The folder the files go into (the output folder). Every file must be
   * inside it, and no folder between it and a file may be a symbolic link.
   */
  readonly root?: string;
  /**
   * Filled with each file's size and modification time, by its final path,
   * once all are in place: what a manifest records. Never an error when
   * another program has moved or deleted a file by then (see inPlace).
   */
  readonly written?: Map<string, WrittenFile>;
}

/**
 * Writes several files as one unit: all of them, or none (the old ones stay).
 * Returns the paths written.
 * @throws WriteError naming the file that failed and why
 */
export async function writeOutputs(files: ReadonlyMap<string, Uint8Array>, options: WriteOptions = {}): Promise<string[]> {
  const staged: { file: string; tmp: string; opened?: Stats }[] = [];
  const swapped: { file: string; old: string | undefined }[] = [];
  let current = '';
  try {
    for (const [file, bytes] of files) {
      current = file;
      // Checked before mkdir: a recursive mkdir would follow a planted link out of the folder.
      if (options.root !== undefined) confine(options.root, relative(options.root, file), { allowLinkAtEnd: true });
      await mkdir(dirname(file), { recursive: true });
      const existing = await lstat(file).catch(() => undefined);
      if (existing?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      const tmp = sideName(file, 'new');
      const entry: (typeof staged)[number] = { file, tmp };
      staged.push(entry);
      entry.opened = await writeFlushed(tmp, bytes, options.durable ?? true);
    }
    for (const { file, tmp } of staged) {
      current = file;
      const existing = await lstat(file).catch(() => undefined);
      // Keep the old file aside by a hard link (a copy where links are not
      // supported), then replace the target with one rename: it never
      // disappears, even for an instant, and can be put back. A symbolic link
      // at the target's name is not kept: the rename replaces the link itself.
      const old = existing?.isFile() ? sideName(file, 'old') : undefined;
      if (old) await link(file, old).catch(() => copyFile(file, old));
      swapped.push({ file, old });
      await rename(tmp, file);
    }
  } catch (err) {
    // Put back what was swapped in, newest first, then clear the temporary files.
    for (const { file, old } of swapped.reverse()) {
      if (old) await rename(old, file).catch(() => undefined);
      else await rm(file, { force: true }).catch(() => undefined);
    }
    await Promise.all(staged.map(({ tmp }) => rm(tmp, { force: true }).catch(() => undefined)));
    throw new WriteError(current, reasonOf(err, current), (err as NodeJS.ErrnoException).code);
  }
  await Promise.all(swapped.map(({ old }) => (old ? rm(old, { force: true }) : undefined)));
  if (options.written) for (const { file, opened } of staged) if (opened) options.written.set(file, await inPlace(file, opened));
  return staged.map(({ file }) => file);
}

/**
 * Writes one file from text given piece by piece, as {@link writeOutputs}
 * writes a unit of one: a temporary file beside the target, then one rename,
 * so the old file stays whole until the new one is complete. The text is
 * never held whole: at 10,000 records the manifest is tens of MB as a string.
 * @throws WriteError naming the file and why (the old file is unchanged)
 */
export async function writeOutputStreamed(file: string, pieces: Iterable<string>, options: WriteOptions = {}): Promise<void> {
  let tmp: string | undefined;
  try {
    if (options.root !== undefined) confine(options.root, relative(options.root, file), { allowLinkAtEnd: true });
    await mkdir(dirname(file), { recursive: true });
    const existing = await lstat(file).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    tmp = sideName(file, 'new');
    const handle = await open(tmp, 'wx');
    try {
      // Pieces gathered to about 1 MB per write: few system calls, little held.
      let batch = '';
      for (const piece of pieces) {
        batch += piece;
        if (batch.length >= 1 << 20) {
          await handle.write(batch);
          batch = '';
        }
      }
      if (batch) await handle.write(batch);
      if (options.durable ?? true) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    if (tmp) await rm(tmp, { force: true }).catch(() => undefined);
    throw new WriteError(file, reasonOf(err, file), (err as NodeJS.ErrnoException).code);
  }
}
