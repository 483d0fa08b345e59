import { join } from 'node:path';
import { EXIT, printDiagnostics } from '../report.js';
import { msg } from '../../messages/index.js';
import { escapeForTerminal } from '../../parse/terminal.js';
import { archivePlace, findArchiveRoot, RECORDS_DIR } from '../../archive/root.js';
import { configFor } from '../../config/load.js';
import { BODY_KINDS } from '../../config/organisation.js';
import type { BodyKind } from '../../model/record.js';
import { planNextRecord } from '../../scaffold/next-record.js';
import { createFile, ExistsError } from '../../scaffold/write.js';
import { placeholderPositions } from '../../scaffold/templates.js';
import { scaffoldLanguage } from '../../scaffold/language.js';
import { today } from '../../scaffold/today.js';
import { confinedPath, LinkOnTheWayError } from '../../scaffold/confined.js';

/**
 * `hattama new BODY [--date D]`: writes the body's next record as a draft and prints its path.
 * A date before the body's latest record in the same numbering year still gets the next
 * number (the file is written), with a warning that the numbers then no longer follow the
 * order of the meetings and the records after it are to be renumbered.
 */
export async function newCommand(body: string, opts: { date?: string }): Promise<number> {
  const lang = scaffoldLanguage();
  const say = (key: string, params?: Record<string, string | number>): string => msg(key, params, lang);
  if (!(BODY_KINDS as readonly string[]).includes(body)) {
    process.stderr.write(say('new.unknown-body', { body: escapeForTerminal(body), bodies: BODY_KINDS.join(', ') }) + '\n');
    return EXIT.invalid;
  }
  if (findArchiveRoot(process.cwd()) === undefined) {
    process.stderr.write(say('new.no-archive') + '\n');
    return EXIT.invalid;
  }
  const { root } = archivePlace();
  const date = opts.date ?? today();
  const { config, diagnostics } = configFor(join(root, RECORDS_DIR, date.slice(0, 4)));
  printDiagnostics(diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return EXIT.invalid;
  const plan = await planNextRecord(root, body as BodyKind, date, config);
  for (const r of plan.unreadable) process.stderr.write(say('new.unreadable', { file: escapeForTerminal(r) }) + '\n');
  // The body's name in the message's language (the id is for the command line).
  const bodyName = say(`init.body.${body}`);
  if (plan.laterRecord !== undefined) {
    process.stderr.write(say('new.earlier', { date, file: escapeForTerminal(plan.laterRecord), n: plan.number, body: bodyName }) + '\n');
  }
  try {
    createFile(confinedPath(root, plan.relative), plan.text);
  } catch (err) {
    if (err instanceof LinkOnTheWayError) {
      const shown = escapeForTerminal(plan.relative);
      process.stderr.write(say(err.link ? 'init.link' : 'init.outside', { file: shown, link: escapeForTerminal(err.link) }) + '\n');
      return EXIT.invalid;
    }
    if (!(err instanceof ExistsError)) throw err;
    process.stderr.write(say('new.exists', { file: escapeForTerminal(plan.relative) }) + '\n');
    return EXIT.invalid;
  }
  process.stdout.write(escapeForTerminal(plan.relative) + '\n');
  process.stderr.write(say('new.wrote', { n: plan.number, year: plan.year, body: bodyName }) + '\n');
  const toFill = placeholderPositions(plan.text).map((p) => `  ${escapeForTerminal(plan.relative)}:${p.line}:${p.column}: ${p.text}`);
  if (toFill.length) process.stderr.write(`${say('new.fill-in', { n: toFill.length })}\n${toFill.join('\n')}\n`);
  return EXIT.ok;
}
