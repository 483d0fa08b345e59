/**
 * out/manifest.json: what the last build made of each record — its input
 * fingerprint, its outputs (size and modification time, to notice a changed
 * or deleted file without reading it) and its archive entry for the index.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArchiveEntry } from './entry.js';
import type { Diagnostic } from '../parse/diagnostic.js';
import { writeOutputs } from './output.js';

/** The manifest's file name in the output folder. */
export const MANIFEST_FILE = 'manifest.json';

/** One record as the last build left it. */
export interface ManifestRecord {
  /** Input fingerprint (see fingerprint.ts). */
  readonly input: string;
  readonly outputs: Partial<Record<'docx' | 'pdf', { readonly size: number; readonly mtimeMs: number }>>;
  readonly entry: ArchiveEntry;
  /** Warnings found when it was built, shown again while it is unchanged. */
  readonly diagnostics?: readonly Diagnostic[];
}

/** The whole manifest, records by path relative to the records folder. */
export interface Manifest {
  readonly hattama: 1;
  readonly records: Record<string, ManifestRecord>;
}

/** Reads the manifest; a missing or unreadable one (an older format, a hand edit) means "rebuild everything". */
export async function readManifest(out: string): Promise<Manifest> {
  try {
    const m = JSON.parse(await readFile(join(out, MANIFEST_FILE), 'utf8')) as Manifest;
    if (m.hattama === 1 && m.records && typeof m.records === 'object') return m;
  } catch {
    // rebuild everything
  }
  return { hattama: 1, records: {} };
}

/** Writes the manifest atomically. */
export async function writeManifest(out: string, manifest: Manifest): Promise<void> {
  const sorted: Manifest = { hattama: 1, records: Object.fromEntries(Object.entries(manifest.records).sort(([a], [b]) => a.localeCompare(b))) };
  // One record per line: readable, diffable, and no indentation to hold in memory at 10,000 records.
  const lines = Object.entries(sorted.records).map(([record, r]) => `${JSON.stringify(record)}:${JSON.stringify(r)}`);
  const text = `{"hattama":1,"records":{\n${lines.join(',\n')}\n}}\n`;
  await writeOutputs(new Map([[join(out, MANIFEST_FILE), Buffer.from(text)]]), { durable: false });
}
