/**
 * Votes counted by the body's rules, the record fields real protocols need
 * (attendance groups, the kind of sitting, school-year numbering) and the
 * layout settings that are not shown by the examples.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDocument } from '../src/render/render.js';
import { formatDiagnostic } from '../src/parse/diagnostic.js';
import { numberingYear } from '../src/archive/checks.js';
import { outline } from './support/outline.js';

/** An archive in a temporary folder with one record; returns the record's path. */
function archive(record: string, config = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'hattama-layout-'));
  writeFileSync(join(dir, 'hattama.yaml'), config || '# default layout\n');
  mkdirSync(join(dir, 'meetings'));
  const file = join(dir, 'meetings', 'record.yaml');
  writeFileSync(file, record);
  return file;
}

/** A record with one or more agenda items, in kk or ru. */
function record(opts: { lang?: 'kk' | 'ru'; present?: number; members?: number; items: string[]; extra?: string }): string {
  return [
    'hattama: 1',
    `language: ${opts.lang ?? 'kk'}`,
    'organisation: { name: «Айгөлек» бөбекжайы }',
    'body: board-of-trustees',
    'number: 4',
    'date: 2026-04-10',
    'attendance:',
    `  present: ${opts.present ?? 7}`,
    ...(opts.members !== undefined ? [`  members: ${opts.members}`] : []),
    'chair: Ахметова Г.С',
    'secretary: Бекова А.Н',
    ...(opts.extra ? [opts.extra] : []),
    'agenda:',
    ...opts.items,
  ].join('\n') + '\n';
}

const item = (title: string, votes: string, decision = 'Ұсыныс қабылдансын.'): string =>
  `  - title: ${title}\n    heard: Ақпарат тыңдалды.\n    votes: ${votes}\n    decisions: [${decision}]`;

async function render(file: string): Promise<{ text: string; messages: string[] }> {
  const r = await buildDocument(file);
  return { text: r.document ? outline(r.document) : '', messages: r.diagnostics.map(formatDiagnostic) };
}

