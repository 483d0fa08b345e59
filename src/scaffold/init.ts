/**
 * `hattama init`: the files of a new organisation's archive, from the
 * secretary's answers (or placeholders), all from templates/scaffold/.
 */
import { join } from 'node:path';
import type { BodyKind, Language, PersonInput } from '../model/record.js';
import { regions } from '../referral/rules.js';
import { attendanceFor, recordFileName, recordText } from './next-record.js';
import { placeholders, scaffoldText, schemaDirFor } from './templates.js';
import type { Language as UiLanguage } from '../messages/index.js';

/** What init asks for; anything left out becomes a placeholder. */
export interface InitAnswers {
  readonly organisation?: Readonly<Partial<Record<Language, string>>>;
  /** An id from data/referral-rules.yaml `regions`. */
  readonly region?: string;
  readonly body: BodyKind;
  readonly chair?: string;
  readonly secretary?: string;
  readonly members?: readonly string[];
  /**
   * The language init spoke, written as hattama.yaml's `lang` so that every
   * later command speaks it too (Kazakh when not given).
   */
  readonly lang?: UiLanguage;
}

/** One file init writes: its path relative to the archive, and its text. */
export interface PlannedFile {
  readonly path: string;
  readonly text: string;
}

/** The files of a new archive at `root`, the first draft dated `today` (YYYY-MM-DD). */
export function planInit(root: string, answers: InitAnswers, today: string): PlannedFile[] {
  const kk = placeholders('kk');
  const ru = placeholders('ru');
  const schemaDir = schemaDirFor(root);
  const organisation = { kk: answers.organisation?.kk ?? kk.organisation, ru: answers.organisation?.ru ?? ru.organisation };
  const chair = answers.chair ?? kk.chair;
  const secretary = answers.secretary ?? kk.secretary;
  const members: PersonInput[] = answers.members?.length ? [...answers.members] : [kk.member];
  const record = join('meetings', today.slice(0, 4), recordFileName(today, answers.body, 1));
  return [
    {
      path: 'hattama.yaml',
      text: scaffoldText('hattama.yaml.tmpl', {
        schema_dir: schemaDir,
        lang: answers.lang ?? 'kk',
        package_dir: schemaDir.replace(/\/?schemas$/, '') || '.',
        organisation_kk: organisation.kk,
        organisation_ru: organisation.ru,
        region: answers.region ?? '',
        region_ids: regions().map((r) => r.id).join(', '),
        body: answers.body,
        chair,
        secretary,
        members,
      }),
    },
    {
      path: record,
      text: recordText(
        { language: 'kk', organisation: { name: organisation.kk }, body: answers.body, number: 1, date: today, attendance: attendanceFor(members, undefined, 'kk'), chair, secretary },
        root,
        join(root, record),
      ),
    },
    { path: join('.vscode', 'settings.json'), text: scaffoldText('vscode-settings.json.tmpl', { schema_dir: schemaDir }) },
    { path: join('.github', 'workflows', 'minutes.yml'), text: scaffoldText('minutes.yml') },
    { path: '.gitignore', text: scaffoldText('gitignore') },
    { path: 'README.md', text: scaffoldText('README.md.tmpl', { organisation_kk: organisation.kk, body: answers.body }) },
  ];
}
