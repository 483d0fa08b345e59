/**
 * Post-processing of the DOCX package docx writes: fixed dates, the
 * organisation in `docProps/app.xml`, and a deterministic re-zip.
 *
 * docx ≥ 9.15 stamps `dcterms:created`/`modified` with `new Date()` and every
 * ZIP entry with `Date.now()`, and offers no option to change either; the
 * block model promises byte-identical output for the same input, so both are
 * rewritten here from `meta.date`.
 */
import { strFromU8 } from 'fflate';
import type { DocumentMeta } from '../../document/blocks.js';
import { escapeXml } from '../../util/xml.js';
import { zipParts } from './zip.js';

const CORE = 'docProps/core.xml';
const APP = 'docProps/app.xml';
const CONTENT_TYPES = '[Content_Types].xml';

/** `meta.date` as W3CDTF with seconds precision, e.g. `2025-12-25T10:00:00Z`. */
export function w3cdtf(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('document date is not a valid date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The MS-DOS date and time ZIP headers store (2 s resolution), from the UTC
 * fields of `date`, clamped to the range ZIP (and fflate) can hold: 1980–2099.
 */
export function dosDateTime(date: Date): number {
  const d = clampZipDate(date);
  const dosDate = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  const dosTime = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
  return ((dosDate << 16) | dosTime) >>> 0;
}

/** `date` clamped to what a ZIP entry (and fflate) can hold: 1980-01-01 to 2099-12-31. */
function clampZipDate(date: Date): Date {
  return new Date(Math.min(Math.max(date.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2099, 11, 31, 23, 59, 58)));
}

/** Replaces the text of every `<tag …>…</tag>`; throws if there is none, so a change in docx's output is noticed. */
function setElementText(xml: string, tag: string, text: string): string {
  const re = new RegExp(`(<${tag}\\b[^>]*>)[^<]*(</${tag}>)`, 'g');
  if (!re.test(xml)) throw new Error(`docx wrote no <${tag}> in ${CORE}`);
  return xml.replace(re, (_m, open: string, close: string) => `${open}${text}${close}`);
}

/** Sets `<Company>` in the extended properties, whether docx wrote `<Properties/>` or a full element. */
function setCompany(xml: string, company: string): string {
  const element = `<Company>${escapeXml(company)}</Company>`;
  if (/<Company>[^<]*<\/Company>|<Company\/>/.test(xml)) return xml.replace(/<Company>[^<]*<\/Company>|<Company\/>/, element);
  if (/<Properties\b[^>]*\/>/.test(xml)) return xml.replace(/<Properties\b([^>]*)\/>/, `<Properties$1>${element}</Properties>`);
  if (xml.includes('</Properties>')) return xml.replace('</Properties>', `${element}</Properties>`);
  throw new Error(`docx wrote no <Properties> in ${APP}`);
}

/** Rewrites one XML part's text. */
export type PartPatch = (xml: string) => string;

/**
 * Makes the package docx wrote reproducible: core dates from `meta.date`, the
 * organisation (`meta.author`) as `<Company>`, the language as `dc:language`,
 * and a re-zip with every entry dated `meta.date`, `[Content_Types].xml` first
 * and the other entries in docx's order.
 *
 * @param parts - the package's parts by path, as text or bytes, in docx's order
 * @param patches - further edits docx offers no option for, by part path
 * @throws Error if a part to patch is missing
 */
export function normalizePackage(parts: Readonly<Record<string, string | Uint8Array>>, meta: DocumentMeta, patches: Readonly<Record<string, PartPatch>> = {}): Uint8Array {
  const entries: Record<string, string | Uint8Array> = { ...parts };
  const text = (path: string): string => {
    const part = entries[path];
    if (part === undefined) throw new Error(`docx wrote no ${path}`);
    return typeof part === 'string' ? part : strFromU8(part);
  };
  for (const [path, patch] of Object.entries(patches)) entries[path] = patch(text(path));
  const iso = w3cdtf(meta.date);

  let core = setElementText(text(CORE), 'dcterms:created', iso);
  core = setElementText(core, 'dcterms:modified', iso);
  if (!core.includes('<dc:language>')) {
    core = core.replace('</cp:coreProperties>', `<dc:language>${escapeXml(meta.lang)}</dc:language></cp:coreProperties>`);
  }
  entries[CORE] = core;

  if (entries[APP] !== undefined) entries[APP] = setCompany(text(APP), meta.author);

  const names = Object.keys(entries);
  const ordered = [...names.filter((n) => n === CONTENT_TYPES), ...names.filter((n) => n !== CONTENT_TYPES)];
  return zipParts(
    ordered.map((name) => [name, entries[name]!] as const),
    dosDateTime(meta.date),
  );
}