describe('votes', () => {
  it('1 for out of 7 present: a warning at the votes, no «Бірауыздан», and the decision is not adopted', async () => {
    const file = archive(record({ items: [item('Жөндеу туралы', '{ for: 1 }')] }));
    const { text, messages } = await render(file);
    expect(messages).toEqual([
      `${file}:14:12: warning: agenda item 1: the votes (1 for, 0 against, 0 abstained) add up to 1, but 7 are present; check the counts (the minutes print them as given) [rule/votes-count]`,
    ]);
    expect(text).not.toContain('Бірауыздан');
    expect(text).toContain('[body] Дауыс беру: жақтағандар – 1, қарсы – 0, қалыс қалғандар – 0. Шешім қабылданбады.');
    expect(text).toContain('[label] Дауысқа қойылған шешім жобасы (қабылданбады):');
    expect(text).not.toContain('[label] Шешім:');
  });

  it('7 of 7 present: «Бірауыздан қабылданды.», and no warning', async () => {
    const { text, messages } = await render(archive(record({ items: [item('Жөндеу туралы', '{ for: 7 }')] })));
    expect(messages).toEqual([]);
    expect(text).toContain('[body] Дауыс беру: жақтағандар – 7, қарсы – 0, қалыс қалғандар – 0. Бірауыздан қабылданды.');
    expect(text).toContain('[label] Шешім:');
  });

  it('a majority that is not everyone: adopted by majority, in kk and in ru', async () => {
    const kk = await render(archive(record({ items: [item('Жөндеу туралы', '{ for: 5, against: 1, abstained: 1 }')] })));
    expect(kk.text).toContain('қалыс қалғандар – 1. Көпшілік дауыспен қабылданды.');
    const ru = await render(archive(record({ lang: 'ru', items: [item('О ремонте', '{ for: 5, against: 2 }', 'Принять.')] })));
    expect(ru.text).toContain('[body] Голосовали: «за» – 5, «против» – 2, «воздержались» – 0. Принято большинством голосов.');
    const tie = await render(archive(record({ lang: 'ru', present: 6, items: [item('О ремонте', '{ for: 3, against: 3 }', 'Принять.')] })));
    expect(tie.text).toContain('«воздержались» – 0. Решение не принято.');
    expect(tie.text).toContain('[label] Проект решения, поставленный на голосование (не принят):');
  });

  it('two thirds of the members, when hattama.yaml says so', async () => {
    const config = 'rules: { majority: two-thirds-of-members }\n';
    const passed = await render(archive(record({ present: 7, members: 9, items: [item('Жөндеу туралы', '{ for: 6, against: 1 }')] }), config));
    expect(passed.text).toContain('Көпшілік дауыспен қабылданды.');
    const failed = await render(archive(record({ present: 7, members: 9, items: [item('Жөндеу туралы', '{ for: 5, against: 2 }')] }), config));
    expect(failed.text).toContain('Шешім қабылданбады.');
    const unknown = await render(archive(record({ items: [item('Жөндеу туралы', '{ for: 7 }')] }), config));
    expect(unknown.messages.join('\n')).toContain('warning: the majority rule is two thirds of the members, but attendance.members is not given');
  });

  it('says «Қабылданды.» instead of «Бірауыздан қабылданды.» when the layout says so', async () => {
    const { text } = await render(archive(record({ items: [item('Жөндеу туралы', '{ for: 7 }')] }), 'layout: { unanimous: false }\n'));
    expect(text).toContain('[body] Дауыс беру: жақтағандар – 7, қарсы – 0, қалыс қалғандар – 0. Қабылданды.\n');
    const ru = await render(archive(record({ lang: 'ru', items: [item('О ремонте', '{ for: 7 }', 'Принять.')] }), 'layout: { unanimous: false }\n'));
    expect(ru.text).toContain('«воздержались» – 0. Принято.\n');
  });

  it('adopts nothing without a quorum, however the vote went', async () => {
    const { text, messages } = await render(archive(record({ present: 5, members: 9, items: [item('Жөндеу туралы', '{ for: 5 }')] })));
    expect(text).toContain('[body] Дауыс беру: жақтағандар – 5, қарсы – 0, қалыс қалғандар – 0. Шешім қабылданбады.');
    expect(text).not.toContain('Бірауыздан');
    expect(messages.join('\n')).toContain('warning: no quorum: 5 of 9 members present, 6 needed');
  });

  it('two thirds of those present when the rule is two thirds of the members and their number is unknown', async () => {
    const config = 'rules: { majority: two-thirds-of-members }\n';
    const { text } = await render(archive(record({ items: [item('Жөндеу туралы', '{ for: 4, against: 3 }')] }), config));
    expect(text).toContain('Шешім қабылданбады.');
  });

  it('warns when an item voted down has no decisions of its own but the meeting has resolutions', async () => {
    const file = archive(record({ items: ['  - title: Жөндеу туралы\n    heard: Ақпарат тыңдалды.\n    votes: { for: 1, against: 6 }'] }) + 'resolutions: [Ақпарат назарға алынсын.]\n');
    const { messages } = await render(file);
    expect(messages).toContain(
      `${file}:14:12: warning: agenda item 1 adopted nothing (by the vote, or for want of a quorum) but has no decisions of its own: the meeting's resolutions are printed as adopted; put what was voted on under this item's decisions [rule/rejected-resolutions]`,
    );
  });

  it('warns when no one is recorded as present', async () => {
    const file = archive(record({ present: 0, items: [item('Жөндеу туралы', '{ for: 0 }')] }));
    const { messages } = await render(file);
    expect(messages, messages.join('\n')).toContain(`${file}:8:3: warning: no one is recorded as present: check attendance [rule/nobody-present]`);
  });

  it('states the quorum when the member count is known', async () => {
    const met = await render(archive(record({ present: 7, members: 9, items: [item('Жөндеу туралы', '{ for: 7 }')] })));
    expect(met.text).toContain('[line] Мүшелер саны: 9, кворум бар.');
    const short = await render(archive(record({ lang: 'ru', present: 5, members: 9, items: [item('О ремонте', '{ for: 5 }', 'Принять.')] })));
    expect(short.text).toContain('[line] Всего членов: 9, кворума нет (необходимо 6).');
    expect(short.messages.join('\n')).toContain('warning: no quorum: 5 of 9 members present, 6 needed');
  });
});

