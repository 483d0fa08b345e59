/**
 * The size limits on what hattama reads, in one place. A real record is a few
 * kilobytes; these bounds are far above any meeting and far below what would
 * exhaust memory, so a damaged or hostile file gets a clear message instead
 * of a stalled or crashed run.
 */
import { msg } from '../messages/index.js';
export const LIMITS = {
  /** A record file larger than this is refused before it is parsed (1 MB). */
  maxRecordBytes: 1024 * 1024,
  /** One text value (scalar) larger than this, in UTF-8 bytes, is refused at the value (100 KB). */
  maxStringBytes: 100 * 1024,
  /**
   * Values (texts, numbers, lists, mappings, keys) in one record, aliases not
   * counted. A large general meeting has a few hundred; the schema check slows
   * down with the square of its error count, so a file of 100,000 stray values
   * is refused here in a moment instead of taking minutes there.
   */
  maxRecordValues: 5_000,
  /** Mappings and lists nested deeper than this are refused at the first one too deep. */
  maxDepth: 64,
  /**
   * Values that aliases (`*name`) may add to a document, counting every value
   * an alias repeats. Bounds "billion laughs" alias bombs long before memory does.
   */
  maxAliasedValues: 10_000,
  /** UTF-8 bytes of text that aliases may add to a document (1 MB, as much as a whole record). */
  maxAliasedBytes: 1024 * 1024,
  /**
   * The `yaml` package's own alias guard (`toJS({ maxAliasCount })`), kept as a
   * second line behind the exact count above.
   */
  maxAliasCount: 1000,
  /**
   * Schema problems reported for one record; past this a note says more were
   * left out. A file of 60,000 stray keys needs a different fix than 60,000 messages.
   */
  maxSchemaDiagnostics: 100,
} as const;

/** A byte count for a message: "1.3 MB", "120 KB", "900 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return msg('parse.size.mb', { value: (n / (1024 * 1024)).toFixed(1) });
  if (n >= 1024) return msg('parse.size.kb', { value: Math.round(n / 1024) });
  return msg('parse.size.bytes', { n });
}
