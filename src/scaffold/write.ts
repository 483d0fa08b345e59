/**
 * Writing a file that must not exist yet: the text goes to a temporary file
 * beside it, which is then hard-linked to the final name. link(2) fails when
 * the name exists, so an existing file is never replaced, even one created a
 * moment ago by someone else; and the file appears whole or not at all.
 */
import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Thrown when the file already exists. */
export class ExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} exists`);
    this.name = 'ExistsError';
  }
}

/**
 * Creates `path` with `text`, and the folders on the way.
 * @throws ExistsError when `path` exists; the error of the file system otherwise
 */
export function createFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    linkSync(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ExistsError(path);
    // A file system without hard links (FAT, some network shares): an exclusive create still never replaces a file.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') {
      try {
        writeFileSync(path, text, { flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new ExistsError(path);
        throw e;
      }
      return;
    }
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}
