/**
 * The archive index: `out/index.json` for machines and `out/index.html` for
 * people — one static, self-contained page (inline CSS and JS, the data
 * embedded) that works opened from `file://`, with instant search and filters.
 *
 * Every word of the page lives in `templates/<lang>/index.html.hbs` and the
 * body names in `templates/<lang>/locale.yaml` (`bodies.<kind>.name`); this
 * module only orders the entries, links amendments both ways, picks the
 * organisation the header names, formats dates with the locale and escapes.
 * The page's script searches, filters and keeps the filters in the URL.
 * It writes nothing: the build does.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { precompiledTemplate } from '../util/precompiled.js';
import type { ArchiveEntry, EntrySearch } from './entry.js';
import type { EntryKey } from './claims.js';
import { Spill, type SpillRef } from './spill.js';
import type { BodyKind, Language } from '../model/meeting.js';
import { BUILTIN_TEMPLATES } from '../template/engine.js';
import { loadLocale, formatDate, type Locale } from '../template/locale.js';
import type { LedgerHead } from './ledger-head.js';

/** The template name: `templates/<lang>/index.html.hbs`. */
export const INDEX_TEMPLATE = 'index.html.hbs';

/** What renderIndex needs besides the entries. */
export interface IndexOptions {
  /** Language of the page's wording (the meetings keep their own). */
  readonly lang: Language;
  /** Record paths sealed in the ledger. */
  readonly sealed?: ReadonlySet<string>;
  /**
   * Organisation template folders searched before the built-in one (as
   * `templates:` in hattama.yaml); the first with `<lang>/index.html.hbs` wins,
   * and their `locale.yaml` files override the built-in one key by key.
   */
  readonly templates?: readonly string[];
  /** The seal ledger's head (hash of its last entry, entry count), published with the index. */
  readonly ledger?: LedgerHead;
  /**
   * The organisation named in the page's header (hattama.yaml's name in the
   * page's language, when it has one); by default the newest meeting's.
   */
  readonly organisation?: string;
}

/** One meeting in `index.json`: the archive entry, whether it is sealed, and the records that amend it. */
export interface IndexMeeting extends ArchiveEntry {
  readonly sealed: boolean;
  /** Records (relative to the records folder) whose `amends` names this one, sorted. */
  readonly amendedBy: readonly string[];
}

/** The content of `index.json`. */
export interface IndexData {
  readonly hattama: 1;
  readonly meetings: readonly IndexMeeting[];
  /** The seal ledger's head when the build published it (also in ledger-head.json). */
  readonly ledger?: LedgerHead;
}

/** Paths as written in records: "/" separators, no leading "./". */
const normalPath = (p: string): string => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');

const isString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * An entry's search fields as index.json publishes them: only strings, in a
 * fixed key order. Entries come back from manifest.json, which anyone can
 * edit, so nothing else is trusted to be of its type.
 */
