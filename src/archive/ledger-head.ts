/**
 * The ledger's head, published: the hash of its last entry and the number of
 * entries. A ledger alone cannot show that its last entries were removed, or
 * that it was rewritten from some entry on with every hash recomputed; a head
 * copied somewhere the repository cannot rewrite can. `hattama build` writes
 * it to `out/ledger-head.json` (and into `out/index.json`), where a published
 * site keeps it; `verify` checks that the ledger still holds it, at its
 * place, as it checks a head given with `--head` or `ledger.head` in
 * hattama.yaml.
 *
 * `out/ledger-head.json`: `{"hattama":1,"head":"<64 hex>","entries":N}`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../parse/diagnostic.js';
import { hasErrors } from '../parse/diagnostic.js';
import { msg } from '../messages/index.js';
import { writeOutputs } from './output.js';
import { GENESIS, type Ledger } from './seal.js';

/** The published head's file name, in the output folder. */
const LEDGER_HEAD_FILE = 'ledger-head.json';

/** A ledger's head: the hash of its last entry ({@link GENESIS} when empty) and how many entries it has. */
export interface LedgerHead {
  readonly head: string;
  readonly entries: number;
}

/** The head of a ledger as read. */
const headOf = (ledger: Pick<Ledger, 'head' | 'entries'>): LedgerHead => ({ head: ledger.head, entries: ledger.entries.length });

/**
 * The head a build publishes: none for a damaged ledger (its errors say why)
 * or an archive that has sealed nothing yet.
 */
export const publishableHead = (ledger: Pick<Ledger, 'head' | 'entries' | 'diagnostics'>): LedgerHead | undefined =>
  hasErrors(ledger.diagnostics) || ledger.entries.length === 0 ? undefined : headOf(ledger);

/** The published head file of an output folder. */
export const headFile = (out: string): string => join(out, LEDGER_HEAD_FILE);

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Reads `out/ledger-head.json`: undefined when there is none, an error when
 * it is not a head.
 */
export async function readPublishedHead(out: string): Promise<{ readonly head?: LedgerHead; readonly diagnostics: readonly Diagnostic[] }> {
  const file = headFile(out);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return { diagnostics: [] };
    return { diagnostics: [{ file, severity: 'error', rule: 'seal/head-file', message: msg('head.read', { reason: e.code ?? e.message }) }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const v = value as Partial<Record<string, unknown>> | undefined;
  const ok =
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    v['hattama'] === 1 &&
    typeof v['head'] === 'string' &&
    HEX64.test(v['head']) &&
    typeof v['entries'] === 'number' &&
    Number.isSafeInteger(v['entries']) &&
    v['entries'] >= 0;
  if (!ok) {
    return { diagnostics: [{ file, severity: 'error', rule: 'seal/head-file', message: msg('head.not-a-head') }] };
  }
  return { head: { head: v['head'] as string, entries: v['entries'] as number }, diagnostics: [] };
}

/** The text of `out/ledger-head.json`. */
export const headText = (head: LedgerHead): string => `${JSON.stringify({ hattama: 1, head: head.head, entries: head.entries })}\n`;

const entries = (n: number): string => msg('ledger.count.entries', { n });

/**
 * Checks that the ledger still holds a head published with its entry count:
 * entry N must be there with that hash. `where` names the head for the
 * message ("the head the last build published in out/ledger-head.json").
 */
export function checkCountedHead(ledger: Pick<Ledger, 'file' | 'entries'>, head: LedgerHead, file: string, where: string): Diagnostic[] {
  if (head.entries === 0) return [];
  const at = ledger.entries[head.entries - 1];
  const fail = (message: string): Diagnostic[] => [{ file, severity: 'error', rule: 'seal/head', message }];
  if (!at) {
    return fail(msg('head.removed', { where, seq: head.entries, hash: head.head.slice(0, 12), file: ledger.file, entries: entries(ledger.entries.length) }));
  }
  if (at.entry.hash !== head.head || at.entry.seq !== head.entries) {
    return fail(msg('head.rewritten', { where, seq: head.entries, hash: head.head.slice(0, 12), file: ledger.file, now: at.entry.hash.slice(0, 12), line: at.line }));
  }
  return [];
}

/**
 * Checks that the ledger still holds a head given as a hash alone (`--head`,
 * `ledger.head`). Returns the problem, or a note saying where the head is.
 */
export function checkGivenHead(ledger: Pick<Ledger, 'file' | 'entries'>, hash: string, where: string): { diagnostics: Diagnostic[]; note?: string } {
  if (hash === GENESIS) return { diagnostics: [], note: msg('head.empty-ledger', { where }) };
  const index = ledger.entries.findIndex((l) => l.entry.hash === hash);
  if (index < 0) {
    return {
      diagnostics: [{ file: ledger.file, severity: 'error', rule: 'seal/head', message: msg('head.not-in-ledger', { where, hash }) }],
    };
  }
  const at = ledger.entries[index]!;
  const later = ledger.entries.length - index - 1;
  return { diagnostics: [], note: msg('head.found', { where, seq: at.entry.seq, line: at.line, later }) };
}

/**
 * The build's hook: writes the ledger's head to `out/ledger-head.json`,
 * unless the head published there before is no longer in the ledger (then
 * that is an error, and the old head stays as evidence), the ledger itself
 * is damaged (its own errors say so; the old head stays), or it has no
 * entries yet.
 * @throws WriteError when the file cannot be written
 */
export async function publishLedgerHead(out: string, ledger: Ledger): Promise<Diagnostic[]> {
  if (hasErrors(ledger.diagnostics)) return [];
  const previous = await readPublishedHead(out);
  if (previous.head) {
    const problems = checkCountedHead(ledger, previous.head, headFile(out), msg('head.where.last-build'));
    if (problems.length) {
      return problems.map((d) => ({
        ...d,
        message: msg('head.kept', { problem: d.message, out, file: headFile(out) }),
      }));
    }
  }
  const head = publishableHead(ledger);
  if (!head) return [];
  const text = headText(head);
  const now = await readFile(headFile(out), 'utf8').catch(() => undefined);
  if (now !== text) await writeOutputs(new Map([[headFile(out), Buffer.from(text)]]), { durable: false });
  return [];
}
