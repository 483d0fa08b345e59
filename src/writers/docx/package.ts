/**
 * Post-processing of the DOCX package docx writes: fixed dates, the
 * organisation in `docProps/app.xml`, and a deterministic re-zip.
 *
 * docx ≥ 9.15 stamps `dcterms:created`/`modified` with `new Date()` and every
 * ZIP entry with `Date.now()`, and offers no option to change either; the
 * block model promises byte-identical output for the same input, so both are
 * rewritten here from `meta.date`.
 */
import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import type { DocumentMeta } from '../../document/blocks.js';
import { escapeXml } from '../../util/xml.js';

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

/** A Date whose local-time fields are `date`'s UTC fields: what fflate needs to write `date` in any TZ. */
function localFromUtcParts(date: Date): Date {
  const d = clampZipDate(date);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
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

/**
 * Overwrites the modification time of every local and central-directory
 * header. fflate computes it from local-time getters, which differ between
 * time zones (and shift inside DST gaps), so the exact value is written here.
 */
function stampZipTimes(zip: Uint8Array, dos: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let at = 0;
  while (at + 30 <= zip.length && view.getUint32(at, true) === 0x04034b50) {
    view.setUint32(at + 10, dos, true);
    at += 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + view.getUint32(at + 18, true);
  }
  while (at + 46 <= zip.length && view.getUint32(at, true) === 0x02014b50) {
    view.setUint32(at + 12, dos, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (at + 22 > zip.length || view.getUint32(at, true) !== 0x06054b50) throw new Error('unexpected ZIP layout while stamping entry times');
}

/** Rewrites one XML part's text. */
export type PartPatch = (xml: string) => string;

/**
 * Makes the package docx wrote reproducible: core dates from `meta.date`, the
 * organisation (`meta.author`) as `<Company>`, the language as `dc:language`,
 * and a re-zip with every entry dated `meta.date`, `[Content_Types].xml` first
 * and the other entries in docx's order.
 *
 * @param patches - further edits docx offers no option for, by part path
 * @throws Error if a part to patch is missing
 */
export function normalizePackage(parts: Readonly<Record<string, Uint8Array>>, meta: DocumentMeta, patches: Readonly<Record<string, PartPatch>> = {}): Uint8Array {
  const entries: Record<string, Uint8Array> = { ...parts };
  for (const [path, patch] of Object.entries(patches)) {
    const part = entries[path];
    if (!part) throw new Error(`docx wrote no ${path}`);
    entries[path] = strToU8(patch(strFromU8(part)));
  }
  const iso = w3cdtf(meta.date);

  const coreBytes = entries[CORE];
  if (!coreBytes) throw new Error(`docx wrote no ${CORE}`);
  let core = setElementText(strFromU8(coreBytes), 'dcterms:created', iso);
  core = setElementText(core, 'dcterms:modified', iso);
  if (!core.includes('<dc:language>')) {
    core = core.replace('</cp:coreProperties>', `<dc:language>${escapeXml(meta.lang)}</dc:language></cp:coreProperties>`);
  }
  entries[CORE] = strToU8(core);

  const appBytes = entries[APP];
  if (appBytes) entries[APP] = strToU8(setCompany(strFromU8(appBytes), meta.author));

  const names = Object.keys(entries);
  const ordered = [...names.filter((n) => n === CONTENT_TYPES), ...names.filter((n) => n !== CONTENT_TYPES)];
  const dos = dosDateTime(meta.date);
  // fflate reads the local-time fields of mtime. Those equal meta.date's UTC fields in
  // every time zone except inside a DST gap (02:30 that does not exist locally becomes
  // 03:30), so the exact DOS time is stamped over fflate's afterwards.
  const mtime = localFromUtcParts(meta.date);
  const zippable: Zippable = {};
  for (const name of ordered) {
    const data = entries[name];
    if (data) zippable[name] = [data, { mtime, level: 6 }];
  }
  const zip = zipSync(zippable);
  stampZipTimes(zip, dos);
  return zip;
}
