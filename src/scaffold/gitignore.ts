/**
 * An archive's .gitignore: init writes templates/scaffold/gitignore, and
 * completes one already there (e.g. made by GitHub) with the lines it lacks.
 */
import { appendFileSync, readFileSync } from 'node:fs';

/** The lines of `wanted` (a .gitignore text) that `present` does not ignore yet, comments left out. */
export function missingIgnoreLines(present: string, wanted: string): string[] {
  // `out`, `out/`, `/out` and `/out/` all ignore the archive's out/ folder.
  const norm = (l: string): string => l.trim().replace(/^\//, '').replace(/\/$/, '');
  const have = new Set(present.split(/\r?\n/).map(norm));
  return wanted
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !have.has(norm(l)));
}

/**
 * Appends the lines of `wanted` that the .gitignore at `file` lacks, under
 * `comment`. Returns the lines added (none: the file is left untouched).
 */
export function completeGitignore(file: string, wanted: string, comment: string): string[] {
  const present = readFileSync(file, 'utf8');
  const missing = missingIgnoreLines(present, wanted);
  if (!missing.length) return [];
  const sep = present === '' || present.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${sep}${comment}\n${missing.join('\n')}\n`);
  return missing;
}
