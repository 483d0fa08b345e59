// What a start-up snapshot was made from, besides the code: the package's
// data/, templates/ and schemas/. The warm-up render leaves their parsed
// contents in the snapshot's heap (referral rules, the calendar, layout
// defaults, message catalogues), so a snapshot made before one of them was
// edited would render with the old text. scripts/snapshot.mjs records this
// stamp in the sidecar; bin/hattama.js uses the snapshot only while it matches.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The folders whose files the snapshot holds parsed. */
export const SNAPSHOT_INPUTS = ['data', 'templates', 'schemas'];

/**
 * A hash of every input file's path, size, modification time and change time (not contents: it runs
 * on every start). The change time is there because the modification time can be set back (`cp -p`,
 * `touch -d`, `rsync -a`, tar) after an edit that kept the size; the change time cannot.
 * Times are rounded to the millisecond.
 * FNV-1a in two 32-bit lanes rather than node:crypto, whose loading alone costs the launcher more than
 * the rest of this: the stamp tells changed from unchanged, it guards against no one.
 */
export function inputsStamp(root) {
  let a = 0x811c9dc5;
  let b = 0x9dc5811c;
  const add = (text) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
  };
  let count = 0;
  for (const dir of SNAPSHOT_INPUTS) {
    const files = readdirSync(join(root, dir), { recursive: true }).map(String).sort();
    for (const f of files) {
      const s = statSync(join(root, dir, f));
      if (s.isFile()) {
        add(`${dir}/${f}\0${s.size}\0${Math.round(s.mtimeMs)}\0${Math.round(s.ctimeMs)}\n`);
        count++;
      }
    }
  }
  return `${count}:${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}
