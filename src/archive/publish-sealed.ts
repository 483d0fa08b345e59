/**
 * Sealed minutes in the build. A sealed record is not rendered again: the
 * build publishes the copies kept beside the ledger (meetings/sealed/), after
 * checking them against the ledger, so a later hattama, template or font
 * never changes minutes already signed. A sealed record without copies (an
 * older ledger) is rendered, and its output is published only if it is
 * byte-identical to what was sealed.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../parse/diagnostic.js';
import type { Format } from '../render/render.js';
import { buildDocument } from '../render/render.js';
import { entryOf, type ArchiveEntry } from './entry.js';
import { writeOutputs } from './output.js';
import { sealedCopyPath, sha256, sha256Record, type SealEntry } from './seal.js';
import type { ManifestRecord } from './manifest.js';
import { msg } from '../messages/index.js';

/** What publishing a sealed record did. */
export type SealedOutcome =
  | { readonly kind: 'published'; readonly changed: boolean; readonly record: ManifestRecord }
  | { readonly kind: 'no-copies' }
  | { readonly kind: 'failed'; readonly diagnostics: readonly Diagnostic[] };

/** Publishes a sealed record's kept copies into the output folder. */
export async function publishSealed(
  options: { readonly dir: string; readonly out: string; readonly formats: readonly Format[] },
  record: string,
  file: string,
  sealed: SealEntry,
  previous: ManifestRecord | undefined,
): Promise<SealedOutcome> {
  const input = `sealed:${sealed.hash}:${options.formats.join(',')}`;
  // The record itself must be as sealed: an edit is not published as if it were the signed minutes.
  if ((await sha256Record(file)) !== sealed.recordSha256) {
    return {
      kind: 'failed',
      diagnostics: [
        {
          file,
          severity: 'error',
          rule: 'seal/record-changed',
          message: msg('archive.sealed-record-changed', { seq: sealed.seq, record }),
        },
      ],
    };
  }
  const copies: { format: Format; copy: string; target: string; sha256: string; path: string }[] = [];
  for (const format of options.formats) {
    const o = sealed.outputs[format];
    if (!o) return { kind: 'no-copies' };
    const copy = sealedCopyPath(options.dir, o.path);
    if (!(await stat(copy).catch(() => undefined))) return { kind: 'no-copies' };
    copies.push({ format, copy, target: join(options.out, o.path), sha256: o.sha256, path: o.path });
  }
  const files = new Map<string, Uint8Array>();
  for (const c of copies) {
    const bytes = await readFile(c.copy);
    if (sha256(bytes) !== c.sha256) {
      return { kind: 'failed', diagnostics: [{ file: c.copy, severity: 'error', rule: 'seal/output-changed', message: msg('archive.sealed-copy-changed', { seq: sealed.seq }) }] };
    }
    const current = await readFile(c.target).catch(() => undefined);
    if (!current || sha256(current) !== c.sha256) files.set(c.target, bytes);
  }
  if (files.size) await writeOutputs(files);
  let entry: ArchiveEntry | undefined = previous?.input === input ? previous.entry : undefined;
  if (!entry) {
    const built = await buildDocument(file);
    if (!built.meeting || !built.document) return { kind: 'failed', diagnostics: built.diagnostics };
    entry = entryOf(record, Object.fromEntries(copies.map((c) => [c.format, c.path])), built.meeting, built.document.meta.title);
  }
  const outputs: ManifestRecord['outputs'] = {};
  for (const c of copies) {
    const s = await stat(c.target);
    outputs[c.format] = { size: s.size, mtimeMs: s.mtimeMs };
  }
  return { kind: 'published', changed: files.size > 0, record: { input, outputs, entry } };
}

/** For a sealed record rendered afresh: the formats whose bytes differ from what was sealed. */
export function differsFromSealed(sealed: SealEntry, outputs: Partial<Record<Format, Uint8Array>>): Format[] {
  return (Object.keys(outputs) as Format[]).filter((f) => {
    const o = sealed.outputs[f];
    return o !== undefined && sha256(outputs[f]!) !== o.sha256;
  });
}