describe('record fields', () => {
  it('attendance groups print with their notes, and the head-count is their sum', async () => {
    const groups = 'attendance:\n  groups:\n    - { label: ата-аналар, count: 9, note: кеңес мүшелері }\n    - { label: мұғалімдер, count: 2 }\n';
    const file = archive(record({ items: [item('Жөндеу туралы', '{ for: 11 }')] }).replace(/attendance:\n {2}present: 7\n/, groups));
    const { text, messages } = await render(file);
    expect(messages).toEqual([]);
    expect(text).toContain('[line] Қатысушылар: ата-аналар – 9 (кеңес мүшелері), мұғалімдер – 2');
    expect(text).toContain('Бірауыздан қабылданды.');
  });

  it('warns when a given head-count differs from the groups', async () => {
    const groups = 'attendance:\n  present: 12\n  groups:\n    - { label: ата-аналар, count: 9 }\n';
    const file = archive(record({ items: [item('Жөндеу туралы', '{ for: 9 }')] }).replace(/attendance:\n {2}present: 7\n/, groups));
    expect((await render(file)).messages).toContain(`${file}:8:12: warning: attendance.present is 12 but the groups add up to 9 [rule/attendance-count]`);
  });

  it('prints the kind of sitting on the session line, in kk and ru', async () => {
    const kk = await render(archive(record({ extra: 'sitting: extraordinary', items: [item('Жөндеу туралы', '{ for: 7 }')] }), 'layout: { session_line: true }\n'));
    expect(kk.text).toContain('[line] Қамқоршылық кеңес мүшелерінің кезектен тыс отырысы');
    const ru = await render(archive(record({ lang: 'ru', extra: 'sitting: regular', items: [item('О ремонте', '{ for: 7 }', 'Принять.')] }), 'layout: { session_line: true }\n'));
    expect(ru.text).toContain('[line] Очередное заседание членов попечительского совета');
  });

  it('never calls a sitting regular that the record does not call so: the line is left out, with a warning', async () => {
    const file = archive(record({ items: [item('Жөндеу туралы', '{ for: 7 }')] }), 'layout: { session_line: true }\n');
    const { text, messages } = await render(file);
    expect(text).not.toContain('кезекті');
    expect(messages).toEqual([
      `${file}:1:1: warning: the layout prints the session line (layout.session_line), but the record does not give the kind of sitting: add "sitting: regular" or "sitting: extraordinary"; the line is left out [layout/sitting]`,
    ]);
  });

  it('numbers school years from the month hattama.yaml gives', () => {
    expect(numberingYear('2025-08-29', 'school-year')).toBe('2024–2025');
    expect(numberingYear('2025-08-29', 'school-year', 8)).toBe('2025–2026');
    expect(numberingYear('2025-07-31', 'school-year', 8)).toBe('2024–2025');
    expect(numberingYear('2025-08-29', 'calendar-year', 8)).toBe('2025');
  });

  it('refuses a school-year month that is not a month', async () => {
    const file = archive(record({ items: [item('Жөндеу туралы', '{ for: 7 }')] }), 'rules: { school_year_starts: 13 }\n');
    expect((await render(file)).messages.join('\n')).toContain('hattama.yaml:1:30: error: rules.school_year_starts must be the month the school year starts in, 1 to 12');
  });
});

