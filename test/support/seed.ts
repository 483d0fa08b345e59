/**
 * The seed minutes and the comparison the issue asks for: word for word, with
 * whitespace and list markers normalised.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED_RECORD = join(ROOT, 'meetings', '2025', '2025-12-25-board-of-trustees-02.yaml');
export const SEED_TEXT_FILE = join(ROOT, '..', 'shared', 'seed', 'erketai-board-of-trustees-2025-12-25.txt');
/** A copy of the seed text kept in the repository, for machines without ../shared. */
export const SEED_TEXT_COPY = join(ROOT, 'test', 'golden', 'seed.txt');

export function seedText(): string {
  return readFileSync(SEED_TEXT_COPY, 'utf8');
}

/** List markers as a writer or the seed prints them: "1.", "-", "–", "•". */
const MARKER = /^(\d{1,3}[.)]|[-–•])$/;

/**
 * The words of a text, whitespace collapsed and list markers dropped. A line
 * that ends in a hard hyphen ("2025-" / "2026") is joined to the next: the
 * break there is layout, not text.
 */
export function words(text: string): string[] {
  return text
    .replace(/(\S)-[ \t]*\n\s*/g, '$1-')
    .split(/\s+/)
    .filter((w) => w !== '' && !MARKER.test(w));
}

/**
 * Drops running page numbers: a line that is only a number and is the first
 * or last line of a page after the first.
 */
export function withoutPageNumbers(pages: readonly (readonly string[])[]): string {
  return pages
    .map((lines, i) => {
      const out = [...lines];
      if (i > 0 && /^\d+$/.test(out[0]?.trim() ?? '')) out.shift();
      if (i > 0 && /^\d+$/.test(out[out.length - 1]?.trim() ?? '')) out.pop();
      return out.join('\n');
    })
    .join('\n');
}

/**
 * Writes `count` drafts made from the seed into `meetings`/2026/, numbered 1…count and dated one day
 * apart from 2026-01-05 (an archive big enough for worker threads, for one), each changed by `edit`
 * if given. Returns their paths relative to `meetings`, as a build names them.
 */
export function writeSeedDrafts(meetings: string, count: number, edit: (text: string) => string = (t) => t): string[] {
  mkdirSync(join(meetings, '2026'), { recursive: true });
  const seed = edit(readFileSync(SEED_RECORD, 'utf8').replace('status: signed', 'status: draft'));
  const names: string[] = [];
  for (let i = 1; i <= count; i++) {
    const date = new Date(Date.UTC(2026, 0, 4 + i)).toISOString().slice(0, 10);
    const name = `2026/${date}-board-of-trustees-${String(i).padStart(2, '0')}.yaml`;
    names.push(name);
    writeFileSync(join(meetings, name), seed.replace('number: 2', `number: ${i}`).replace('date: 2025-12-25', `date: ${date}`));
  }
  return names;
}
