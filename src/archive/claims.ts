/**
 * The manifest a build is making: each record's claim (its outputs, its
 * archive entry, its warnings), kept until the index and manifest.json are
 * written at the end. Only a claim's key stays in memory, the fields the
 * build orders and checks the archive by; the whole claim is set aside in a
 * spill file and read back when the index and the manifest are written, one
 * record at a time. At 10,000 records the claims were the larger part of
 * what the build's heap held (spill.ts).
 */
import type { ArchiveEntry } from './entry.js';
import type { ManifestRecord } from './manifest.js';
import type { Spill, SpillRef } from './spill.js';
import type { StringPool } from './string-pool.js';

/** What the build orders, groups and checks the archive by: an entry without its texts (title, agenda, search). */
export type EntryKey = Pick<ArchiveEntry, 'record' | 'outputs' | 'language' | 'body' | 'organisation' | 'number' | 'date' | 'year' | 'status' | 'amends'>;

/**
 * The key of an entry: the fields of {@link EntryKey}. Texts that many
 * entries share (organisation, body, date) are the pool's copy; a record's
 * own paths are kept as they come (pooling a text met once only costs).
 */
export function keyOf(entry: ArchiveEntry, pool: StringPool): EntryKey {
  const outputs: { docx?: string; pdf?: string } = {};
  if (entry.outputs.docx !== undefined) outputs.docx = entry.outputs.docx;
  if (entry.outputs.pdf !== undefined) outputs.pdf = entry.outputs.pdf;
  return {
    record: entry.record,
    outputs,
    language: entry.language,
    body: pool.text(entry.body) as EntryKey['body'],
    organisation: pool.text(entry.organisation),
    number: entry.number,
    date: pool.text(entry.date),
    year: entry.year,
    status: entry.status,
    ...(entry.amends !== undefined && { amends: pool.text(entry.amends) }),
  };
}

/** Claims by record: keys in memory, whole claims in a spill. */
export class ClaimStore {
  private readonly claims = new Map<string, { readonly key: EntryKey; readonly ref: SpillRef }>();

  constructor(
    private readonly spill: Spill,
    private readonly pool: StringPool,
  ) {}

  /** Sets (or replaces) the claim of `record`. */
  set(record: string, claim: ManifestRecord): void {
    this.claims.set(record, { key: keyOf(claim.entry, this.pool), ref: this.spill.put(JSON.stringify(claim)) });
  }

  has(record: string): boolean {
    return this.claims.has(record);
  }

  /** The whole claim of `record`, read back (a new object each time). */
  get(record: string): ManifestRecord | undefined {
    const json = this.json(record);
    return json === undefined ? undefined : (JSON.parse(json) as ManifestRecord);
  }

  /** The whole claim of `record` as it was set aside: its JSON text. */
  json(record: string): string | undefined {
    const c = this.claims.get(record);
    return c && this.spill.get(c.ref);
  }

  /** The entry of `record`'s claim, read back. */
  entry(record: string): ArchiveEntry | undefined {
    return this.get(record)?.entry;
  }

  /** The key of `record`'s claim. */
  key(record: string): EntryKey | undefined {
    return this.claims.get(record)?.key;
  }

  /** Records with a claim, in the order first claimed. */
  records(): IterableIterator<string> {
    return this.claims.keys();
  }

  /** Every claim's key. */
  *keys(): IterableIterator<EntryKey> {
    for (const c of this.claims.values()) yield c.key;
  }
}
