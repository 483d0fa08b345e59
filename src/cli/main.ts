/**
 * The command line: argument parsing only. Each command lives in
 * `commands/` and is imported when it runs, so `hattama validate` never
 * loads the PDF writer. Errors map to the exit codes in `report.ts`.
 */
import { Command, CommanderError, Help, Option } from 'commander';
import { EXIT } from './report.js';
import { LANGUAGES, msg, setLanguage, type Language } from '../messages/index.js';
import { chooseLanguage } from '../messages/choose.js';
import { isRealDate } from '../util/dates.js';
import { escapeForTerminal } from '../parse/terminal.js';
import type { Format } from '../render/render.js';

const VERSION = '0.1.0';

function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  for (const f of formats) if (f !== 'docx' && f !== 'pdf') throw new CommanderError(EXIT.usage, 'hattama.format', msg('cli.usage.unknown-format', { format: escapeForTerminal(f) }));
  if (!formats.length) throw new CommanderError(EXIT.usage, 'hattama.format', msg('cli.usage.no-format'));
  return [...new Set(formats)] as Format[];
}

function isoDate(value: string): string {
  if (!isRealDate(value)) {
    // In the right form but not on the calendar (2026-02-30) is a different mistake from a wrong form.
    const key = /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'cli.usage.no-such-date' : 'cli.usage.not-a-date';
    throw new CommanderError(EXIT.usage, 'hattama.date', msg(key, { value: escapeForTerminal(value) }));
  }
  return value;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(EXIT.usage, 'hattama.format', msg('cli.usage.not-a-count', { value: escapeForTerminal(value) }));
  return n;
}

const formatOption = (): Option => new Option('-f, --format <list>', msg('cli.option.format')).default(['docx', 'pdf'], 'docx,pdf').argParser(parseFormats);
const strictOption = (): Option => new Option('--strict', msg('cli.option.strict'));

/** Commander's own words (section titles, "default:", "choices:"), from the catalogue. */
function translatedHelp(): Partial<Help> {
  const titles: Record<string, string> = {
    'Usage:': msg('cli.help.usage'),
    'Options:': msg('cli.help.options'),
    'Commands:': msg('cli.help.commands'),
    'Arguments:': msg('cli.help.arguments'),
    'Global Options:': msg('cli.help.global-options'),
  };
  const extra = (description: string, choices: readonly string[] | undefined, shownDefault: string | undefined): string => {
    const info = [
      ...(choices ? [msg('cli.help.choices', { values: choices.join(', ') })] : []),
      ...(shownDefault !== undefined ? [msg('cli.help.default', { value: shownDefault })] : []),
    ];
    return info.length ? `${description}${description ? ' ' : ''}(${info.join(', ')})` : description;
  };
  return {
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription: (o: Option) =>
      extra(o.description, o.argChoices, o.defaultValue !== undefined && (o.required || o.optional) ? (o.defaultValueDescription ?? JSON.stringify(o.defaultValue)) : undefined),
    argumentDescription: (a) => extra(a.description, a.argChoices, a.defaultValue !== undefined ? (a.defaultValueDescription ?? JSON.stringify(a.defaultValue)) : undefined),
  };
}

/** commander's error sentences, matched and worded from the catalogue (anything else passes unchanged). */
const COMMANDER_ERRORS: readonly [RegExp, string][] = [
  [/^error: unknown option '([^']*)'(?:\n\(Did you mean (\S+)\?\))?/, 'cli.error.unknown-option'],
  [/^error: unknown command '([^']*)'(?:\n\(Did you mean (\S+)\?\))?/, 'cli.error.unknown-command'],
  [/^error: missing required argument '([^']*)'/, 'cli.error.missing-argument'],
  [/^error: option '([^']*)' argument missing/, 'cli.error.option-argument-missing'],
  [/^error: required option '([^']*)' not specified/, 'cli.error.required-option'],
  [/^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./, 'cli.error.invalid-choice'],
  [/^error: too many arguments.*?\. Expected (\d+) arguments? but got (\d+)\./, 'cli.error.too-many-arguments'],
];

