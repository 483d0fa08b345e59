/**
 * A command that started from the start-up snapshot can hand itself back to
 * the launcher (bin/hattama.js), which then runs it in its own process from
 * the ordinary bundle. A large build does: the snapshot saves about a second
 * of start-up, nothing against thousands of records, while its process
 * stands beside the launcher's for the whole build (≈ 45 MB more at the peak:
 * two `node` processes instead of one).
 */
import { appendFileSync, writeSync } from 'node:fs';
import { discoverRecords } from '../archive/discover.js';

/**
 * Records from which a build runs in the launcher's process instead. The
 * snapshot's gain is fixed (≈ 1 s of CPU: start-up, and this thread warm from
 * its first record); at 2,000 records that is under 2% of the build.
 * HATTAMA_TEST_SNAPSHOT_RECORDS sets it for tests.
 */
const SNAPSHOT_BUILD_RECORDS = 2000;

/** The pipe to the launcher while a command runs from the snapshot. */
let launcher: number | undefined;

/** Called by the snapshot's start function with the launcher's pipe. */
export function startedByLauncher(fd: number): void {
  launcher = fd;
}

/** The most records a build runs from the snapshot (see {@link SNAPSHOT_BUILD_RECORDS}). */
function snapshotBuildRecords(): number {
  const n = Number(process.env['HATTAMA_TEST_SNAPSHOT_RECORDS']);
  return Number.isInteger(n) && n >= 0 ? n : SNAPSHOT_BUILD_RECORDS;
}

/**
 * Hands a build of the records under `dir` back to the launcher when it is
 * large (see {@link SNAPSHOT_BUILD_RECORDS}) and this process runs from the
 * snapshot. True when the launcher will run it: this process must then end
 * without reading further or writing anything. (The records are walked again
 * by the build itself: ≈ 10 ms at 1,000 records.)
 */
export async function handBuildOver(dir: string): Promise<boolean> {
  return launcher !== undefined && (await discoverRecords(dir)).records.length > snapshotBuildRecords() && handOver(launcher);
}

/**
 * Asks the launcher (its pipe given) to run this command itself, from the
 * start. True when it will: this process must then end without reading
 * further or writing anything.
 */
function handOver(launcher: number): boolean {
  try {
    writeSync(launcher, 'h');
    // For test/startup.test.ts (see the snapshot's start function).
    const probe = process.env['HATTAMA_SNAPSHOT_PROBE'];
    if (probe) appendFileSync(probe, 'handed over\n');
    return true;
  } catch {
    return false;
  }
}