describe('layout settings', () => {
  const three = [item('Бірінші', '{ for: 7 }'), item('Екінші', '{ for: 7 }'), item('Үшінші', '{ for: 7 }')];

  it('heads each item by its ordinal when asked, in kk and in ru', async () => {
    const kk = await render(archive(record({ items: three }), 'layout: { item_heading: ordinal }\n'));
    expect(kk.text.match(/^\[heading\] .*$/gm)).toEqual(['[heading] Күн тәртібінде:', '[heading] Бірінші мәселе бойынша:', '[heading] Екінші мәселе бойынша:', '[heading] Үшінші мәселе бойынша:']);
    const ru = await render(archive(record({ lang: 'ru', items: three }), 'layout: { item_heading: ordinal }\n'));
    expect(ru.text.match(/^\[heading\] .*$/gm)).toEqual(['[heading] Повестка дня:', '[heading] По первому вопросу:', '[heading] По второму вопросу:', '[heading] По третьему вопросу:']);
  });

  it('names items past the tenth by their ordinal, and by number past the locale\'s words', async () => {
    const many = Array.from({ length: 22 }, (_, i) => item(`Мәселе ${i + 1}`, '{ for: 7 }'));
    const kk = (await render(archive(record({ items: many }), 'layout: { item_heading: ordinal }\n'))).text.match(/^\[heading\] .*$/gm)!;
    expect(kk[11]).toBe('[heading] Он бірінші мәселе бойынша:');
    expect(kk[20]).toBe('[heading] Жиырмасыншы мәселе бойынша:');
    expect(kk[22]).toBe('[heading] 22-мәселе бойынша:');
    const ru = (await render(archive(record({ lang: 'ru', items: many }), 'layout: { item_heading: ordinal }\n'))).text.match(/^\[heading\] .*$/gm)!;
    expect(ru[12]).toBe('[heading] По двенадцатому вопросу:');
    expect(ru[22]).toBe('[heading] По 22-му вопросу:');
  });

  it('takes a heading set from the organisation\'s own locale.yaml', async () => {
    const file = archive(record({ items: [item('Жөндеу туралы', '{ for: 7 }')] }), 'templates: my\nlayout: { headings: { set: mine, agenda: "Қаралған мәселелер:" } }\n');
    const dir = join(file, '..', '..');
    mkdirSync(join(dir, 'my', 'kk'), { recursive: true });
    writeFileSync(join(dir, 'my', 'kk', 'locale.yaml'), 'headings:\n  mine:\n    heard: "ТЫҢДАЛДЫ (хаттамаға):"\n');
    const { text, messages } = await render(file);
    expect(messages).toEqual([]);
    expect(text).toContain('[heading] Қаралған мәселелер:');
    expect(text).toContain('[heading] ТЫҢДАЛДЫ (хаттамаға):');
    const unknown = archive(record({ items: [item('Жөндеу туралы', '{ for: 7 }')] }), 'layout: { headings: minee }\n');
    expect((await render(unknown)).messages.join('\n')).toContain('layout.headings: there is no heading set "minee"; the kk locale has default, formal');
  });

  it('names a misspelt heading with a hint, at its place', async () => {
    const file = archive(record({ items: [item('Жөндеу туралы', '{ for: 7 }')] }), 'layout:\n  headings: { set: formal, desicion: "Шешім:" }\n');
    expect((await render(file)).messages.join('\n')).toContain('hattama.yaml:2:28: error: unknown key "desicion" in layout.headings — did you mean "decision"?');
  });

  it('one item: one «Тыңдалды:» with no number', async () => {
    const { text } = await render(archive(record({ items: [three[0]!] })));
    expect(text.match(/^\[heading\] .*$/gm)).toEqual(['[heading] Күн тәртібінде:', '[heading] Тыңдалды:']);
  });

  it('puts the rapporteur inline, and responsible and deadline on lines, with long dates', async () => {
    const items = ['  - title: Жоспар туралы.', '    rapporteur: Серікова А.Б', '    heard: Ақпарат тыңдалды.', '    decisions:', '      - { text: Жоспар бекітілсін., responsible: Серікова А.Б, deadline: 2026-05-01 }'];
    const { text } = await render(archive(record({ items }), 'layout: { rapporteur: inline, responsible: lines, deadline: long, date: long }\n'));
    // The title's full stop moves after the bracket.
    expect(text).toContain('  1. Жоспар туралы (баяндамашы: Серікова А.Б).');
    expect(text).toContain('  1. Жоспар бекітілсін.\nЖауапты: Серікова А.Б\nМерзімі: 2026 жылғы 1 мамыр');
    expect(text).toContain('[line] Күні: 2026 жылғы 10 сәуір');
  });

  it('upper-cases a title, Kazakh letters included, and never breaks the escapes of record text', async () => {
    const file = archive(record({ items: [three[0]!] }).replace('«Айгөлек» бөбекжайы', '«Күншуақ» мектебі'), 'layout: { title: document-type, title_case: upper, organisation: { position: none } }\n');
    const { text } = await render(file);
    expect(text).toContain('[title] ҚАМҚОРШЫЛЫҚ КЕҢЕС ОТЫРЫСЫНЫҢ ХАТТАМАСЫ №4');
    const tricky = archive(record({ items: [three[0]!] }).replace('«Айгөлек» бөбекжайы', "'\"A & B\" бөбекжайы'"), 'layout: { title: held-at, title_case: upper }\n');
    const r = await render(tricky);
    expect(r.messages).toEqual([]);
    expect(r.text).toContain('[title] "A & B" БӨБЕКЖАЙЫНДА ӨТКІЗІЛГЕН ҚАМҚОРШЫЛЫҚ КЕҢЕС ОТЫРЫСЫНЫҢ ХАТТАМАСЫ №4');
  });

  it('puts the number beside the date and the chair and secretary at the top', async () => {
    const { text } = await render(archive(record({ lang: 'ru', items: [three[0]!] }), 'layout: { title: document-type, number: date, officers: top, date: long }\n'));
    expect(text).toContain('[line] «Айгөлек» бөбекжайы\n[title] Протокол заседания попечительского совета\n[line] 10 апреля 2026 г. № 4\n[line] Председатель: Ахметова Г.С.\n[line] Секретарь: Бекова А.Н.');
  });
});
