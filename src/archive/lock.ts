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

/** The lock file's name inside the output folder. */
export const LOCK_FILE = '.hattama-build.lock';

/** Another build holds the output folder. */
export class LockedError extends Error {
  constructor(readonly file: string, pid: number, since: string) {
    super(`another hattama build (process ${pid}, started ${since}) is writing to this output folder; wait for it to finish (if no build is running, delete ${file})`);
    this.name = 'LockedError';
  }
}

/** The output folder is not a folder. */
export class OutputFolderError extends Error {}

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
 * @throws LockedError when a live build holds it; OutputFolderError when outDir is a file
 */
export function acquireLock(outDir: string): () => void {
  if (statSync(outDir, { throwIfNoEntry: false })?.isFile()) throw new OutputFolderError(`the output folder "${outDir}" is a file`);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, JSON.stringify(me));
    try {
      linkSync(tmp, file);
      rmSync(tmp, { force: true });
      return releaser(file);
    } catch (err) {
      rmSync(tmp, { force: true });
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
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
  throw new Error(`cannot take the build lock ${file}`);
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
