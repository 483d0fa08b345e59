/**
 * Writing outputs without ever leaving a half-written file: each file is
 * written to a temporary name in the same folder, flushed, then renamed over
 * the old one (rename is atomic within a file system). A record's outputs are
 * only written once every format has rendered, so a failed render leaves the
 * previous good files untouched.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writes one file atomically. */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes several files, each atomically; returns the paths written. */
export async function writeOutputs(files: ReadonlyMap<string, Uint8Array>): Promise<string[]> {
  const written: string[] = [];
  for (const [file, bytes] of files) {
    await writeFileAtomic(file, bytes);
    written.push(file);
  }
  return written;
}
