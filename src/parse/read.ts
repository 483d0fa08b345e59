/**
 * Reading a record file as bytes: refused before parsing when it is not a
 * regular file or larger than {@link LIMITS.maxRecordBytes}, and decoded as
 * strict UTF-8 so that a file saved in another encoding is refused at its
 * first bad byte instead of printing "�" into the minutes.
 */
import { open } from 'node:fs/promises';
import type { Diagnostic } from './diagnostic.js';
import { decodeUtf8 } from './decode.js';
import { LIMITS, formatBytes } from './limits.js';
import { msg } from '../messages/index.js';

/** The text of a record file, or the diagnostic that says why it cannot be read. */
export type ReadResult = { readonly text: string; readonly diagnostic?: undefined } | { readonly text?: undefined; readonly diagnostic: Diagnostic };

/** Reads `file` (as the user named it) within the size limit and decodes it as UTF-8. */
export async function readRecordText(file: string, maxBytes: number = LIMITS.maxRecordBytes): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { diagnostic: ioError(file, msg('parse.read.not-a-file')) };
      if (info.size > maxBytes) return { diagnostic: tooLarge(file, info.size, maxBytes) };
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? msg('parse.read.no-file') : code === 'EISDIR' ? msg('parse.read.folder') : code === 'EACCES' || code === 'EPERM' ? msg('parse.read.permission') : (code ?? msg('parse.read.failed'));
    return { diagnostic: ioError(file, reason) };
  }
  // The file may have grown between the size check and the read.
  if (bytes.length > maxBytes) return { diagnostic: tooLarge(file, bytes.length, maxBytes) };
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return { text: decoded.text };
  const hex = decoded.byte.toString(16).toUpperCase().padStart(2, '0');
  return {
    diagnostic: {
      file,
      position: decoded.position,
      severity: 'error',
      rule: 'text/utf8',
      message: msg('parse.not-utf8', { byte: `0x${hex}` }),
    },
  };
}

/** The diagnostic for a record text over the limit (also used for text handed over in memory). */
export function tooLarge(file: string, size: number, maxBytes: number = LIMITS.maxRecordBytes): Diagnostic {
  return {
    file,
    position: { line: 1, column: 1 },
    severity: 'error',
    rule: 'limit/file',
    message: msg('parse.file-too-large', { size: formatBytes(size), max: formatBytes(maxBytes) }),
  };
}

function ioError(file: string, reason: string): Diagnostic {
  return { file, severity: 'error', rule: 'io/read', message: msg('parse.read', { reason }) };
}
