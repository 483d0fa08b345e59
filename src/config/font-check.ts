/**
 * A cheap check that a file named as a PDF font in hattama.yaml is a TrueType
 * font the PDF writer can embed, so a wrong path (a text file, a WOFF, an
 * OpenType CFF font, a cut-off download) is reported at hattama.yaml's line
 * instead of failing inside the font parser. It reads the sfnt table
 * directory: the tables must lie inside the file, and those a TrueType font
 * cannot do without must be there.
 */
import { closeSync, openSync, readSync, fstatSync, constants } from 'node:fs';
import { msg } from '../messages/index.js';

/** Tables every TrueType (glyf-outline) font has. */
const REQUIRED = ['cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'];

/**
 * Why `file` is not a usable TrueType font, or undefined when it is.
 * Never throws.
 */
export function fontProblem(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY);
    const st = fstatSync(fd);
    if (!st.isFile()) return msg('font.not-a-file');
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) < 12) return msg('font.too-short');
    const tag = head.toString('latin1', 0, 4);
    if (tag === 'OTTO') return msg('font.cff');
    if (tag === 'ttcf') return msg('font.collection');
    if (tag === 'wOFF' || tag === 'wOF2') return msg('font.woff');
    if (head.readUInt32BE(0) !== 0x00010000 && tag !== 'true') return msg('font.not-truetype');
    const numTables = head.readUInt16BE(4);
    if (numTables === 0 || numTables > 512) return msg('font.bad-table-count');
    const dir = Buffer.alloc(numTables * 16);
    if (readSync(fd, dir, 0, dir.length, 12) < dir.length) return msg('font.cut-directory');
    const tables = new Set<string>();
    for (let i = 0; i < numTables; i++) {
      const at = i * 16;
      const offset = dir.readUInt32BE(at + 8);
      const length = dir.readUInt32BE(at + 12);
      if (offset + length > st.size) return msg('font.cut-table');
      tables.add(dir.toString('latin1', at, at + 4));
    }
    const missing = REQUIRED.filter((t) => !tables.has(t));
    if (missing.length) return msg('font.missing-tables', { tables: missing.join(', ') });
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? msg('font.missing') : code === 'EISDIR' ? msg('font.folder') : code === 'EACCES' || code === 'EPERM' ? msg('font.permission') : msg('font.unreadable', { code: code ?? 'error' });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
