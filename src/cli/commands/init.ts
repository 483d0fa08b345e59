import { join, relative, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { EXIT } from '../report.js';
import { msg } from '../../messages/index.js';
import { escapeForTerminal } from '../../parse/terminal.js';
import { findArchiveRoot } from '../../archive/root.js';
import { planInit, type InitAnswers } from '../../scaffold/init.js';
import { askInitAnswers, InitCancelled } from '../../scaffold/prompt.js';
import { createFile, ExistsError } from '../../scaffold/write.js';
import { placeholderPositions } from '../../scaffold/templates.js';
import { scaffoldLanguage } from '../../scaffold/language.js';
import { today } from '../../scaffold/today.js';
import { confinedPath, LinkOnTheWayError } from '../../scaffold/confined.js';
import { completeGitignore } from '../../scaffold/gitignore.js';
import { installsFromOutside } from '../../scaffold/package-spec.js';
import { packageRoot } from '../../util/paths.js';

/**
 * `hattama init [DIR]`: writes a new archive's files, never replacing one.
 * Exit 0 when every file is in place (written, completed, or already there);
 * 1 when it refused something the user must resolve (DIR inside another
 * archive, a symbolic link on the way, the questions stopped).
 */
export async function initCommand(dir: string | undefined, opts: { yes?: boolean }): Promise<number> {
  const lang = scaffoldLanguage();
  const say = (key: string, params?: Record<string, string | number>): string => msg(key, params, lang);
  const root = resolve(dir ?? '.');
  // A path as the user sees it: under the folder they typed.
  const shown = (p: string): string => escapeForTerminal(dir === undefined ? p : join(dir, p));

  // Inside an existing archive (e.g. in its meetings/2026/) a second archive would only confuse every command.
  const around = findArchiveRoot(root);
  if (around !== undefined && resolve(around) !== root) {
    process.stderr.write(say('init.inside-archive', { root: escapeForTerminal(relative(process.cwd(), around) || '.') }) + '\n');
    return EXIT.invalid;
  }

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

  const written: typeof files = [];
  const there: string[] = [];
  const completed: { path: string; lines: string[] }[] = [];
  const refused: LinkOnTheWayError[] = [];
  for (const f of files) {
    let full: string;
    try {
      full = confinedPath(root, f.path);
    } catch (err) {
      if (!(err instanceof LinkOnTheWayError)) throw err;
      refused.push(err);
      continue;
    }
    if (existsSync(full)) {
      there.push(f.path);
      continue;
    }
    try {
      createFile(full, f.text);
      written.push(f);
    } catch (err) {
      if (!(err instanceof ExistsError)) throw err;
      there.push(f.path);
    }
  }
  // A .gitignore already there (GitHub makes one) gets the lines it lacks.
  const gitignore = files.find((f) => f.path === '.gitignore');
  if (gitignore && there.includes(gitignore.path)) {
    const lines = completeGitignore(join(root, gitignore.path), gitignore.text, say('init.gitignore-comment'));
    if (lines.length) {
      completed.push({ path: gitignore.path, lines });
      there.splice(there.indexOf(gitignore.path), 1);
    }
  }
  if (!written.length && !completed.length && !refused.length) {
    process.stderr.write(say('init.already', { dir: shown('.') }) + '\n');
    return EXIT.ok;
  }

  for (const f of written) process.stdout.write(say('init.wrote', { file: shown(f.path) }) + '\n');
  for (const c of completed) process.stdout.write(say('init.completed', { file: shown(c.path), lines: c.lines.join(' ') }) + '\n');
  for (const p of there) process.stderr.write(say('init.exists', { file: shown(p) }) + '\n');
  for (const r of refused) {
    process.stderr.write(say(r.link ? 'init.link' : 'init.outside', { file: shown(r.path), link: shown(r.link) }) + '\n');
  }

  const toFill = written.flatMap((f) => placeholderPositions(f.text).map((p) => `  ${shown(f.path)}:${p.line}:${p.column}: ${p.text}`));
  if (toFill.length) process.stderr.write(`${say('init.fill-in', { n: toFill.length })}\n${toFill.join('\n')}\n`);
  if (answers.region === undefined && written.some((f) => f.path === 'hattama.yaml')) process.stderr.write(say('init.no-region') + '\n');
  if (!existsSync(join(root, 'package.json'))) process.stderr.write(say('init.no-package') + '\n');
  else if (installsFromOutside(root)) process.stderr.write(say('init.tarball-outside', { version: hattamaVersion() }) + '\n');
  if (!existsSync(join(root, '.git'))) process.stderr.write(say('init.git') + '\n');
  process.stderr.write(say('init.next', { body: answers.body }) + '\n');
  return refused.length ? EXIT.invalid : EXIT.ok;
}

/** The running hattama's version, for the tarball's name. */
function hattamaVersion(): string {
  try {
    const v = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' ? v : '<version>';
  } catch {
    return '<version>';
  }
}
