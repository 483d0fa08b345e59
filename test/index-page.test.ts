/**
 * The archive index (out/index.html and out/index.json): order, grouping,
 * amendments linked both ways, escaping of hostile record text, determinism —
 * and the page itself in a real browser: Debian's chromium driven by
 * playwright-core (no browser download). .ci/run installs chromium and sets
 * HATTAMA_REQUIRE_TOOLS=1 so that a missing browser fails instead of skipping.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { renderIndex, anchorOf, hrefOf, scriptJson, type IndexData } from '../src/archive/index-page.js';
import { entryOf, type ArchiveEntry } from '../src/archive/entry.js';
import { buildDocument } from '../src/render/render.js';
import { ROOT } from './support/seed.js';
import { hattama } from './support/cli.js';

const ORG = '№1 «Еркетай» Алға бөбекжай балабақшасы';
/** A ledger head as a build publishes it. */
const HEAD = { head: '3594f7b52f243e82fda81698cdc4cf78ab5f7e26433aeeb6abc32e23b9a9f375', entries: 2 };
/** A decision long enough to be quoted around its match, not whole. */
const LONG_DECISION =
  'Оқу жылының екінші жартысында ата-аналармен жұмыс тәртібі қайта қаралып, әр топта ашық сабақтар мен кеңес беру сағаттары ұйымдастырылсын, ' +
  'ал олимпиадаға дайындық кестесі әдістемелік бірлестіктің отырысында бекітіліп, мектептің сайтында жарияланып, ата-аналарға хабарлансын.';
const HOSTILE = `</script><b>&"'x<!--`;

/** An entry with the outputs a build would give it. */
function entry(p: Partial<ArchiveEntry> & Pick<ArchiveEntry, 'record' | 'number' | 'date'>): ArchiveEntry {
  const base = p.record.replace(/\.yaml$/, '');
  return {
    outputs: { docx: `${base}.docx`, pdf: `${base}.pdf` },
    language: 'kk',
    body: 'board-of-trustees',
    organisation: ORG,
    title: `Хаттама №${p.number}`,
    year: Number(p.date.slice(0, 4)),
    agenda: ['Ағымдағы мәселелер.'],
    resolutions: 1,
    status: 'signed',
    ...p,
  };
}

const SEED = '2025/2025-12-25-board-of-trustees-02.yaml';
const AMENDMENT = '2026/2026-01-29-board-of-trustees-01.yaml';
const WEIRD = '2026/2026-03-05 педкеңес 5% #1.yaml';

/** Six meetings: two years, three bodies, one sealed, one amendment, hostile text, an awkward file name. */
const ENTRIES: readonly ArchiveEntry[] = [
  entry({ record: '2025/2025-09-10-board-of-trustees-01.yaml', number: 1, date: '2025-09-10', agenda: ['Қамқоршылық кеңестің жылдық жұмыс жоспары.'] }),
  entry({
    record: SEED,
    number: 2,
    date: '2025-12-25',
    agenda: ['Мектепке дейінгі ұйымдағы мемлекеттік қызмет көрсету сапасы.', '«Dara bala.kz» платформасы арқылы жолдама беру.'],
    resolutions: 3,
    search: {
      chair: 'Аметов Е.Д',
      secretary: 'Жұмағалиева Г.Т',
      decisions: ['Мектепке дейінгі ұйымдағы мемлекеттік қызмет көрсету сапасы туралы ақпарат назарға алынсын.', '«Dara bala.kz» платформасы арқылы жолдама беру тәртібінің ашықтығы мен заңдылығы қамтамасыз етілсін.'],
    },
  }),
  entry({
    record: '2025/2025-08-28-pedagogical-council-01.yaml',
    body: 'pedagogical-council',
    number: 1,
    date: '2025-08-28',
    agenda: ['Оқу жылына дайындық.'],
    resolutions: 4,
    search: { chair: 'Серікова А.Б', secretary: 'Әбдіғалиева Һ.І', rapporteurs: ['Нұрланов Е.К'], speakers: ['Серікова А.Б', 'Қасымов Ү.Ң'], decisions: ['Тоқсан қорытындысы бекітілсін.', LONG_DECISION] },
  }),
  entry({ record: AMENDMENT, number: 1, date: '2026-01-29', status: 'draft', amends: SEED, agenda: ['25.12.2025 № 2 хаттамадағы қатені түзету.'] }),
  entry({ record: '2026/2026-02-10-parents-meeting-01.yaml', body: 'parents-meeting', number: 1, date: '2026-02-10', agenda: [HOSTILE, 'Балалардың тамақтануы.'], search: { chair: HOSTILE, decisions: [`${HOSTILE} шешімі`] } }),
  entry({
    record: WEIRD,
    body: 'pedagogical-council',
    number: 1,
    date: '2026-03-05',
    outputs: { docx: '2026/педкеңес 5% #1.docx', pdf: '2026/педкеңес 5% #1.pdf' },
    agenda: ['Жаңа оқу бағдарламасы.'],
  }),
];
const SEALED = new Set(['2025/2025-09-10-board-of-trustees-01.yaml', SEED]);

/** A deterministic shuffle (reversal and rotation): order of input must not matter. */
const shuffled = <T>(xs: readonly T[]): T[] => [...xs.slice(3), ...xs.slice(0, 3)].reverse();

/** The embedded data of a page, parsed. */
function embedded(html: string): unknown {
  const m = /<script type="application\/json" id="hattama-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m, 'embedded data').not.toBeNull();
  return JSON.parse(m![1]!);
}

