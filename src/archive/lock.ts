/**
 * One build at a time per output folder. A lock file holds the builder's pid;
 * a second build on the same out/ is refused while that process lives. A lock
 * left by a killed build (its process gone) is taken over.
 *
 * The lock is created with its content in one step (a temporary file hard-
 * linked to the lock's name, which fails if the lock exists), so no build ever
 * reads a half-written lock; a stale lock is taken over by renaming it aside,
 * which only one of two contenders can do.
 */
import { linkSync, readFileSync, renameSync, rmSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { msg } from '../messages/index.js';

/** The lock file's name inside the output folder. */
export const LOCK_FILE = '.hattama-build.lock';

/** Another build holds the output folder. */
export class LockedError extends Error {
  constructor(readonly file: string, pid: number, since: string) {
    super(msg('lock.locked', { pid, since, file }));
    this.name = 'LockedError';
  }
}

/** The output folder cannot be used: it is a file, or cannot be created or written to. */
export class OutputFolderError extends Error {
  constructor(
    /** The output folder, as given. */
    readonly folder: string,
    message: string,
    /** The file system's error code, when there was one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/** The output folder's problem in words, from the file system's error. */
function outputFolderError(folder: string, err: unknown): OutputFolderError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOTDIR' || code === 'EEXIST'
      ? msg('out-folder.not-a-folder', { code })
      : code === 'EROFS'
        ? msg('out-folder.read-only')
        : code === 'EACCES' || code === 'EPERM'
          ? msg('out-folder.permission', { code })
          : code === 'ENOSPC' || code === 'EDQUOT'
            ? msg('out-folder.disk-full', { code })
            : code === 'ENOENT'
              ? msg('out-folder.missing')
              : msg('out-folder.other', { code: code ?? (err as Error).message });
  return new OutputFolderError(folder, msg('out-folder.cannot-use', { folder, why }), code);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

type Holder = { pid: number; since: string };
const readHolder = (file: string): Holder | undefined => {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    return typeof h.pid === 'number' ? h : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Takes the lock on `outDir`, returning a release function (also run on exit
 * and on Ctrl-C / SIGTERM).
 * @throws LockedError when a live build holds it; OutputFolderError when outDir is a file or cannot be written to
 */
export function acquireLock(outDir: string): () => void {
  try {
    const existing = statSync(outDir, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory()) throw new OutputFolderError(outDir, msg('out-folder.is-file', { folder: outDir }), 'ENOTDIR');
    mkdirSync(outDir, { recursive: true });
  } catch (err) {
    throw err instanceof OutputFolderError ? err : outputFolderError(outDir, err);
  }
  const file = join(outDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      writeFileSync(tmp, JSON.stringify(me), { flag: 'wx' });
    } catch (err) {
      rmSync(tmp, { force: true });
      throw outputFolderError(outDir, err);
    }
    try {
      linkSync(tmp, file);
      rmSync(tmp, { force: true });
      return releaser(file);
    } catch (err) {
      rmSync(tmp, { force: true });
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw outputFolderError(outDir, err);
    }
    const holder = readHolder(file);
    if (holder && alive(holder.pid)) throw new LockedError(file, holder.pid, holder.since);
    // Stale: move it aside (one contender wins), make sure it was the stale one, drop it, try again.
    const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      renameSync(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const moved = readHolder(aside);
    if (moved && alive(moved.pid)) {
      // A live build's lock appeared between the check and the rename: put it back.
      try {
        linkSync(aside, file);
      } finally {
        rmSync(aside, { force: true });
      }
      throw new LockedError(file, moved.pid, moved.since);
    }
    rmSync(aside, { force: true });
  }
  throw new Error(msg('lock.cannot-take', { file }));
}

function releaser(file: string): () => void {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    // Remove the lock only while it is still ours.
    if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
    process.off('exit', release);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    release();
    process.kill(process.pid, signal);
  };
  process.on('exit', release);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return release;
}
