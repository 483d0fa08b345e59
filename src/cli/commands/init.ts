import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { EXIT } from '../report.js';
import { msg } from '../../messages/index.js';
import { escapeForTerminal } from '../../parse/terminal.js';
import { existing, planInit, type InitAnswers } from '../../scaffold/init.js';
import { askInitAnswers, InitCancelled } from '../../scaffold/prompt.js';
import { createFile, ExistsError } from '../../scaffold/write.js';
import { placeholderPositions } from '../../scaffold/templates.js';
import { scaffoldLanguage } from '../../scaffold/language.js';
import { today } from '../../scaffold/today.js';

/** `hattama init [DIR]`: writes a new archive's files, never replacing one. */
export async function initCommand(dir: string | undefined, opts: { yes?: boolean }): Promise<number> {
  const lang = scaffoldLanguage();
  const say = (key: string, params?: Record<string, string | number>): string => msg(key, params, lang);
  const root = resolve(dir ?? '.');
  // A path as the user sees it: under the folder they typed.
  const shown = (p: string): string => escapeForTerminal(dir === undefined ? p : join(dir, p));
  const interactive = !opts.yes && process.stdin.isTTY === true && process.stderr.isTTY === true;
  let answers: InitAnswers = { body: 'board-of-trustees', lang };
  if (interactive) {
    try {
      answers = { ...(await askInitAnswers(lang)), lang };
    } catch (err) {
      if (!(err instanceof InitCancelled)) throw err;
      process.stderr.write('\n' + say('init.cancelled') + '\n');
      return EXIT.invalid;
    }
  }
  const files = planInit(root, answers, today());

  const there = existing(root, files).map((f) => f.path);
  if (there.length === files.length) {
    process.stderr.write(say('init.already', { dir: shown('.') }) + '\n');
    return EXIT.ok;
  }
  const written: typeof files = [];
  for (const f of files) {
    if (there.includes(f.path)) continue;
    try {
      createFile(join(root, f.path), f.text);
      written.push(f);
    } catch (err) {
      if (!(err instanceof ExistsError)) throw err;
      there.push(f.path);
    }
  }
  for (const f of written) process.stdout.write(say('init.wrote', { file: shown(f.path) }) + '\n');
  for (const p of there) process.stderr.write(say('init.exists', { file: shown(p) }) + '\n');

  const toFill = written.flatMap((f) => placeholderPositions(f.text).map((p) => `  ${shown(f.path)}:${p.line}:${p.column}: ${p.text}`));
  if (toFill.length) process.stderr.write(`${say('init.fill-in', { n: toFill.length })}\n${toFill.join('\n')}\n`);
  if (answers.region === undefined && written.some((f) => f.path === 'hattama.yaml')) process.stderr.write(say('init.no-region') + '\n');
  if (!existsSync(join(root, 'package.json'))) process.stderr.write(say('init.no-package') + '\n');
  process.stderr.write(say('init.next', { body: answers.body }) + '\n');
  return there.length ? EXIT.invalid : EXIT.ok;
}
