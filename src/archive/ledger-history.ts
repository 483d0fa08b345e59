/**
 * The ledger's git history as an anchor: a ledger only ever grows, so each
 * committed version of `meetings/seals.jsonl` must be a prefix, line for
 * line, of the next one, and the last commit's version a prefix of the
 * working tree's. A version that is not — an entry rewritten (even with its
 * hash recomputed and the chain re-linked), entries removed, the ledger
 * deleted or made anew after a record was edited — is named by its commit.
 *
 * The walk follows the first-parent line of HEAD (a merge counts as the
 * version it left on the main line) and costs one `git log` and one
 * `git cat-file --batch`, whatever the number of versions. It is capped at
 * {@link MAX_VERSIONS}. git is run with fixed arguments, never through a
 * shell; when git is missing or the folder is not in a repository, the check
 * is skipped and a note says so.
 *
 * A break that a later version repairs (the entries restored, as by
 * `git revert`) is noted, not failed: the ledger as it is now still holds
 * every entry ever committed. What git cannot show is a history rewritten in
 * git itself (rebase, force-push): that is what a published head is for.
 */
import { execFile, spawn } from 'node:child_process';
import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../parse/diagnostic.js';
import { msg } from '../messages/index.js';

/** At most this many committed versions of the ledger are compared (the newest). */
const MAX_VERSIONS = 10_000;

/** What the history check found. */
export interface HistoryCheck {
  /** An error naming the commit that broke the ledger's growth, or a warning when git could not be asked. */
  readonly diagnostics: readonly Diagnostic[];
  /** What was checked, or why not: one line each, for the user. */
  readonly notes: readonly string[];
}

/** Options of {@link checkLedgerHistory}. */
export interface HistoryOptions {
  /** The git program (default "git", found on PATH). */
  readonly git?: string;
  /** Cap on the versions walked (default {@link MAX_VERSIONS}). */
  readonly maxVersions?: number;
}

/** One version of the ledger: its non-blank lines (CR dropped), or undefined when the file is not there. */
type Lines = readonly string[] | undefined;

interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class GitMissing extends Error {}

/** The environment git runs in: no prompts, no optional locks, messages in English. */
const gitEnv = (): NodeJS.ProcessEnv => ({ ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: 'C' });

/** Runs git with fixed arguments (no shell). @throws GitMissing when there is no git to run */
function git(program: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolveResult, reject) => {
    execFile(program, args, { env: gitEnv(), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new GitMissing(program));
      if (err && typeof err.code !== 'number') return reject(err);
      resolveResult({ code: err ? (err.code as unknown as number) : 0, stdout, stderr });
    });
  });
}

/** Splits a ledger's text into its non-blank lines, as the ledger is read (BOM and CR dropped). */
export function ledgerLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '');
}

/**
 * Reads objects `spec` (e.g. "<commit>:<path>") with one `git cat-file
 * --batch`, calling `each` with each one's bytes (undefined when missing or
 * not a file) in order, without keeping them.
 */
