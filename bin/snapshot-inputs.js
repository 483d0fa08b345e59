// What a start-up snapshot was made from, besides the code: the package's
// data/, templates/ and schemas/. The warm-up render leaves their parsed
// contents in the snapshot's heap (referral rules, the calendar, layout
// defaults, message catalogues), so a snapshot made before one of them was
// edited would render with the old text. scripts/snapshot.mjs records this
// stamp in the sidecar; bin/hattama.js uses the snapshot only while it matches.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { textHash } from './text-hash.js';

/** The folders whose files the snapshot holds parsed. */
export const SNAPSHOT_INPUTS = ['data', 'templates', 'schemas'];

/**
 * A hash of every input file's path, size, modification time and change time (not contents: it runs
 * on every start). The change time is there because the modification time can be set back (`cp -p`,
 * `touch -d`, `rsync -a`, tar) after an edit that kept the size; the change time cannot.
 * Times are rounded to the millisecond.
 * The stamp tells changed from unchanged; it guards against no one (see text-hash.js).
 */
export function inputsStamp(root) {
  const lines = [];
  for (const dir of SNAPSHOT_INPUTS) {
    const files = readdirSync(join(root, dir), { recursive: true }).map(String).sort();
    for (const f of files) {
      const s = statSync(join(root, dir, f));
      if (s.isFile()) lines.push(`${dir}/${f}\0${s.size}\0${Math.round(s.mtimeMs)}\0${Math.round(s.ctimeMs)}\n`);
    }
  }
  return `${lines.length}:${textHash(lines.join(''))}`;
}
