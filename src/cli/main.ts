/**
 * The command line: argument parsing only. Each command lives in
 * `commands/` and is imported when it runs, so `hattama validate` never
 * loads the PDF writer. Errors map to the exit codes in `report.ts`.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT } from './report.js';
import { isRealDate } from '../util/dates.js';
import type { Format } from '../render/render.js';
import { msg } from '../messages/index.js';

const VERSION = '0.1.0';

function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  for (const f of formats) if (f !== 'docx' && f !== 'pdf') throw new CommanderError(EXIT.usage, 'hattama.format', `unknown format "${f}": use docx, pdf or docx,pdf`);
  if (!formats.length) throw new CommanderError(EXIT.usage, 'hattama.format', 'no format given: use docx, pdf or docx,pdf');
  return [...new Set(formats)] as Format[];
}

function isoDate(value: string): string {
  if (!isRealDate(value)) throw new CommanderError(EXIT.usage, 'hattama.date', `"${value}" is not a date written YYYY-MM-DD`);
  return value;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(EXIT.usage, 'hattama.format', `"${value}" is not a whole number of 1 or more`);
  return n;
}

const formatOption = (): Option => new Option('-f, --format <list>', 'formats to write, comma-separated').default(['docx', 'pdf'], 'docx,pdf').argParser(parseFormats);
const strictOption = (): Option => new Option('--strict', 'treat warnings as errors');

/** Runs the CLI and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('hattama')
    .description('Official Kazakh-language meeting minutes (хаттама) from YAML records, as DOCX and PDF.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(s) })
    .addHelpText(
      'after',
      `
Exit codes:
  0   success
  1   a record has errors (or warnings with --strict); nothing was written for it
  2   wrong command line (unknown option, missing argument)
  70  internal error in hattama

Every problem is printed as  file:line:column: error|warning: message [rule]`,
    );

  program
    .command('validate')
    .description('check records (schema, rules, template) without writing anything')
    .argument('<files...>', 'record files or folders of records')
    .addOption(strictOption())
    .action(async (files: string[], opts: { strict?: boolean }) => {
      const { validateCommand } = await import('./commands/validate.js');
      code = await validateCommand(files, opts);
    });

  program
    .command('render')
    .description('render one record to DOCX and/or PDF')
    .argument('<file>', 'the meeting record (.yaml)')
    .addOption(formatOption())
    .option('-o, --out <dir>', 'output folder (default: out/ at the archive root, mirroring meetings/)')
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
    .description('render every record under a folder into out/, mirroring its folders')
    .argument('[dir]', 'folder of records (default: meetings/ at the archive root)')
    .option('-o, --out <dir>', 'output folder (default: out/ at the archive root)')
    .addOption(formatOption())
    .addOption(strictOption())
    .addOption(new Option('-j, --jobs <n>', 'records rendered at once (worker threads; 1 renders in this process)').argParser(positiveInt))
    .action(async (dir: string | undefined, opts: { out?: string; format: Format[]; strict?: boolean; jobs?: number }) => {
      const { buildCommand } = await import('./commands/build.js');
      code = await buildCommand(dir, opts);
    });

  program
    .command('seal')
    .description('seal signed records: keep their DOCX and PDF in <dir>/sealed/ and append the SHA-256 of each record and its outputs to <dir>/seals.jsonl, chained; run after build')
    .argument('[dir]', 'folder of records', 'meetings')
    .option('-o, --out <dir>', 'output folder, as built by hattama build', 'out')
    .option('-y, --yes', 'seal without asking (on a terminal, seal lists the records and asks first)')
    .action(async (dir: string, opts: { out: string; yes?: boolean }) => {
      const { sealCommand } = await import('./commands/seal.js');
      code = await sealCommand(dir, opts);
    });

  program
    .command('verify')
    .description('check the seal ledger <dir>/seals.jsonl, then every sealed record and output against it; exit 1 naming each change')
    .argument('[dir]', 'folder of records', 'meetings')
    .option('-o, --out <dir>', 'output folder, as built by hattama build', 'out')
    .option('--head <hash>', 'a head hash published earlier: fail unless the ledger still holds it (also checked: out/ledger-head.json, ledger.head in hattama.yaml, and the git history of the ledger)')
    .action(async (dir: string, opts: { out: string; head?: string }) => {
      const { verifyCommand } = await import('./commands/verify.js');
      code = await verifyCommand(dir, opts);
    });

  program
    .command('calendar')
    .description("every day of a year on Kazakhstan's working-day calendar (five-day week), and why a day is off or worked")
    .argument('<year>', 'the year, e.g. 2025')
    .option('--json', 'print the days as a JSON array')
    .action(async (year: string, opts: { json?: boolean }) => {
      const { calendarCommand } = await import('./commands/calendar.js');
      code = await calendarCommand(year, opts);
    });

  const referral = program.command('referral').description('kindergarten referral rules: summary, deadlines, and the audit of a referral log');
  const dateOption = (): Option => new Option('--date <date>', 'the rules in force on this date (YYYY-MM-DD)').argParser(isoDate);
  const langOption = (): Option => new Option('--lang <lang>', 'language of the summary').choices(['kk', 'ru']).default('kk');
  referral
    .command('rules')
    .description('print the summary of the referral rules in force on a date (default: today)')
    .addOption(dateOption())
    .addOption(langOption())
    .option('--json', 'the rule set as JSON, each unconfirmed item flagged "unconfirmed": true')
    .option('--region <id>', "the organisation's region (default: region in hattama.yaml); error if the rules do not apply there")
    .addOption(new Option('-f, --format <list>', 'write the document in these formats (docx,pdf) instead of printing it').argParser(parseFormats))
    .option('-o, --out <dir>', 'write the document as DOCX and PDF (or --format) into this folder instead of printing it')
    .action(async (opts: { date?: string; lang: 'kk' | 'ru'; json?: boolean; region?: string; format?: Format[]; out?: string }) => {
      const { referralRulesCommand } = await import('./commands/referral-rules.js');
      code = await referralRulesCommand(opts);
    });
  referral
    .command('timeline')
    .description('when the privileged window closes and the period to take a referral ends, naming the holidays stepped over')
    .requiredOption('--offered <date>', 'the date the referral was offered (YYYY-MM-DD)', isoDate)
    .option('--json', 'as JSON')
    .option('--region <id>', "the organisation's region (default: region in hattama.yaml); error if the rules do not apply there")
    .action(async (opts: { offered: string; json?: boolean; region?: string }) => {
      const { referralTimelineCommand } = await import('./commands/referral-timeline.js');
      code = await referralTimelineCommand(opts);
    });
  referral
    .command('report')
    .description('audit a referral log (CSV or YAML) and write the board-report section as DOCX and/or PDF')
    .argument('<log>', 'the referral log (.csv, .yaml)')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)', isoDate)
    .requiredOption('--to <date>', 'last day of the period (YYYY-MM-DD)', isoDate)
    .addOption(formatOption())
    .addOption(langOption())
    .option('-o, --out <dir>', 'output folder', 'out')
    .action(async (log: string, opts: { from: string; to: string; format: Format[]; lang: 'kk' | 'ru'; out: string }) => {
      const { referralReportCommand } = await import('./commands/referral-report.js');
      code = await referralReportCommand(log, opts);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.code === 'hattama.format' || err.code === 'hattama.date') process.stderr.write(`error: ${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`hattama: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
  return code;
}
