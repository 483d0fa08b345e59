// What a start-up snapshot was made from, besides the code: the package's
// data/, templates/ and schemas/. The warm-up render leaves their parsed
// contents in the snapshot's heap (referral rules, the calendar, layout
// defaults, message catalogues), so a snapshot made before one of them was
// edited would render with the old text. scripts/snapshot.mjs records this
// stamp in the sidecar; bin/hattama.js uses the snapshot only while it matches.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The folders whose files the snapshot holds parsed. */
export const SNAPSHOT_INPUTS = ['data', 'templates', 'schemas'];

/**
 * A hash of every input file's path, size and modification time (not contents: it runs on every start).
 * Times are rounded to the millisecond: a copy that keeps them may differ in the fraction.
 */
export function inputsStamp(root) {
  const hash = createHash('sha256');
  for (const dir of SNAPSHOT_INPUTS) {
    const files = readdirSync(join(root, dir), { recursive: true }).map(String).sort();
    for (const f of files) {
      const s = statSync(join(root, dir, f));
      if (s.isFile()) hash.update(`${dir}/${f}\0${s.size}\0${Math.round(s.mtimeMs)}\n`);
    }
  }
  return hash.digest('hex');
}
