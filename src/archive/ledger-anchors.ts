/**
 * Everything outside the ledger that it is checked against, in one place for
 * `verify` and `seal`: its git history (ledger-history.ts), the head the last
 * build published in the output folder, a head given on the command line
 * (`--head`) and one kept in hattama.yaml (`ledger.head`) — see ledger-head.ts.
 */
import { msg } from '../messages/index.js';
import type { Diagnostic } from '../parse/diagnostic.js';
import type { Ledger } from './seal.js';
import { checkLedgerHistory, type HistoryOptions } from './ledger-history.js';
import { checkCountedHead, checkGivenHead, headFile, readPublishedHead } from './ledger-head.js';

/** Options of {@link checkAnchors}. */
export interface AnchorOptions {
  /** The output folder whose `ledger-head.json` is checked when present. */
  readonly out?: string;
  /** A head hash given with `--head` (lowercase hex). */
  readonly head?: string;
  /** `ledger.head` from hattama.yaml, with the file it is in. */
  readonly configHead?: { readonly hash: string; readonly file: string };
  /** Passed to the history check (tests point `git` elsewhere). */
  readonly history?: HistoryOptions;
}

/** What the anchors say: problems, and one line each about what was checked. */
export interface AnchorCheck {
  readonly diagnostics: readonly Diagnostic[];
  readonly notes: readonly string[];
}

/** Checks the ledger against its history and every head there is. */
export async function checkAnchors(ledger: Ledger, options: AnchorOptions): Promise<AnchorCheck> {
  const history = await checkLedgerHistory(ledger.file, options.history);
  const diagnostics: Diagnostic[] = [...history.diagnostics];
  const notes: string[] = [...history.notes];

  if (options.out !== undefined) {
    const published = await readPublishedHead(options.out);
    diagnostics.push(...published.diagnostics);
    if (published.head) {
      const problems = checkCountedHead(ledger, published.head, headFile(options.out), msg('head.where.last-build-in', { file: headFile(options.out) }));
      diagnostics.push(...problems);
      if (!problems.length) notes.push(msg('head.note.holds', { file: headFile(options.out), seq: published.head.entries }));
    } else if (!published.diagnostics.length) {
      notes.push(msg('head.note.none-published', { file: headFile(options.out) }));
    }
  }
  const given: { hash: string; where: string }[] = [];
  if (options.head !== undefined) given.push({ hash: options.head, where: msg('head.where.given') });
  if (options.configHead) given.push({ hash: options.configHead.hash, where: msg('head.where.config', { file: options.configHead.file }) });
  for (const g of given) {
    const r = checkGivenHead(ledger, g.hash, g.where);
    diagnostics.push(...r.diagnostics);
    if (r.note) notes.push(msg('head.note', { note: r.note }));
  }
  return { diagnostics, notes };
}
