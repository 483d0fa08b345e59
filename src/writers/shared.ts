/**
 * Reading of the block model and geometry that the DOCX and PDF writers must
 * agree on, so the two files look alike.
 */
import type { Inline, List } from '../document/blocks.js';

/**
 * The number of a numbered list's first item: {@link List.start}, or 1 when
 * it is not a whole number of at least 0 (a model built by hand or by older
 * code), so neither writer prints "NaN." or "-1.".
 */
export function listStart(list: List): number {
  const { start } = list as { readonly start?: unknown };
  return typeof start === 'number' && Number.isSafeInteger(start) && start >= 0 ? start : 1;
}

/**
 * Room between the columns of a signature row, in points: the role's column
 * ends this far before the signing line starts, and the name's column starts
 * this far after it ends.
 */
export const SIGNATURE_GUTTER_PT = 8;

/** The narrowest signing line the columns leave when a long name widens its column, in points (25 mm). */
export const MIN_SIGNING_LINE_PT = 70.87;

/**
 * Slack added to a measured width, in points: Word and LibreOffice set Times
 * New Roman, whose advances match Tinos', but they round positions their own way.
 */
const MEASURE_SLACK_PT = 3;

/** Widths of the three signature columns (role, signing line, name), in points. */
export interface SignatureColumns {
  readonly role: number;
  readonly line: number;
  readonly name: number;
}

/** Measures text in the document font at its size: `bold`/`italic` choose the face. */
export type MeasureText = (text: string, bold: boolean, italic: boolean) => number;

/** The widest word of inline content (words split at spaces and breaks, each measured in its run's face). */
export function widestWord(content: readonly Inline[], measure: MeasureText): number {
  let widest = 0;
  for (const run of content) {
    if (run.kind !== 'text') continue;
    for (const word of run.text.split(/[\s\u00a0]+/)) if (word) widest = Math.max(widest, measure(word, run.bold === true, run.italic === true));
  }
  return widest;
}

/**
 * Sizes the signature columns from what they must hold, so the DOCX and the
 * PDF agree. Starts from the `signatures.columns` shares of the text width;
 * the name column widens to hold the longest name on one line (a name never
 * wraps, let alone breaks inside a word), taking room from the signing line
 * down to {@link MIN_SIGNING_LINE_PT}, then from the role column down to its
 * widest word (roles wrap at spaces). Only a name wider than all that allows
 * wraps, at its spaces. Each text column includes its {@link SIGNATURE_GUTTER_PT}.
 *
 * @param width - the text width, in points
 * @param shares - `signatures.columns` from the style profile
 * @param longestName - natural width of the widest name, in points
 * @param widestRoleWord - width of the widest single word of any role, in points
 * @param widestNameWord - width of the widest single word of any name, in points: the name column
 *   is never narrower, even when a role word must then wrap (a broken name is worse than a broken role)
 */
export function signatureColumns(width: number, shares: readonly number[], longestName: number, widestRoleWord: number, widestNameWord = 0): SignatureColumns {
  const w = [0, 1, 2].map((i) => {
    const x = shares[i];
    return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0;
  });
  const total = (w[0] ?? 0) + (w[1] ?? 0) + (w[2] ?? 0) || 1;
  let role = (width * (w[0] ?? 0)) / total;
  let name = (width * (w[2] ?? 0)) / total;
  const nameNeed = longestName + SIGNATURE_GUTTER_PT + MEASURE_SLACK_PT;
  const roleNeed = Math.min(role, widestRoleWord + SIGNATURE_GUTTER_PT + MEASURE_SLACK_PT);
  if (nameNeed > name) {
    const minLine = Math.min(MIN_SIGNING_LINE_PT, width - role - name);
    // Room the name may take: the line down to its minimum, then the role down to its widest word.
    const spare = Math.max(0, width - role - name - minLine) + Math.max(0, role - roleNeed);
    const grow = Math.min(nameNeed - name, spare);
    name += grow;
    const fromRole = Math.max(0, grow - Math.max(0, width - role - (name - grow) - minLine));
    role -= fromRole;
  }
  const wordNeed = Math.min(widestNameWord + SIGNATURE_GUTTER_PT + MEASURE_SLACK_PT, width - MIN_SIGNING_LINE_PT);
  if (wordNeed > name) {
    // The line stays at its minimum; the role gives up what the name's longest word still needs.
    const lineNow = width - role - name;
    const fromLine = Math.max(0, Math.min(wordNeed - name, lineNow - MIN_SIGNING_LINE_PT));
    const fromRole = Math.min(role, wordNeed - name - fromLine);
    name += fromLine + fromRole;
    role -= fromRole;
  }
  return { role, line: Math.max(0, width - role - name), name };
}