function publishedSearch(search: EntrySearch | undefined): EntrySearch | undefined {
  if (typeof search !== 'object' || search === null) return undefined;
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString) : []);
  const { chair, secretary } = search;
  const [rapporteurs, speakers, decisions] = [list(search.rapporteurs), list(search.speakers), list(search.decisions)];
  const out: EntrySearch = {
    ...(isString(chair) && { chair }),
    ...(isString(secretary) && { secretary }),
    ...(rapporteurs.length > 0 && { rapporteurs }),
    ...(speakers.length > 0 && { speakers }),
    ...(decisions.length > 0 && { decisions }),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Plain code-unit comparison: the same order on every machine and locale. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Index order: newest year first, then body, then protocol number (date and record break ties). */
export function compareEntries(a: EntryKey, b: EntryKey): number {
  return b.year - a.year || cmp(a.body, b.body) || a.number - b.number || cmp(a.date, b.date) || cmp(a.record, b.record);
}

/**
 * The archive's meetings as the index reads them: every meeting's key up
 * front, each whole entry only when its turn comes. The build keeps whole
 * entries on disk until the end (claims.ts); an array of entries is a source
 * too.
 */
export interface IndexSource {
  /** Every meeting's key (record, body, number, date…: what orders and groups the index). */
  readonly keys: readonly EntryKey[];
  /** A meeting's whole entry, by its record (one of `keys`). */
  entry(record: string): ArchiveEntry;
}

/** An array of entries as a source. */
function sourceOf(entries: readonly ArchiveEntry[] | IndexSource): IndexSource {
  if (!Array.isArray(entries)) return entries as IndexSource;
  const list = entries as readonly ArchiveEntry[];
  const byRecord = new Map(list.map((e) => [e.record, e]));
  return { keys: list, entry: (record) => byRecord.get(record)! };
}

/** The index's order of the meetings, and how to make each one's entry in index.json. */
interface IndexOrder {
  /** Keys in index order. */
  readonly order: readonly EntryKey[];
  /** A meeting of index.json, made from its whole entry (read when asked for). */
  meeting(key: EntryKey): IndexMeeting;
}

function indexOrder(source: IndexSource, sealed: ReadonlySet<string>): IndexOrder {
  const amendedBy = new Map<string, string[]>();
  for (const e of source.keys) {
    if (e.amends === undefined) continue;
    const target = normalPath(e.amends);
    amendedBy.set(target, [...(amendedBy.get(target) ?? []), e.record]);
  }
  const meeting = (key: EntryKey): IndexMeeting => {
    const e = source.entry(key.record);
    const search = publishedSearch(e.search);
    return {
      record: e.record,
      outputs: {
        ...(e.outputs.docx !== undefined && { docx: e.outputs.docx }),
        ...(e.outputs.pdf !== undefined && { pdf: e.outputs.pdf }),
      },
      language: e.language,
      body: e.body,
      organisation: e.organisation,
      title: e.title,
      number: e.number,
      date: e.date,
      year: e.year,
      agenda: [...e.agenda],
      resolutions: e.resolutions,
      status: e.status,
      ...(e.amends !== undefined && { amends: e.amends }),
      ...(search !== undefined && { search }),
      sealed: sealed.has(e.record),
      amendedBy: [...new Set(amendedBy.get(normalPath(e.record)) ?? [])].sort(cmp),
    };
  };
  return { order: [...source.keys].sort(compareEntries), meeting };
}

/**
 * The data of `index.json`: the entries in index order, each with every
 * field of its ArchiveEntry (in a fixed key order; `search` only when it has
 * something), `sealed`, and `amendedBy`.
 */
export function indexData(entries: readonly ArchiveEntry[], sealed: ReadonlySet<string> = new Set()): IndexData {
  const { order, meeting } = indexOrder(sourceOf(entries), sealed);
  return { hattama: 1, meetings: order.map(meeting) };
}

/**
 * The in-page anchor of a record: stable as the archive grows (links to it can
 * be shared), unique (an injective spelling of the path) and safe unescaped in
 * an id and a URL fragment. "2025/a-02.yaml" → "m-2025~a-02.yaml".
 */
export function anchorOf(record: string): string {
  return (
    'm-' +
    [...normalPath(record)]
      .map((c) => (/^[A-Za-z0-9.-]$/.test(c) ? c : c === '/' ? '~' : `_${c.codePointAt(0)!.toString(16)}_`))
      .join('')
  );
}

/** A relative link to an output from the index (which sits in the output folder): each segment URL-encoded. */
export function hrefOf(output: string): string {
  return output.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

/**
 * JSON to embed in a `<script type="application/json">`: nothing in it can
 * end the script element or open a comment ("<" ">" "&" as \u escapes), and
 * U+2028/U+2029 are escaped for any JavaScript reader.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The page as the template sees it (all text still unescaped: Handlebars escapes). */
interface PageView {
  readonly lang: Language;
  readonly total: number;
  /** The organisation named in the header: the override, else the newest meeting's. */
  readonly organisation?: string;
  readonly years: readonly { year: number; count: number; bodies: readonly BodyGroupView[] }[];
  readonly yearOptions: readonly number[];
  readonly bodyOptions: readonly { kind: BodyKind; name: string }[];
  /** index.json's data for the page's script, already safe to place raw in a script element. */
  readonly data: string;
  /** The seal ledger's head, for the page to show with the command that checks it. */
  readonly ledger?: LedgerHead;
}

interface BodyGroupView {
  readonly id: string;
  readonly kind: BodyKind;
  readonly name: string;
  readonly count: number;
  readonly meetings: readonly MeetingView[];
}

/** A link to another meeting of the index. */
interface MeetingLinkView {
  readonly record: string;
  /** "#anchor" when the meeting is in the index. */
  readonly href?: string;
  readonly number?: number;
  readonly date?: string;
  /** The other meeting's body, only when it is not this meeting's. */
  readonly body?: string;
}

interface MeetingView {
  readonly id: string;
  readonly record: string;
  readonly number: number;
  /** Numeric date from the locale (DD.MM.YYYY). */
  readonly date: string;
  readonly dateIso: string;
  readonly body: string;
  /** The meeting's organisation, only when the archive holds more than one. */
  readonly organisation?: string;
  readonly title: string;
  readonly agenda: readonly string[];
  /** The meeting's language, when it is not the page's: its own text (agenda) is marked with it. */
  readonly textLang?: Language;
  readonly resolutions: number;
  readonly signed: boolean;
  readonly draft: boolean;
  readonly sealed: boolean;
  readonly docx?: string;
  readonly pdf?: string;
  readonly amends?: MeetingLinkView;
  readonly amendedBy: readonly MeetingLinkView[];
}

/** Template folders for a language, by priority (built-in last). */
const searchPath = (templates: readonly string[]): string[] => [...templates, BUILTIN_TEMPLATES];

const compiledCache = new Map<string, HandlebarsTemplateDelegate<PageView>>();

/** The page template of a language, compiled once per text. */
function pageTemplate(lang: Language, templates: readonly string[]): { file: string; render: HandlebarsTemplateDelegate<PageView>; usesPartials: boolean; readsData: boolean } {
  const file = searchPath(templates)
    .map((d) => join(d, lang, INDEX_TEMPLATE))
    .find((f) => existsSync(f));
  if (!file) throw new Error(`there is no index page template ${lang}/${INDEX_TEMPLATE} in ${searchPath(templates).join(', ')}`);
  const source = readFileSync(file, 'utf8');
  let render = compiledCache.get(source);
  if (!render) {
    // The build precompiles the built-in pages (scripts/build.mjs): compiling one at run time costs ≈ 0.2 s.
    const spec = precompiledTemplate(source);
    const hbs = Handlebars.create();
    render = spec ? (hbs.template(new Function(`return ${spec}`)() as TemplateSpecification) as HandlebarsTemplateDelegate<PageView>) : hbs.compile<PageView>(source);
    compiledCache.set(source, render);
  }
  return { file, render, usesPartials: /\{\{~?\s*#?\s*>/.test(source), readsData: readsData(source) };
}

/**
 * True when a page template uses the embedded data other than by placing it
 * (`{{data}}`, `{{{data}}}`): its length, a lookup in it, a test of it. The
 * page is then rendered with the data itself, never with its placeholder.
 */
function readsData(source: string): boolean {
  const code = source
    .replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, '')
    .replace(/\{\{~?\{?\s*data\s*\}?~?\}\}/g, '');
  return /\{\{[^}]*\bdata\b/.test(code);
}

/** A body's name from the locale (`bodies.<kind>.name`), or its key when the locale has none. */
const bodyName = (locale: Locale, kind: string): string => locale.bodies[kind]?.['name'] ?? kind;

/** Texts of a page's rows, each list standing at one mark in the page (see ROW_MARK). */
type Rows = SpillRef[][];

/** A prepared index: its meetings, and its page. */
interface PreparedIndex {
  /** index.json's meetings in order, each made (its entry read) when taken. */
  meetings(): Iterable<IndexMeeting>;
  readonly ledger?: LedgerHead;
  /**
   * The page with `data` in place of its embedded JSON. Given `spill`, the
   * rows of each `{{#each}}` over a body's meetings are put there instead,
   * and the page holds a mark for them (see ROW_MARK): the page is then a few
   * kB, however many meetings it lists.
   */
  page(data: string, spill?: Spill): { readonly text: string; readonly rows: Rows; readonly whole: boolean };
  /** The page template uses the data other than by placing it (see readsData). */
  readonly readsData: boolean;
}

/**
 * Stands in the page for the rows of one `{{#each meetings}}`: the mark,
 * the list's number, the mark. Letters, digits and "#": escaping leaves it
 * as it is.
 */
const ROW_MARK = 'hattamaRows7Kp2#';
const ROW_MARK_RE = /hattamaRows7Kp2#(\d+)#/g;

/**
 * The `each` helper for one render of the page: over a list of meeting views
 * (`lists`), each row is put into `spill` and the list's mark returned; any
 * other list is Handlebars' own `each`, which this one also runs, so every
 * `@index`, `@first`, `{{else}}` and block parameter is as Handlebars makes it.
 */
function rowEach(lists: WeakSet<object>, rows: Rows, spill: Spill, data: string, seen: { dataInRow: boolean }): Handlebars.HelperDelegate {
  const each = Handlebars.helpers['each']!;
  const escapedData = Handlebars.escapeExpression(data);
  return function (this: unknown, context: unknown, options: Handlebars.HelperOptions): unknown {
    if (typeof context !== 'object' || context === null || !lists.has(context)) return each.call(this, context, options);
    const refs: SpillRef[] = [];
    const fn = options.fn;
    const rest: unknown = each.call(this, context, {
      ...options,
      fn: (item: unknown, o?: Handlebars.RuntimeOptions) => {
        const row = fn(item, o);
        // The embedded data is put in place in the page's text only, never in a row.
        if (row.includes(data) || row.includes(escapedData)) seen.dataInRow = true;
        refs.push(spill.put(row));
        return '';
      },
    });
    if (refs.length === 0) return rest;
    rows.push(refs);
    return `${ROW_MARK}${rows.length - 1}#`;
  };
}

/** Everything of the index but the final texts (see {@link renderIndex}). */
function prepareIndex(source: IndexSource, options: IndexOptions): PreparedIndex {
  const { order, meeting } = indexOrder(source, options.sealed ?? new Set());

  const templates = options.templates ?? [];
  const { locale } = loadLocale([...searchPath(templates)].reverse(), options.lang);
  const { file, render, usesPartials, readsData: dataRead } = pageTemplate(options.lang, templates);
  const date = (iso: string): string => formatDate(locale, iso, 'numeric');

  const byRecord = new Map(order.map((m) => [normalPath(m.record), m]));
  const organisations = new Set(order.map((m) => m.organisation));
  const single = organisations.size === 1 ? [...organisations][0] : undefined;
  // The newest meeting (by date, then record) names the organisation in the header.
  const newest = order.reduce<EntryKey | undefined>((a, m) => (a === undefined || cmp(a.date, m.date) < 0 || (a.date === m.date && cmp(a.record, m.record) < 0) ? m : a), undefined);
  const organisation = isString(options.organisation) ? options.organisation : newest?.organisation;

  const linkTo = (record: string, from: IndexMeeting): MeetingLinkView => {
    const m = byRecord.get(normalPath(record));
    if (!m) return { record };
    return {
      record: m.record,
      href: `#${anchorOf(m.record)}`,
      number: m.number,
      date: date(m.date),
      ...(m.body !== from.body && { body: bodyName(locale, m.body) }),
    };
  };

  const view = (m: IndexMeeting): MeetingView => ({
    id: anchorOf(m.record),
    record: m.record,
    number: m.number,
    date: date(m.date),
    dateIso: m.date,
    body: bodyName(locale, m.body),
    ...(single === undefined && { organisation: m.organisation }),
    title: m.title,
    agenda: m.agenda,
    ...(m.language !== options.lang && { textLang: m.language }),
    resolutions: m.resolutions,
    signed: m.status === 'signed',
    draft: m.status !== 'signed',
    sealed: m.sealed,
    ...(m.outputs.docx !== undefined && { docx: hrefOf(m.outputs.docx) }),
    ...(m.outputs.pdf !== undefined && { pdf: hrefOf(m.outputs.pdf) }),
    ...(m.amends !== undefined && { amends: linkTo(m.amends, m) }),
    amendedBy: m.amendedBy.map((r) => linkTo(r, m)),
  });

  // A body's meetings are made into views when the page asks for them, and
  // only one body's at a time are kept: at 10,000 meetings, all of them
  // (each entry read back) were tens of MB for the moment of the render.
  const lists = new WeakSet<object>();
  let shown: { readonly keys: readonly EntryKey[]; readonly views: readonly MeetingView[] } | undefined;
  const viewsOf = (keys: readonly EntryKey[]): readonly MeetingView[] => {
    if (shown?.keys !== keys) {
      const views = keys.map((k) => view(meeting(k)));
      lists.add(views);
      shown = { keys, views };
    }
    return shown.views;
  };
  const group = (year: number, kind: BodyKind, keys: EntryKey[]): BodyGroupView => {
    const g = { id: `g-${year}-${kind}`, kind, name: bodyName(locale, kind), count: 0 } as BodyGroupView & { count: number };
    Object.defineProperty(g, 'meetings', { enumerable: true, get: () => viewsOf(keys) });
    return g;
  };

  // `order` is sorted by year, then body: consecutive runs are the groups.
  const years: { year: number; count: number; bodies: (BodyGroupView & { count: number })[] }[] = [];
  let keys: EntryKey[] = [];
  for (const m of order) {
    let y = years.at(-1);
    if (y?.year !== m.year) years.push((y = { year: m.year, count: 0, bodies: [] }));
    let b = y.bodies.at(-1);
    if (b?.kind !== m.body) y.bodies.push((b = group(m.year, m.body, (keys = []))));
    keys.push(m);
    b.count++;
    y.count++;
  }
  const kinds = [...new Set(order.map((m) => m.body))].sort(cmp);

  const page = (text: string, spill?: Spill): { text: string; rows: Rows; whole: boolean } => {
    const rows: Rows = [];
    const seen = { dataInRow: false };
    // A partial indents every line it gives (a standalone `{{> rows}}`): rows kept apart would miss it.
    const apart = spill !== undefined && !usesPartials;
    const view: PageView = {
      lang: options.lang,
      total: order.length,
      ...(organisation !== undefined && { organisation }),
      years,
      yearOptions: years.map((y) => y.year),
      bodyOptions: kinds.map((kind) => ({ kind, name: bodyName(locale, kind) })),
      data: text,
      ...(options.ledger && { ledger: options.ledger }),
    };
    try {
      const rendered = render(view, apart ? { helpers: { each: rowEach(lists, rows, spill, text, seen) } } : {});
      return { text: rendered, rows, whole: !apart || seen.dataInRow };
    } catch (err) {
      throw new Error(`${file}: ${(err as Error).message}`);
    } finally {
      shown = undefined;
    }
  };
  return {
    *meetings() {
      for (const k of order) yield meeting(k);
    },
    ...(options.ledger && { ledger: options.ledger }),
    page,
    readsData: dataRead,
  };
}

/** index.json's text piece by piece: the same bytes as `JSON.stringify(data, null, 2) + '\n'`. */
function* jsonPieces(index: PreparedIndex): Generator<string> {
  // JSON text has no raw line breaks inside strings: indenting every line indents the value.
  const nested = (value: unknown, indent: string): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
  yield `{\n  "hattama": 1,\n  "meetings": [`;
  let i = 0;
  for (const m of index.meetings()) yield `${i++ ? ',' : ''}\n    ${nested(m, '    ')}`;
  yield i ? '\n  ]' : ']';
  if (index.ledger !== undefined) yield `,\n  "ledger": ${nested(index.ledger, '  ')}`;
  yield '\n}\n';
}

/** The page's embedded JSON piece by piece: the same text as `scriptJson(data)`. */
function* scriptJsonPieces(index: PreparedIndex): Generator<string> {
  yield '{"hattama":1,"meetings":[';
  let i = 0;
  for (const m of index.meetings()) yield `${i++ ? ',' : ''}${scriptJson(m)}`;
  yield ']';
  if (index.ledger !== undefined) yield `,"ledger":${scriptJson(index.ledger)}`;
  yield '}';
}

/** index.json's data, whole. */
const wholeData = (index: PreparedIndex): IndexData => ({ hattama: 1, meetings: [...index.meetings()], ...(index.ledger && { ledger: index.ledger }) });

/**
 * Stands for the embedded JSON while the page renders, to be replaced by it
 * piece by piece. Letters only, plus a quote: a template that escapes it
 * (`{{data}}` instead of `{{{data}}}`) shows `&quot;`, and the JSON is then
 * escaped alike.
 */
const DATA_MARK = 'hattamaDataX7q9"Z3kW';

/**
 * Renders the archive index: `json` is `out/index.json`, `html` is
 * `out/index.html`. Deterministic: the same entries give the same bytes,
 * whatever their order. Reads its template and locale; writes nothing.
 */
export function renderIndex(entries: readonly ArchiveEntry[] | IndexSource, options: IndexOptions): { html: string; json: string } {
  const index = prepareIndex(sourceOf(entries), options);
  const data = wholeData(index);
  return { html: index.page(scriptJson(data)).text, json: JSON.stringify(data, null, 2) + '\n' };
}

/**
 * The same texts as {@link renderIndex}, byte for byte, as pieces to write one
 * after the other: neither index.json nor index.html is ever held whole (at
 * 10,000 meetings each is tens of MB), nor every meeting's entry at once.
 * The page's rows are set aside in `spill` as they are rendered (by default,
 * one in memory). Throws as renderIndex does (a broken page template) before
 * any piece is taken.
 */
export function indexPieces(entries: readonly ArchiveEntry[] | IndexSource, options: IndexOptions & { readonly spill?: Spill }): { html: Iterable<string>; json: Iterable<string> } {
  const index = prepareIndex(sourceOf(entries), options);
  const json = { [Symbol.iterator]: () => jsonPieces(index) };
  if (index.readsData) {
    // Rendered with the data itself: what the template makes of it cannot be made of a placeholder.
    const page = index.page(scriptJson(wholeData(index))).text;
    return { html: [page], json };
  }
  const spill = options.spill ?? Spill.inMemory();
  let { text, rows, whole } = index.page(DATA_MARK, spill);
  // Each list's mark once, in order; otherwise (a template that moves or repeats a list's output,
  // or puts the data in a row) the rows stay in the page.
  const marks = whole ? [] : [...text.matchAll(ROW_MARK_RE)].map((m) => Number(m[1]));
  if (!whole && (marks.length !== rows.length || marks.some((k, i) => k !== i))) whole = true;
  if (whole && rows.length) ({ text, rows } = index.page(DATA_MARK));
  const raw = text.split(DATA_MARK);
  const esc = text.split(Handlebars.escapeExpression(DATA_MARK));
  // The data once, raw (the built-in pages) or escaped; a page that uses it otherwise is rendered whole.
  const [parts, escape] = raw.length === 2 && esc.length === 1 ? [raw, false] : raw.length === 1 && esc.length === 2 ? [esc, true] : [[index.page(scriptJson(wholeData(index))).text], false];
  if (parts.length === 1) rows = [];
  /** A part of the page, with its rows in place of their marks. */
  function* withRows(part: string): Generator<string> {
    let from = 0;
    if (rows.length) {
      for (const m of part.matchAll(ROW_MARK_RE)) {
        yield part.slice(from, m.index);
        for (const ref of rows[Number(m[1])]!) yield spill.get(ref);
        from = m.index + m[0].length;
      }
    }
    yield from ? part.slice(from) : part;
  }
  function* html(): Generator<string> {
    yield* withRows(parts[0]!);
    if (parts.length === 1) return;
    for (const piece of scriptJsonPieces(index)) yield escape ? Handlebars.escapeExpression(piece) : piece;
    yield* withRows(parts[1]!);
  }
  return { html: { [Symbol.iterator]: html }, json };
}
