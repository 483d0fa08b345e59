/**
 * One build at a time per output folder. A lock file holds the builder's pid;
 * a second build on the same out/ is refused while that process lives. A lock
 * left by a killed build (its process gone) is taken over.
 */
import { openSync, writeSync, closeSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file's name inside the output folder. */
export const LOCK_FILE = '.hattama-build.lock';

/** Another build holds the output folder. */
export class LockedError extends Error {
  constructor(readonly file: string, pid: number, since: string) {
    super(`another hattama build (process ${pid}, started ${since}) is writing to this output folder; wait for it to finish (if no build is running, delete ${file})`);
    this.name = 'LockedError';
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the lock on `outDir`, returning a release function (also run on exit
 * and on Ctrl-C / SIGTERM).
 * @throws LockedError when a live build holds it
 */
export function acquireLock(outDir: string): () => void {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
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
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid: number; since: string } | undefined;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; since: string };
      } catch {
        holder = undefined; // half-written by a build killed at that instant: stale
      }
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new LockedError(file, holder.pid, holder.since);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot take the build lock ${file}`);
}