function translateCommanderError(raw: string): string {
  // commander quotes the user's words (an unknown option or command): never a terminal escape from them.
  const text = raw.split('\n').map(escapeForTerminal).join('\n');
  for (const [pattern, key] of COMMANDER_ERRORS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [, a = '', b = '', c = ''] = m;
    const said = msg(key, { name: a, value: b, choices: c, expected: a, got: b, n: Number(a) });
    const hint = key.endsWith('unknown-option') || key.endsWith('unknown-command') ? (b ? ' ' + msg('cli.error.did-you-mean', { name: b }) : '') : '';
    return `${msg('cli.error.prefix')}: ${said}${hint}\n`;
  }
  return text;
}

/** Runs the CLI and resolves to the exit code. */
export async function main(rawArgv: readonly string[]): Promise<number> {
  // `hattama build | head -1` (or `2>&1 | head`): the reader may go before the command ends. The
  // lines it no longer reads are dropped; the command goes on and ends as it would have (never a stack trace).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  // The language is chosen before anything is parsed, so help and errors are in it too.
  const choice = chooseLanguage(rawArgv);
  setLanguage(choice.language, choice.chosen);
  const argv = choice.argv;
  if (choice.missingValue || (choice.flag !== undefined && !(LANGUAGES as readonly string[]).includes(choice.flag))) {
    process.stderr.write(`${msg('cli.error.prefix')}: ${msg('cli.usage.bad-lang', { value: choice.missingValue ? '' : escapeForTerminal((choice.flag ?? '').slice(0, 20)), languages: LANGUAGES.join(', ') })}\n`);
    return EXIT.usage;
  }
  // `referral rules|report` write a document in kk or ru: an explicit --lang chooses it too, unless --doc-lang does.
  const flagLang = choice.flag as Language | undefined;
  const documentLanguage = (own: 'kk' | 'ru' | undefined): 'kk' | 'ru' => own ?? (flagLang === 'ru' || flagLang === 'kk' ? flagLang : 'kk');

  let code: number = EXIT.ok;
  const program = new Command('hattama')
    .description(msg('cli.description'))
    .configureHelp(translatedHelp())
    .helpOption('-h, --help', msg('cli.option.help'))
    .helpCommand('help [command]', msg('cli.option.help'))
    .version(VERSION, '-V, --version', msg('cli.option.version'))
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(translateCommanderError(s)) })
    // Shown in help only: the value is taken out of the arguments before commander sees them (messages/choose.ts).
    .addOption(new Option('--lang <lang>', msg('cli.option.lang')).choices([...LANGUAGES]))
    .addHelpText('after', '\n' + msg('cli.help.after'));

  program
    .command('validate')
    .description(msg('cli.help.validate'))
    .argument('[files...]', msg('cli.help.validate.files'))
    .addOption(strictOption())
    .action(async (files: string[], opts: { strict?: boolean }) => {
      const { validateCommand } = await import('./commands/validate.js');
      code = await validateCommand(files, opts);
    });

  program
    .command('render')
    .description(msg('cli.help.render'))
    .argument('<file>', msg('cli.help.render.file'))
    .addOption(formatOption())
    .option('-o, --out <dir>', msg('cli.help.render.out'))
    .addOption(strictOption())
    .action(async (file: string, opts: { format: Format[]; out?: string; strict?: boolean }) => {
      const { renderCommand } = await import('./commands/render.js');
      code = await renderCommand(file, opts);
    });

  program
    .command('preview')
    .description(msg('preview.help.description'))
    .argument('[file]', msg('preview.help.file'))
    .option('-p, --port <n>', msg('preview.help.port'))
    .action(async (file: string | undefined, opts: { port?: string }) => {
      const { previewCommand } = await import('./commands/preview.js');
      code = await previewCommand(file, opts);
    });

  program
    .command('build')
    .description(msg('cli.help.build'))
    .argument('[dir]', msg('cli.help.build.dir'))
    .option('-o, --out <dir>', msg('cli.help.build.out'))
    .addOption(formatOption())
    .addOption(strictOption())
    .addOption(new Option('-j, --jobs <n>', msg('cli.help.build.jobs')).argParser(positiveInt))
    .action(async (dir: string | undefined, opts: { out?: string; format: Format[]; strict?: boolean; jobs?: number }) => {
      const { buildCommand } = await import('./commands/build.js');
      code = await buildCommand(dir, opts);
    });

  program
    .command('seal')
    .description(msg('cli.help.seal'))
    .argument('[dir]', msg('cli.help.records-dir'))
    .option('-o, --out <dir>', msg('cli.help.built-out'))
    .option('-y, --yes', msg('cli.help.seal.yes'))
    .action(async (dir: string | undefined, opts: { out?: string; yes?: boolean }) => {
      const { sealCommand } = await import('./commands/seal.js');
      code = await sealCommand(dir, opts);
    });

  program
    .command('verify')
    .description(msg('cli.help.verify'))
    .argument('[dir]', msg('cli.help.records-dir'))
    .option('-o, --out <dir>', msg('cli.help.built-out'))
    .option('--head <hash>', msg('cli.help.verify.head'))
    .action(async (dir: string | undefined, opts: { out?: string; head?: string }) => {
      const { verifyCommand } = await import('./commands/verify.js');
      code = await verifyCommand(dir, opts);
    });

  program
    .command('calendar')
    .description(msg('cli.help.calendar'))
    .argument('<year>', msg('cli.help.calendar.year'))
    .option('--json', msg('cli.help.calendar.json'))
    .action(async (year: string, opts: { json?: boolean }) => {
      const { calendarCommand } = await import('./commands/calendar.js');
      code = await calendarCommand(year, opts);
    });

  program
    .command('init')
    .description(msg('cli.help.init'))
    .argument('[dir]', msg('cli.help.init.dir'), '.')
    .option('-y, --yes', msg('cli.help.init.yes'))
    .action(async (dir: string, opts: { yes?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      code = await initCommand(dir === '.' ? undefined : dir, opts);
    });

  program
    .command('new')
    .description(msg('cli.help.new'))
    .argument('<body>', msg('cli.help.new.body'))
    .addOption(new Option('--date <date>', msg('cli.help.new.date')).argParser(isoDate))
    .action(async (body: string, opts: { date?: string }) => {
      const { newCommand } = await import('./commands/new.js');
      code = await newCommand(body, opts);
    });

  const referral = program.command('referral').description(msg('cli.help.referral'));
  const dateOption = (): Option => new Option('--date <date>', msg('cli.help.referral.date')).argParser(isoDate);
  // The document's language; without it, an explicit --lang kk|ru chooses it, else kk.
  const langOption = (): Option => new Option('--doc-lang <lang>', msg('cli.help.referral.doc-lang')).choices(['kk', 'ru']);
  referral
    .command('rules')
    .description(msg('cli.help.referral-rules'))
    .addOption(dateOption())
    .addOption(langOption())
    .option('--json', msg('cli.help.referral-rules.json'))
    .option('--region <id>', msg('cli.help.referral.region'))
    .addOption(new Option('-f, --format <list>', msg('cli.help.referral-rules.format')).argParser(parseFormats))
    .option('-o, --out <dir>', msg('cli.help.referral-rules.out'))
    .action(async ({ docLang, ...opts }: { date?: string; docLang?: 'kk' | 'ru'; json?: boolean; region?: string; format?: Format[]; out?: string }) => {
      const { referralRulesCommand } = await import('./commands/referral-rules.js');
      code = await referralRulesCommand({ ...opts, lang: documentLanguage(docLang) });
    });
  referral
    .command('timeline')
    .description(msg('cli.help.referral-timeline'))
    .requiredOption('--offered <date>', msg('cli.help.referral-timeline.offered'), isoDate)
    .option('--json', msg('cli.help.referral-timeline.json'))
    .option('--region <id>', msg('cli.help.referral.region'))
    .action(async (opts: { offered: string; json?: boolean; region?: string }) => {
      const { referralTimelineCommand } = await import('./commands/referral-timeline.js');
      code = await referralTimelineCommand(opts);
    });
  referral
    .command('report')
    .description(msg('cli.help.referral-report'))
    .argument('<log>', msg('cli.help.referral-report.log'))
    .requiredOption('--from <date>', msg('cli.help.referral-report.from'), isoDate)
    .requiredOption('--to <date>', msg('cli.help.referral-report.to'), isoDate)
    .addOption(formatOption())
    .addOption(langOption())
    .option('-o, --out <dir>', msg('cli.help.referral-report.out'))
    .action(async (log: string, { docLang, ...opts }: { from: string; to: string; format: Format[]; docLang?: 'kk' | 'ru'; out?: string }) => {
      const { referralReportCommand } = await import('./commands/referral-report.js');
      code = await referralReportCommand(log, { ...opts, lang: documentLanguage(docLang) });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.code === 'hattama.format' || err.code === 'hattama.date') process.stderr.write(`${msg('cli.error.prefix')}: ${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`hattama: ${msg('cli.error.internal')}: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
  return code;
}