/** Headings and meetings in page order: "2026", "  Қамқоршылық кеңес", "    2026/…yaml". */
function outline(html: string): string[] {
  const out: string[] = [];
  const re = /<h2 id="y-(\d+)">|<h3 id="[^"]*">([^<]*)<\/h3>|<li class="meeting" id="[^"]*" data-record="([^"]*)">/g;
  for (let m; (m = re.exec(html)); ) out.push(m[1] ?? (m[2] !== undefined ? `  ${m[2]}` : `    ${m[3]!.replace(/&#x3D;/g, '=')}`));
  return out;
}

describe('renderIndex: index.json', () => {
  const { json } = renderIndex(ENTRIES, { lang: 'kk', sealed: SEALED });
  const data = JSON.parse(json) as IndexData;

  it('is { hattama: 1, meetings } pretty-printed, each meeting with every entry field plus sealed and amendedBy', () => {
    expect(json).toMatch(/^\{\n {2}"hattama": 1,\n {2}"meetings": \[\n/);
    expect(json.endsWith('}\n')).toBe(true);
    expect(Object.keys(data)).toEqual(['hattama', 'meetings']);
    expect(data.meetings).toHaveLength(ENTRIES.length);
    const seed = data.meetings.find((m) => m.record === SEED)!;
    expect(seed).toEqual({
      record: SEED,
      outputs: { docx: '2025/2025-12-25-board-of-trustees-02.docx', pdf: '2025/2025-12-25-board-of-trustees-02.pdf' },
      language: 'kk',
      body: 'board-of-trustees',
      organisation: ORG,
      title: 'Хаттама №2',
      number: 2,
      date: '2025-12-25',
      year: 2025,
      agenda: ENTRIES[1]!.agenda,
      resolutions: 3,
      status: 'signed',
      search: ENTRIES[1]!.search,
      sealed: true,
      amendedBy: [AMENDMENT],
    });
    for (const m of data.meetings) {
      const keys = ['record', 'outputs', 'language', 'body', 'organisation', 'title', 'number', 'date', 'year', 'agenda', 'resolutions', 'status'];
      expect(Object.keys(m)).toEqual([...keys, ...(m.amends !== undefined ? ['amends'] : []), ...(m.search !== undefined ? ['search'] : []), 'sealed', 'amendedBy']);
    }
  });

  it('computes amendedBy from the other entries, and keeps amends as written', () => {
    const by = Object.fromEntries(data.meetings.map((m) => [m.record, m]));
    expect(by[AMENDMENT]!.amends).toBe(SEED);
    expect(by[AMENDMENT]!.amendedBy).toEqual([]);
    expect(by[SEED]!.amendedBy).toEqual([AMENDMENT]);
    const two = renderIndex([...ENTRIES, entry({ record: '2026/2026-02-01-board-of-trustees-02.yaml', number: 2, date: '2026-02-01', amends: `./${SEED}` })], { lang: 'kk' });
    expect((JSON.parse(two.json) as IndexData).meetings.find((m) => m.record === SEED)!.amendedBy).toEqual([AMENDMENT, '2026/2026-02-01-board-of-trustees-02.yaml']);
  });

  it('marks sealed only the records in the ledger (none without one)', () => {
    expect(data.meetings.filter((m) => m.sealed).map((m) => m.record).sort()).toEqual([...SEALED].sort());
    expect((JSON.parse(renderIndex(ENTRIES, { lang: 'kk' }).json) as IndexData).meetings.every((m) => !m.sealed)).toBe(true);
  });

  it('sorts by year (newest first), then body, then number', () => {
    expect(data.meetings.map((m) => `${m.year} ${m.body} ${m.number}`)).toEqual([
      '2026 board-of-trustees 1',
      '2026 parents-meeting 1',
      '2026 pedagogical-council 1',
      '2025 board-of-trustees 1',
      '2025 board-of-trustees 2',
      '2025 pedagogical-council 1',
    ]);
  });

  it('does not depend on the page language', () => {
    expect(renderIndex(ENTRIES, { lang: 'ru', sealed: SEALED }).json).toBe(json);
  });

  it('lists an empty archive', () => {
    const empty = renderIndex([], { lang: 'kk' });
    expect(JSON.parse(empty.json)).toEqual({ hattama: 1, meetings: [] });
    expect(empty.html).toContain('id="empty"');
  });
});

describe('what an entry carries for search', () => {
  it('names the chair, secretary, rapporteurs, speakers and decisions the minutes print, and never the attendance lists', async () => {
    const built = await buildDocument(join(ROOT, 'test/fixtures/full-record.yaml'));
    expect(built.meeting, built.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
    const e = entryOf('2026/full.yaml', {}, built.meeting!, built.document!.meta.title);
    expect(e.search).toEqual({
      chair: 'Серікова А.Б',
      secretary: 'Әбдіғалиева Һ.І',
      rapporteurs: ['Нұрланов Е.К'],
      speakers: ['Нұрланов Е.К', 'Серікова А.Б'],
      decisions: ['Тоқсан қорытындысы бекітілсін.', 'Ата-аналар жиналысы өткізілсін.', 'Шешімдердің орындалуы директорға жүктелсін.'],
    });
    // Absent and invited people are in the attendance lists only: not searchable, not published again.
    const json = renderIndex([e], { lang: 'kk' }).json;
    expect(json).not.toContain('Ұлықбекова');
    expect(json).not.toContain('Қасымов');
  });

  it('publishes only strings in index.json: a hand-edited manifest entry cannot put anything else in the page', () => {
    const odd = { chair: 42, secretary: '  ', rapporteurs: 'Нұрланов', speakers: ['Серікова А.Б', { name: 'x' }, null], decisions: [] } as unknown as ArchiveEntry['search'];
    const data = JSON.parse(renderIndex([entry({ record: '2026/a.yaml', number: 1, date: '2026-01-10', search: odd })], { lang: 'kk' }).json) as IndexData;
    expect(data.meetings[0]!.search).toEqual({ speakers: ['Серікова А.Б'] });
    const none = JSON.parse(renderIndex([entry({ record: '2026/a.yaml', number: 1, date: '2026-01-10', search: 'Аметов' as unknown as ArchiveEntry['search'] })], { lang: 'kk' }).json) as IndexData;
    expect(Object.keys(none.meetings[0]!)).not.toContain('search');
  });
});

describe('renderIndex: header, legend and ledger', () => {
  const header = (html: string): string => /<header class="top">[\s\S]*?<\/header>/.exec(html)![0];

  it('names the organisation in the header: the newest meeting’s, or the one the build passes', () => {
    const older = entry({ record: '2024/a.yaml', number: 1, date: '2024-05-05', organisation: 'Ескі атауы' });
    const kk = renderIndex([older, ...ENTRIES], { lang: 'kk' }).html;
    expect(header(kk)).toContain(`<p class="org">${ORG}</p>`);
    expect(header(kk)).not.toContain('Ескі атауы');
    expect(kk).toContain(`<title>Хаттамалар мұрағаты — ${ORG}</title>`);
    // Two organisations in one archive: each meeting also names its own.
    expect(kk).toContain('<p class="org-line">Ескі атауы</p>');
    const named = renderIndex(ENTRIES, { lang: 'ru', organisation: 'Ясли-сад «Еркетай» <№1>' }).html;
    expect(header(named)).toContain('<p class="org">Ясли-сад «Еркетай» &lt;№1&gt;</p>');
    expect(named).not.toContain('<p class="org-line">');
    expect(renderIndex([], { lang: 'kk' }).html).not.toContain('<p class="org">');
  });

  it('explains draft, signed and sealed in a visible legend (no tooltip), in Kazakh and Russian', () => {
    const legend = (html: string): string => /<section class="legend"[\s\S]*?<\/section>/.exec(html)![0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const kk = renderIndex(ENTRIES, { lang: 'kk', sealed: SEALED }).html;
    expect(legend(kk)).toContain('Белгілер');
    expect(legend(kk)).toContain('Жоба Хаттамаға әлі қол қойылмаған');
    expect(legend(kk)).toContain('Қол қойылған Хаттамаға қол қойылған');
    expect(legend(kk)).toContain('Мөрленген Хаттаманың файлдары мөр журналына тіркелген');
    expect(legend(renderIndex(ENTRIES, { lang: 'ru' }).html)).toContain('Опечатан Файлы протокола внесены в журнал печатей');
    expect(kk).not.toContain('title="');
  });

  it('shows the ledger head (the same as index.json’s), its entry count and the command that checks it', () => {
    for (const lang of ['kk', 'ru'] as const) {
      const { html, json } = renderIndex(ENTRIES, { lang, sealed: SEALED, ledger: HEAD });
      const published = (JSON.parse(json) as IndexData).ledger!;
      expect(published).toEqual(HEAD);
      expect(html).toContain(`<code id="ledger-head" class="hash">${published.head}</code>`);
      expect(html).toContain(`<span id="ledger-entries">${published.entries}</span>`);
      expect(html).toContain(`<code id="verify-command" class="command">hattama verify --head ${published.head}</code>`);
      expect(html).toContain('<a href="#ledger">');
    }
    expect(renderIndex(ENTRIES, { lang: 'kk', ledger: HEAD }).html).toContain('мұрағат қалтасында мына команданы орындаңыз:');
    expect(renderIndex(ENTRIES, { lang: 'ru', ledger: HEAD }).html).toContain('выполните в папке архива команду:');
    const none = renderIndex(ENTRIES, { lang: 'kk', sealed: SEALED }).html;
    expect(none).not.toContain('id="ledger"');
    expect(none).not.toContain('href="#ledger"');
  });
});

describe('renderIndex: index.html', () => {
  const { html, json } = renderIndex(ENTRIES, { lang: 'kk', sealed: SEALED });

  it('is deterministic: the same entries in any order give the same bytes', () => {
    const again = renderIndex(shuffled(ENTRIES), { lang: 'kk', sealed: new Set([...SEALED].reverse()) });
    expect(again.html).toBe(html);
    expect(again.json).toBe(json);
  });

  it('groups meetings by year (newest first), then by body', () => {
    expect(outline(html)).toEqual([
      '2026',
      '  Қамқоршылық кеңес',
      `    ${AMENDMENT}`,
      '  Ата-аналар жиналысы',
      '    2026/2026-02-10-parents-meeting-01.yaml',
      '  Педагогикалық кеңес',
      `    ${WEIRD}`,
      '2025',
      '  Қамқоршылық кеңес',
      '    2025/2025-09-10-board-of-trustees-01.yaml',
      `    ${SEED}`,
      '  Педагогикалық кеңес',
      '    2025/2025-08-28-pedagogical-council-01.yaml',
    ]);
  });

  it('shows number, DD.MM.YYYY date, body, agenda, resolutions, status badges and links to the outputs', () => {
    const li = new RegExp(`<li class="meeting" id="${anchorOf(SEED)}"[\\s\\S]*?</li>\\n`).exec(html)![0];
    expect(li).toContain('Хаттама №&nbsp;2');
    expect(li).toContain('<time datetime="2025-12-25">25.12.2025</time>');
    expect(li).toContain('Қамқоршылық кеңес');
    expect(li).toContain('<li>Мектепке дейінгі ұйымдағы мемлекеттік қызмет көрсету сапасы.</li>');
    expect(li).toContain('Қабылданған шешімдер: 3');
    expect(li).toContain('class="badge signed"');
    expect(li).toContain('class="badge sealed"');
    expect(li).toContain('href="2025/2025-12-25-board-of-trustees-02.docx"');
    expect(li).toContain('href="2025/2025-12-25-board-of-trustees-02.pdf"');
    const draft = new RegExp(`<li class="meeting" id="${anchorOf(AMENDMENT)}"[\\s\\S]*?</li>\\n`).exec(html)![0];
    expect(draft).toContain('class="badge draft"');
    expect(draft).not.toContain('class="badge signed"');
  });

  it('links an amendment and the amended record both ways, as in-page anchors', () => {
    expect(html).toContain(`Түзетілетін хаттама: <a href="#${anchorOf(SEED)}">25.12.2025 №&nbsp;2</a>`);
    expect(html).toContain(`Түзету енгізген хаттама: <a href="#${anchorOf(AMENDMENT)}">29.01.2026 №&nbsp;1</a>`);
    expect(html).toContain(`id="${anchorOf(SEED)}"`);
    expect(html).toContain(`id="${anchorOf(AMENDMENT)}"`);
    const ru = renderIndex(ENTRIES, { lang: 'ru' }).html;
    expect(ru).toContain(`Исправляет протокол: <a href="#${anchorOf(SEED)}">№&nbsp;2 от 25.12.2025</a>`);
    expect(ru).toContain(`Исправлен протоколом: <a href="#${anchorOf(AMENDMENT)}">№&nbsp;1 от 29.01.2026</a>`);
  });

  it('marks the text of a meeting held in another language with that language', () => {
    const ru = entry({ record: '2026/ru.yaml', number: 9, date: '2026-04-01', language: 'ru', agenda: ['Разное.'] });
    const page = renderIndex([...ENTRIES, ru], { lang: 'kk' }).html;
    expect(page).toContain('<ol class="agenda" lang="ru"><li>Разное.</li></ol>');
    expect(page.match(/<ol class="agenda" lang=/g)).toHaveLength(1);
  });

  it('names an amended record that is not in the archive without linking it', () => {
    const lone = renderIndex([entry({ record: '2026/a.yaml', number: 1, date: '2026-01-10', amends: '2025/gone <x>.yaml' })], { lang: 'kk' }).html;
    expect(lone).toContain('Түзетілетін хаттама: 2025/gone &lt;x&gt;.yaml</p>');
  });

  it('escapes hostile record text everywhere, and the embedded JSON cannot end its script', () => {
    const hostile = entry({
      record: `2026/x"><img src=x onerror=alert(1)>.yaml`,
      number: 7,
      date: '2026-05-05',
      organisation: HOSTILE,
      agenda: [HOSTILE],
      outputs: { pdf: `2026/"><script>alert(1)</script>.pdf`, docx: 'javascript:alert(1)' },
      amends: HOSTILE,
    });
    const page = renderIndex([...ENTRIES, hostile], { lang: 'kk' }).html;
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain('<b>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<!--');
    expect(page).toContain('&lt;/script&gt;&lt;b&gt;&amp;&quot;&#x27;x&lt;!--');
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page.match(/<script\b/g)).toHaveLength(2);
    // Links stay relative: every segment is encoded, so no scheme and no way out of the attribute.
    expect(page).toContain('href="javascript%3Aalert(1)"');
    expect(page).toContain('href="2026/%22%3E%3Cscript%3Ealert(1)%3C/script%3E.pdf"');
    // The embedded data is index.json's, byte for byte once parsed.
    expect(embedded(page)).toEqual(JSON.parse(renderIndex([...ENTRIES, hostile], { lang: 'kk' }).json));
  });

  it('embeds index.json’s data for the page script (fetch() does not work from file://)', () => {
    expect(embedded(html)).toEqual(JSON.parse(json));
    expect(scriptJson({ a: '</script><!--\u2028&' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u2028\\u0026"}');
  });

  it('is self-contained: no external resources', () => {
    expect(html).not.toMatch(/\bsrc=|<link\b|@import|url\(|https?:\/\//);
    expect(html).toMatch(/^<!doctype html>\n<html lang="kk">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('encodes each segment of an output path in its link', () => {
    expect(hrefOf('2026/педкеңес 5% #1.pdf')).toBe('2026/%D0%BF%D0%B5%D0%B4%D0%BA%D0%B5%D2%A3%D0%B5%D1%81%205%25%20%231.pdf');
    expect(html).toContain(`href="${hrefOf('2026/педкеңес 5% #1.pdf')}"`);
  });

  it('gives each record a stable anchor that is unique and safe in an id and a URL fragment', () => {
    expect(anchorOf(SEED)).toBe('m-2025~2025-12-25-board-of-trustees-02.yaml');
    const records = ['a/b.yaml', 'a~b.yaml', 'a_2f_b.yaml', 'a b.yaml', 'a_b.yaml', 'қ.yaml', './a/b.yaml'];
    const anchors = records.map(anchorOf);
    expect(new Set(anchors).size).toBe(records.length - 1); // "./a/b.yaml" is "a/b.yaml"
    for (const a of anchors) expect(a).toMatch(/^m-[A-Za-z0-9.~_-]+$/);
  });

  it('speaks Russian with the Russian template', () => {
    const ru = renderIndex(ENTRIES, { lang: 'ru', sealed: SEALED }).html;
    expect(ru).toMatch(/^<!doctype html>\n<html lang="ru">/);
    expect(ru).toContain('<h1>Архив протоколов</h1>');
    expect(ru).toContain('<h3 id="g-2025-board-of-trustees">Попечительский совет</h3>');
    expect(ru).toContain('Протокол №&nbsp;2');
    expect(ru).toContain('<ol class="agenda" lang="kk">');
    // Kazakh words only where the data has them (the embedded JSON and the meetings' own text).
    const words = ru.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '').replace(/<ol class="agenda"[^>]*>.*?<\/ol>/g, '');
    expect(words).not.toMatch(/Хаттама|хаттама|Күн тәртібі|Барлығы|жыл\b/);
  });

  it('keeps the wording in the templates: the style and script are the same in every language', () => {
    const part = (lang: string, tag: string): string => {
      const text = readFileSync(join(ROOT, 'templates', lang, 'index.html.hbs'), 'utf8');
      return new RegExp(`\\n<${tag}>\\n[\\s\\S]*?\\n</${tag}>\\n`).exec(text)![0];
    };
    for (const tag of ['style', 'script']) expect(part('ru', tag)).toBe(part('kk', tag));
  });
});

// ---------------------------------------------------------------------------
// In Chromium.

const CHROMIUM = '/usr/bin/chromium';

// The few browser globals the page functions below use (the project compiles without the DOM library).
interface PageElement {
  readonly id: string;
  readonly dataset: Record<string, string | undefined>;
  getBoundingClientRect(): { top: number; height: number };
}
declare const document: {
  readonly documentElement: { readonly lang: string; readonly scrollWidth: number };
  readonly activeElement: PageElement | null;
  getElementById(id: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
};
declare const innerHeight: number;
declare function getSelection(): unknown;
declare function getComputedStyle(element: PageElement): { readonly outlineStyle: string };
const hasChromium = existsSync(CHROMIUM);
const required = process.env['HATTAMA_REQUIRE_TOOLS'] === '1';

it('has chromium when CI requires it', () => {
  if (required) expect(hasChromium, `${CHROMIUM} (Debian package chromium)`).toBe(true);
});

// One retry: a real browser on a loaded 2-core machine can miss a keystroke's
// timing once; a real defect still fails the retry.
describe.skipIf(!hasChromium)('the index page in Chromium', { retry: 1 }, () => {
  let dir: string;
  let profile: string;
  let context: BrowserContext;
  let browser: Browser | undefined;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hattama-index-'));
    profile = mkdtempSync(join(tmpdir(), 'hattama-chromium-'));
    for (const e of ENTRIES) {
      for (const out of Object.values(e.outputs)) {
        mkdirSync(dirname(join(dir, out)), { recursive: true });
        writeFileSync(join(dir, out), `dummy ${out}\n`);
      }
    }
    const { html, json } = renderIndex(ENTRIES, { lang: 'kk', sealed: SEALED, ledger: HEAD });
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'index.json'), json);
    writeFileSync(join(dir, 'index-ru.html'), renderIndex(ENTRIES, { lang: 'ru', sealed: SEALED, ledger: HEAD }).html);
    // A fresh profile per run: nothing from an earlier run (or a user) leaks in.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 390, height: 844 },
      acceptDownloads: true,
    });
    browser = context.browser() ?? undefined;
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // Chromium's own pages (the PDF viewer a PDF link opens, and the chrome:// resources it
    // loads, sometimes still arriving during a later test) are not the index page's doing.
    const browserOwn = /^(chrome|chrome-extension|chrome-untrusted|devtools):/;
    page.on('console', (m) => {
      if (browserOwn.test(m.location().url ?? '')) return;
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    // Nothing from the network.
    page.on('request', (r) => {
      if (!/^(file|about|blob|data):/.test(r.url()) && !browserOwn.test(r.url())) problems.push(`request: ${r.url()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const open = async (hash = '', file = 'index.html'): Promise<void> => {
    await page.goto(pathToFileURL(join(dir, file)).href + hash);
    await page.locator('#q').waitFor();
  };
  /** The "found in" lines under a meeting, as shown. */
  const found = (record: string): Promise<string[]> => page.locator(`[id="${anchorOf(record)}"] .found:visible > span`).allInnerTexts();
  /** The filters as the URL's fragment holds them. */
  const filters = (): Record<string, string> => Object.fromEntries(new URLSearchParams(new URL(page.url()).hash.slice(1)));
  const controls = async (): Promise<string[]> => Promise.all(['#q', '#year', '#body', '#status'].map((s) => page.locator(s).inputValue()));
  const visible = (): Promise<string[]> => page.locator('[data-record]:visible').evaluateAll((els) => els.map((e) => (e as unknown as PageElement).dataset['record']!));
  const count = (): Promise<string> => page.locator('#count').innerText();

  it('lists every meeting, with the search and filters shown and the count', async () => {
    await open();
    expect(await visible()).toEqual(outline(renderIndex(ENTRIES, { lang: 'kk' }).html).filter((l) => l.startsWith('    ')).map((l) => l.trim()));
    expect(await count()).toBe('Көрсетілді: 6, барлығы 6');
    expect(await page.locator('#empty').isVisible()).toBe(false);
    expect(await page.locator('label[for="q"]').innerText()).toBe('Іздеу');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('kk');
    // Hostile text is text: shown literally, never parsed as markup.
    expect(await page.locator('b').count()).toBe(0);
    expect(await page.getByText(HOSTILE, { exact: true }).count()).toBe(1);
    // Everything came from file://, with no errors.
    expect(problems).toEqual([]);
  });

  it('filters as you type, Kazakh-aware and case-insensitive, with a live count and a "nothing found" message', async () => {
    await open();
    const q = page.locator('#q');
    await q.pressSequentially('ҚАМҚОРШЫЛЫҚ');
    expect(await visible()).toEqual([AMENDMENT, '2025/2025-09-10-board-of-trustees-01.yaml', SEED]);
    expect(await count()).toBe('Көрсетілді: 3, барлығы 6');
    // Typed on a Russian keyboard: "кенес" finds "кеңес" (boards and pedagogical councils, not the parents).
    await q.fill('кенес');
    expect(await visible()).toHaveLength(5);
    expect(await visible()).not.toContain('2026/2026-02-10-parents-meeting-01.yaml');
    await q.fill('жоспары');
    expect(await visible()).toEqual(['2025/2025-09-10-board-of-trustees-01.yaml']);
    await q.fill('25.12.2025');
    expect(await visible()).toEqual([AMENDMENT, SEED]); // the amendment's agenda names that date too
    await q.fill('Dara BALA');
    expect(await visible()).toEqual([SEED]);
    await q.fill('еркетай 2026 ата-аналар');
    expect(await visible()).toEqual(['2026/2026-02-10-parents-meeting-01.yaml']);
    await q.fill('</script>');
    expect(await visible()).toEqual(['2026/2026-02-10-parents-meeting-01.yaml']);
    await q.fill('жоқ сөз');
    expect(await visible()).toEqual([]);
    expect(await count()).toBe('Көрсетілді: 0, барлығы 6');
    expect(await page.locator('#empty').isVisible()).toBe(true);
    expect(await page.locator('.year > h2:visible').count()).toBe(0);
    await page.locator('#clear').click();
    expect(await visible()).toHaveLength(6);
    expect(await page.locator('#empty').isVisible()).toBe(false);
    expect(await page.locator('#clear').isVisible()).toBe(false);
  });

  it('finds meetings by chair, secretary, rapporteur, speaker and decision, and says where it matched', async () => {
    await open();
    const q = page.locator('#q');
    await q.pressSequentially('Аметов');
    expect(await visible()).toEqual([SEED]);
    expect(await found(SEED)).toEqual(['Төраға: Аметов Е.Д']);
    expect(await page.locator(`[id="${anchorOf(SEED)}"] .found mark`).allInnerTexts()).toEqual(['Аметов']);
    // Typed on a Russian keyboard.
    await q.fill('жумагалиева');
    expect(await visible()).toEqual([SEED]);
    expect(await found(SEED)).toEqual(['Хатшы: Жұмағалиева Г.Т']);
    await q.fill('заңдылығы');
    expect(await visible()).toEqual([SEED]);
    expect(await found(SEED)).toEqual(['Шешім: «Dara bala.kz» платформасы арқылы жолдама беру тәртібінің ашықтығы мен заңдылығы қамтамасыз етілсін.']);
    const council = '2025/2025-08-28-pedagogical-council-01.yaml';
    await q.fill('Нұрланов');
    expect(await visible()).toEqual([council]);
    expect(await found(council)).toEqual(['Баяндамашы: Нұрланов Е.К']);
    await q.fill('қасымов');
    expect(await found(council)).toEqual(['Сөз сөйлеген: Қасымов Ү.Ң']);
    // Two terms, two places; a term the row already shows adds no line.
    await q.fill('серікова бекітілсін дайындық');
    expect(await visible()).toEqual([council]);
    expect(await found(council)).toEqual(['Төраға: Серікова А.Б', 'Шешім: Тоқсан қорытындысы бекітілсін.']);
    // A long decision is quoted around the match.
    await q.fill('олимпиадаға');
    const [quoted] = await found(council);
    expect(quoted).toMatch(/^Шешім: …\S/);
    expect(quoted).toContain('олимпиадаға дайындық');
    expect(quoted!.length).toBeLessThan(LONG_DECISION.length);
    // Found where the row shows it: no "found in" line.
    await q.fill('Dara');
    expect(await visible()).toEqual([SEED]);
    expect(await found(SEED)).toEqual([]);
    // Hostile text found in a decision is quoted as text, never parsed as markup.
    await q.fill('шешімі');
    expect(await visible()).toEqual(['2026/2026-02-10-parents-meeting-01.yaml']);
    expect(await found('2026/2026-02-10-parents-meeting-01.yaml')).toEqual([`Шешім: ${HOSTILE} шешімі`]);
    expect(await page.locator('b:not(.found b)').count()).toBe(0);
    expect(await page.locator('.found img, .found script').count()).toBe(0);
    // Nonsense: nothing, and the message says so.
    await q.fill('Аметовзз');
    expect(await visible()).toEqual([]);
    expect(await page.locator('#empty').isVisible()).toBe(true);
    expect(await page.locator('#empty').innerText()).toBe('Ештеңе табылмады. Іздеу сөзін өзгертіңіз немесе сүзгілерді тазартыңыз.');
    expect(problems).toEqual([]);
  });

  it('keeps the filters in the URL: a link reproduces the view, and Back returns to the one before', async () => {
    await open();
    await page.locator('#q').pressSequentially('кеңес');
    await expect.poll(filters).toEqual({ q: 'кеңес' });
    await page.selectOption('#year', '2025');
    await page.selectOption('#status', 'sealed');
    await expect.poll(filters).toEqual({ q: 'кеңес', year: '2025', status: 'sealed' });
    expect(await visible()).toEqual(['2025/2025-09-10-board-of-trustees-01.yaml', SEED]);
    const link = page.url();
    // Back, one step at a time (the keystrokes of one search are one step).
    await page.goBack();
    await page.waitForFunction(() => (document.getElementById('status') as unknown as { value: string }).value === '');
    expect(await controls()).toEqual(['кеңес', '2025', '', '']);
    expect(await visible()).toEqual(['2025/2025-09-10-board-of-trustees-01.yaml', SEED, '2025/2025-08-28-pedagogical-council-01.yaml']);
    await page.goBack();
    await page.waitForFunction(() => (document.getElementById('year') as unknown as { value: string }).value === '');
    expect(await controls()).toEqual(['кеңес', '', '', '']);
    await page.goBack();
    await page.waitForFunction(() => (document.getElementById('q') as unknown as { value: string }).value === '');
    expect(await visible()).toHaveLength(6);
    await page.goForward();
    await page.waitForFunction(() => (document.getElementById('q') as unknown as { value: string }).value !== '');
    expect(await controls()).toEqual(['кеңес', '', '', '']);
    // The link, opened afresh, shows the same view.
    await page.goto('about:blank');
    await page.goto(link);
    await page.locator('#q').waitFor();
    expect(await controls()).toEqual(['кеңес', '2025', '', 'sealed']);
    expect(await visible()).toEqual(['2025/2025-09-10-board-of-trustees-01.yaml', SEED]);
    expect(await count()).toBe('Көрсетілді: 2, барлығы 6');
    // Written by hand: a person, a draft; a year the archive does not have is ignored.
    await page.goto('about:blank');
    await open(`#q=${encodeURIComponent('Аметов')}`);
    expect(await visible()).toEqual([SEED]);
    expect(await found(SEED)).toEqual(['Төраға: Аметов Е.Д']);
    await page.goto('about:blank');
    await open('#status=draft');
    expect(await visible()).toEqual([AMENDMENT]);
    await page.goto('about:blank');
    await open('#year=1999&body=pedagogical-council');
    expect(await controls()).toEqual(['', '', 'pedagogical-council', '']);
    expect(await visible()).toEqual([WEIRD, '2025/2025-08-28-pedagogical-council-01.yaml']);
    expect(problems).toEqual([]);
  });

  it('shows the legend, and the ledger head as index.json has it with the command to copy', async () => {
    await open();
    const legend = page.locator('.legend');
    expect(await legend.isVisible()).toBe(true);
    expect(await legend.innerText()).toContain('Мөрленген');
    expect(await legend.innerText()).toContain('кез келген өзгеріс анықталады');
    const data = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as IndexData;
    expect(await page.locator('#ledger-head').innerText()).toBe(data.ledger!.head);
    expect(await page.locator('#ledger-entries').innerText()).toBe(String(data.ledger!.entries));
    expect(await page.locator('#verify-command').innerText()).toBe(`hattama verify --head ${data.ledger!.head}`);
    await page.locator('.legend a[href="#ledger"]').click();
    expect(await page.locator('#ledger').isVisible()).toBe(true);
    // Copied, or (where the clipboard is refused) selected for the user to copy.
    await page.locator('#copy').click();
    await page.waitForFunction(() => (document.getElementById('copied') as unknown as { textContent: string }).textContent !== '');
    const said = await page.locator('#copied').innerText();
    expect(['Көшірілді', 'Команда белгіленді: оны көшіріп алыңыз']).toContain(said);
    if (said !== 'Көшірілді') expect(await page.evaluate(() => String(getSelection()))).toBe(`hattama verify --head ${data.ledger!.head}`);
    expect(problems).toEqual([]);
  });

  it('filters by year and by body', async () => {
    await open();
    await page.selectOption('#year', '2025');
    expect(await visible()).toEqual(['2025/2025-09-10-board-of-trustees-01.yaml', SEED, '2025/2025-08-28-pedagogical-council-01.yaml']);
    expect(await page.locator('.year > h2:visible').allInnerTexts()).toEqual(['2025 жыл']);
    expect(await count()).toBe('Көрсетілді: 3, барлығы 6');
    await page.selectOption('#body', 'pedagogical-council');
    expect(await visible()).toEqual(['2025/2025-08-28-pedagogical-council-01.yaml']);
    expect(await page.locator('h3:visible').allInnerTexts()).toEqual(['Педагогикалық кеңес']);
    await page.selectOption('#year', '');
    expect(await visible()).toEqual([WEIRD, '2025/2025-08-28-pedagogical-council-01.yaml']);
    await page.locator('#q').fill('бағдарлама');
    expect(await visible()).toEqual([WEIRD]);
    expect(await page.locator('#body option').allInnerTexts()).toEqual(['Барлық органдар', 'Қамқоршылық кеңес', 'Ата-аналар жиналысы', 'Педагогикалық кеңес']);
  });

  /**
   * Clicks a link to a file: Chromium either downloads it or opens it; either
   * way it must be `file` under `base` (the test's index by default), with
   * `content` as its bytes (the dummy text written for it by default).
   */
  async function follow(selector: string, file: string, base = dir, content: Buffer = Buffer.from(`dummy ${file}\n`)): Promise<void> {
    if (base === dir) await open();
    const expected = join(base, file);
    // Whichever happens settles the race; the other one's failure (a download aborts the navigation) is ignored.
    const never = new Promise<never>(() => undefined);
    const download = page.waitForEvent('download', { timeout: 20_000 }).then((d) => ({ kind: 'download' as const, d }), () => never);
    const navigation = page
      .waitForURL((u) => u.protocol === 'file:' && !u.pathname.endsWith('/index.html'), { timeout: 20_000 })
      .then(() => ({ kind: 'navigation' as const }), () => never);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${selector}: neither a download nor a navigation`)), 20_000);
    });
    await page.locator(selector).click();
    const got = await Promise.race([download, navigation, timeout]).finally(() => clearTimeout(timer));
    if (got.kind === 'download') {
      expect(fileURLToPath(got.d.url())).toBe(expected);
      expect(readFileSync((await got.d.path())!).equals(content)).toBe(true);
    } else {
      expect(fileURLToPath(page.url())).toBe(expected);
    }
  }

  it('follows a PDF link to its file (URL-encoded name with spaces, Cyrillic, % and #)', async () => {
    await follow(`[id="${anchorOf(WEIRD)}"] a.file[type="application/pdf"]`, '2026/педкеңес 5% #1.pdf');
  });

  it('follows PDF and DOCX links of the seed meeting', async () => {
    await follow(`[id="${anchorOf(SEED)}"] a.file[type="application/pdf"]`, '2025/2025-12-25-board-of-trustees-02.pdf');
    await follow(`[id="${anchorOf(SEED)}"] a.file:not([type="application/pdf"])`, '2025/2025-12-25-board-of-trustees-02.docx');
  });

  it('on the page `hattama build` writes: lists every built meeting, and every link opens its real file', async () => {
    const archive = mkdtempSync(join(tmpdir(), 'hattama-built-index-'));
    cpSync(join(ROOT, 'meetings'), join(archive, 'meetings'), { recursive: true });
    const seedYaml = readFileSync(join(archive, 'meetings', SEED), 'utf8');
    writeFileSync(join(archive, 'meetings/2025/2025-12-29-board-of-trustees-03.yaml'), seedYaml.replace('number: 2', 'number: 3').replace('date: 2025-12-25', 'date: 2025-12-29').replace('status: signed', 'status: draft'));
    const built = hattama(['build'], { cwd: archive });
    expect(built.code, built.stderr).toBe(0);
    const out = join(archive, 'out');
    const data = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as IndexData;
    expect(data.meetings.map((m) => m.record).sort()).toEqual(['2025/2025-12-25-board-of-trustees-02.yaml', '2025/2025-12-29-board-of-trustees-03.yaml']);
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    await page.locator('#q').waitFor();
    expect((await visible()).sort()).toEqual(data.meetings.map((m) => m.record).sort());
    // The organisation in the header, the seed's chair found, the ledger's head as index.json has it.
    expect(await page.locator('.top .org').innerText()).toBe(ORG);
    await page.locator('#q').fill('Аметов');
    expect(await found(SEED)).toEqual(['Төраға: Аметов Е.Д']);
    await page.locator('#q').fill('назарға алынсын');
    expect((await visible()).sort()).toEqual(data.meetings.map((m) => m.record).sort());
    expect(data.ledger).toBeDefined();
    expect(await page.locator('#ledger-head').innerText()).toBe(data.ledger!.head);
    await page.locator('#q').fill('');
    // Every link points at a file the build wrote: a real PDF or DOCX.
    const hrefs = await page.locator('a.file').evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
    expect(hrefs).toHaveLength(4);
    for (const href of hrefs) {
      const magic = readFileSync(fileURLToPath(href)).subarray(0, 5).toString('latin1');
      expect(magic, href).toBe(href.endsWith('.pdf') ? '%PDF-' : 'PK\u0003\u0004\u0014');
    }
    const pdf = '2025/2025-12-25-board-of-trustees-02.pdf';
    await follow(`[id="${anchorOf(SEED)}"] a.file[type="application/pdf"]`, pdf, out, readFileSync(join(out, pdf)));
    expect(problems).toEqual([]);
  });

  it('jumps along amendment links both ways, even to a meeting the filters hide', async () => {
    await open();
    const inView = (id: string): Promise<boolean> =>
      page.evaluate((id) => {
        const r = document.getElementById(id)!.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.top < innerHeight;
      }, id);
    await page.selectOption('#year', '2026');
    expect(await visible()).not.toContain(SEED);
    await page.locator(`[id="${anchorOf(AMENDMENT)}"] .rel a`).click();
    await page.waitForFunction((id) => document.querySelector(':target')?.id === id, anchorOf(SEED));
    expect(await page.locator('#year').inputValue()).toBe('');
    expect(await visible()).toContain(SEED);
    expect(await inView(anchorOf(SEED))).toBe(true);
    await page.locator(`[id="${anchorOf(SEED)}"] .rel a`).click();
    await page.waitForFunction((id) => document.querySelector(':target')?.id === id, anchorOf(AMENDMENT));
    expect(await inView(anchorOf(AMENDMENT))).toBe(true);
  });

  it('fits a phone and a desktop, in Kazakh and Russian (screenshots in /tmp for a look)', async () => {
    const width = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth);
    for (const [lang, file] of [['kk', 'index.html'], ['ru', 'index-ru.html']] as const) {
      await page.setViewportSize({ width: 375, height: 812 });
      await open(`#q=${encodeURIComponent('кеңес')}`, file);
      expect(await width()).toBeLessThanOrEqual(375);
      // The whole Kazakh page; the first screen of the Russian one.
      await page.screenshot({ path: join(tmpdir(), `hattama-index-phone-${lang}.png`), fullPage: lang === 'kk' });
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(await width()).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: join(tmpdir(), `hattama-index-desktop-${lang}.png`), fullPage: lang === 'kk' });
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await open();
    // Keyboard users see where they are.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    expect(problems).toEqual([]);
  });
});