function catFiles(program: string, top: string, specs: readonly string[], each: (content: Buffer | undefined) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(program, ['-C', top, 'cat-file', '--batch'], { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let chunks: Buffer[] = [];
    let total = 0;
    let pending: { size: number; file: boolean } | undefined;
    let seen = 0;
    let stderr = '';
    const all = (): Buffer => {
      const b = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
      chunks = [b];
      return b;
    };
    const drain = (): void => {
      for (;;) {
        if (!pending) {
          if (total === 0) return;
          const b = all();
          const nl = b.indexOf(10);
          if (nl < 0) return;
          const header = b.subarray(0, nl).toString('utf8');
          chunks = [b.subarray(nl + 1)];
          total -= nl + 1;
          const m = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
          if (!m) {
            // "<spec> missing" (not in that commit) or "ambiguous".
            seen++;
            each(undefined);
            continue;
          }
          pending = { size: Number(m[2]), file: m[1] === 'blob' };
        }
        if (total < pending.size + 1) return;
        const b = all();
        const content = b.subarray(0, pending.size);
        chunks = [b.subarray(pending.size + 1)];
        total -= pending.size + 1;
        seen++;
        each(pending.file ? content : undefined);
        pending = undefined;
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      try {
        drain();
      } catch (err) {
        child.kill();
        fail(err);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', (err: NodeJS.ErrnoException) => fail(err.code === 'ENOENT' ? new GitMissing(program) : err));
    child.on('close', (code) => {
      if (seen === specs.length) done();
      else fail(new Error(firstLine(stderr) || `git cat-file stopped (exit ${code}) after ${seen} of ${specs.length} versions`));
    });
    child.stdin.on('error', () => {
      // git stopped reading; its exit is reported by 'close'.
    });
    child.stdin.end(specs.map((s) => s + '\n').join(''));
  });
}

const firstLine = (s: string): string => s.trim().split('\n')[0]?.replace(/^(fatal|error): /, '') ?? '';

/** Text from git (a commit subject) made safe to print: control characters escaped, length bounded. */
const printable = (s: string): string => {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
};

const span = (from: number, to: number): string => (from === to ? msg('history.span.one', { from }) : msg('history.span', { from, to }));
const short = (hash: unknown): string => (typeof hash === 'string' ? `${hash.slice(0, 12)}…` : '?');

/** A ledger line's fields, when it is JSON at all (for describing a rewrite). */
function fieldsOf(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What changed in rewritten entries, said plainly: a record sealed again with
 * other contents if there is one (the forgery that matters), else the first.
 */
function rewriteDetail(base: readonly string[], next: readonly string[], from: number, to: number): string {
  let plain = '';
  for (let i = from; i <= to; i++) {
    const a = fieldsOf(base[i]!);
    const b = fieldsOf(next[i]!);
    if (!a || !b) continue;
    const which = from === to ? '' : msg('history.detail.which', { n: i + 1 });
    if (typeof a['record'] === 'string' && a['record'] === b['record']) {
      if (a['recordSha256'] !== b['recordSha256']) {
        return msg('history.detail.resealed', { which, record: a['record'], sealed: short(a['recordSha256']), now: short(b['recordSha256']) });
      }
      if (!plain && JSON.stringify(a['outputs']) !== JSON.stringify(b['outputs'])) plain = msg('history.detail.outputs', { which, record: a['record'] });
      if (!plain) plain = msg('history.detail.hash', { which, was: short(a['hash']), now: short(b['hash']) });
    } else if (!plain && typeof a['record'] === 'string' && typeof b['record'] === 'string') {
      plain = msg('history.detail.record', { which, was: a['record'], now: b['record'] });
    }
  }
  return plain;
}

/**
 * How `next` fails to extend `base`, or undefined when it does (every line of
 * `base` is in `next`, in place). `ledger` names the file in the sentence.
 */
export function growthProblem(base: readonly string[], next: Lines, ledger: string): { what: string; entry?: number } | undefined {
  if (next === undefined) return base.length ? { what: msg('history.what.deleted', { ledger, entries: msg('ledger.count.entries', { n: base.length }) }) } : undefined;
  const common = Math.min(base.length, next.length);
  let k = 0;
  while (k < common && base[k] === next[k]) k++;
  if (k === base.length) return undefined;
  if (k < common) {
    let last = k;
    for (let i = k; i < common; i++) if (base[i] !== next[i]) last = i;
    const removed = next.length < base.length ? msg('history.what.and-removed', { span: span(next.length + 1, base.length) }) : '';
    return { what: msg('history.what.rewrote', { span: span(k + 1, last + 1), ledger, removed, detail: rewriteDetail(base, next, k, last) }), entry: k + 1 };
  }
  if (next.length === 0) return { what: msg('history.what.removed-all', { ledger, span: span(1, base.length) }) };
  return { what: msg('history.what.removed', { span: span(next.length + 1, base.length), ledger }) };
}

/**
 * Checks that the ledger `file` only grew across the git history that holds
 * it (see the module comment). `file` is named in messages as given.
 */
export async function checkLedgerHistory(file: string, options: HistoryOptions = {}): Promise<HistoryCheck> {
  const program = options.git ?? 'git';
  const cap = options.maxVersions ?? MAX_VERSIONS;
  const notes: string[] = [];
  const skipped = (why: string): HistoryCheck => ({ diagnostics: [], notes: [msg('history.skipped', { why })] });
  const warned = (why: string): HistoryCheck => ({
    diagnostics: [{ file, severity: 'warning', rule: 'seal/history-unchecked', message: msg('history.unchecked', { why }) }],
    notes: [],
  });

  const dir = await realpath(dirname(resolve(file))).catch(() => undefined);
  if (dir === undefined) return skipped(msg('history.no-folder', { dir: dirname(file) }));
  try {
    const where = await git(program, ['-C', dir, 'rev-parse', '--show-toplevel', '--is-shallow-repository']);
    if (where.code !== 0) {
      if (/not a git repository/i.test(where.stderr)) return skipped(msg('history.not-git'));
      return warned(msg('history.git-unreadable', { detail: printable(firstLine(where.stderr)) }));
    }
    const [topLine, shallow] = where.stdout.split('\n');
    const top = await realpath(topLine!.trim());
    const rel = relative(top, dir).split(sep).concat(basename(file)).filter(Boolean).join('/');
    if (rel.startsWith('../') || /[\n\r]/.test(rel)) return skipped(msg('history.outside', { file, top }));

    // --follow: a commit that moves the archive (and its ledger) to another folder must not cut the history short.
    const log = await git(program, ['-c', 'core.quotePath=false', '--literal-pathspecs', '-C', top, 'log', '--first-parent', '--follow', '--name-only', '--no-show-signature', '--format=%x01%H%x00%cI%x00%s', `--max-count=${cap + 1}`, '--', rel]);
    if (log.code !== 0 && !/does not have any commits/.test(log.stderr)) return warned(msg('history.log-failed', { detail: printable(firstLine(log.stderr)) }));
    const commits = (log.code === 0 ? log.stdout : '')
      .split('\x01')
      .filter((r) => r.trim())
      .map((r) => {
        const [header = '', ...rest] = r.split('\n');
        const [hash, date, subject] = header.split('\0');
        const path = rest.map((l) => l.trim()).find(Boolean) ?? rel;
        return { hash: hash!, path, ref: hash!.slice(0, 7) as string | undefined, label: msg('history.label.commit', { hash: hash!.slice(0, 7), date: (date ?? '').slice(0, 10), subject: printable(subject ?? '') }) };
      });
    const capped = commits.length > cap;
    if (capped) commits.length = cap;
    commits.reverse(); // oldest first
    // A ledger rewritten in the same commit that moves the archive is no rename to git: look for the
    // ledger the commit before had at another place, and take its last version as where this one starts.
    const first = commits[0];
    if (first && !capped) {
      const before = await git(program, ['-c', 'core.quotePath=false', '-C', top, 'ls-tree', '-r', '--name-only', `${first.hash}^`]);
      const moved = before.code === 0 ? before.stdout.split('\n').filter((f) => f !== first.path && /(^|\/)meetings\/seals\.jsonl$/.test(f)) : [];
      if (moved.length === 1) commits.unshift({ hash: `${first.hash}^`, path: moved[0]!, ref: undefined, label: msg('history.label.moved', { path: printable(moved[0]!), label: first.label }) });
    }

    const working = await readFile(file).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
    if (!commits.length) {
      return skipped(msg(working === undefined ? 'history.never-committed' : 'history.not-committed', { file }));
    }

    // Walk oldest to newest against the last version that extended all before it.
    let base: Buffer = Buffer.alloc(0);
    let broken: { label: string; ref: string | undefined; what: string; entry?: number } | undefined;
    let previous: Buffer | undefined;
    const visit = (label: string, ref: string | undefined, bytes: Buffer | undefined): void => {
      previous = bytes;
      // Most versions just append: a byte comparison says so without reading them line by line.
      const appended = bytes !== undefined && (base.length === 0 || (base[base.length - 1] === 0x0a && bytes.length >= base.length && bytes.compare(base, 0, base.length, 0, base.length) === 0));
      const problem = appended ? undefined : growthProblem(ledgerLines(base.toString('utf8')), bytes && ledgerLines(bytes.toString('utf8')), file);
      if (!problem) {
        if (broken) notes.push(msg('history.restored', { broken: broken.label, what: broken.what, label }));
        broken = undefined;
        base = bytes ?? Buffer.alloc(0);
      } else broken ??= { label, ref, ...problem };
    };
    let i = 0;
    await catFiles(program, top, commits.map((c) => `${c.hash}:${c.path}`), (content) => {
      const c = commits[i++]!;
      visit(c.label, c.ref, content);
    });
    const uncommitted = working === undefined || previous === undefined ? working !== previous : !working.equals(previous);
    if (uncommitted) visit(msg('history.label.working'), undefined, working);

    const diagnostics: Diagnostic[] = [];
    if (broken) {
      // Point at the entry's line in the ledger as it is now, when it has one.
      const line = broken.entry !== undefined && working !== undefined ? physicalLine(working.toString('utf8'), broken.entry) : undefined;
      diagnostics.push({
        file,
        ...(line !== undefined && { position: { line, column: 1 } }),
        severity: 'error',
        rule: 'seal/history',
        message: msg('history.broken', { label: broken.label, what: broken.what, restore: restore(broken.ref, rel) }),
      });
    } else {
      const n = commits.length;
      notes.push(msg('history.grew', { n, file, working: uncommitted ? msg('history.grew.working') : '' }));
    }
    if (capped) notes.push(msg('history.capped', { n: cap, file }));
    if (shallow?.trim() === 'true') notes.push(msg('history.shallow'));
    return { diagnostics, notes };
  } catch (err) {
    if (err instanceof GitMissing) return skipped(msg('history.no-git'));
    return warned(msg('history.git-failed', { detail: printable(firstLine((err as Error).message)) }));
  }
}

/** How to see the ledger as it was before the version that broke it (`ref`: that version's commit, if it is one). */
const restore = (ref: string | undefined, rel: string): string =>
  ref !== undefined ? msg('history.restore.commit', { hash: ref, path: rel }) : msg('history.restore.head', { path: rel });

/** The 1-based line number of the n-th non-blank line of a text, if it has that many. */
function physicalLine(text: string, n: number): number | undefined {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.replace(/\r$/, '').trim() !== '' && ++seen === n) return i + 1;
  }
  return undefined;
}
