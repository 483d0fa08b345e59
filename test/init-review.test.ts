/** `hattama init` and `hattama new` where the folder around them is not a clean new one (review findings, issue 9). */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';
import { ROOT } from './support/seed.js';

const EN = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const KK = { ...process.env, LANG: 'kk_KZ.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'hattama-init-review-'));
  dirs.push(d);
  return d;
};
/** An archive made by `init --yes`. */
const initialised = (env: NodeJS.ProcessEnv = EN): string => {
  const root = tempDir();
  expect(hattama(['init', '--yes'], { cwd: root, env }).code).toBe(0);
  return root;
};

describe('init inside an existing archive', () => {
  it('is refused from meetings/2026/, naming the root, and writes nothing', () => {
    const root = initialised();
    const inner = join(root, 'meetings', '2040');
    mkdirSync(inner, { recursive: true });
    const r = hattama(['init', '--yes'], { cwd: inner, env: EN });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('this folder is inside the archive at ../..: init writes nothing here');
    expect(readdirSync(inner)).toEqual([]);
    // And with a folder typed: init sub from the root is inside it too.
    const sub = hattama(['init', 'sub', '--yes'], { cwd: root, env: EN });
    expect(sub.code).toBe(1);
    expect(sub.stderr).toContain('inside the archive at .:');
    expect(existsSync(join(root, 'sub'))).toBe(false);
  });

  it("in the archive's root still completes what is missing", () => {
    const root = initialised();
    rmSync(join(root, '.vscode'), { recursive: true });
    const r = hattama(['init', '--yes'], { cwd: root, env: EN });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('wrote .vscode/settings.json\n');
  });
});

describe('symbolic links on the way', () => {
  it('init writes nothing through .vscode -> elsewhere, names the link (not its target), exit 1', () => {
    const root = tempDir();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(root, '.vscode'));
    const r = hattama(['init', '--yes'], { cwd: root, env: EN });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('.vscode/settings.json: .vscode is a symbolic link, and init writes nothing through one');
    expect(r.stderr).not.toContain(elsewhere);
    expect(readdirSync(elsewhere)).toEqual([]);
    // The rest of the archive is written.
    expect(existsSync(join(root, 'hattama.yaml'))).toBe(true);
  });

  it('new writes nothing through meetings/2027 -> elsewhere, exit 1', () => {
    const root = initialised();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(root, 'meetings', '2041'));
    const r = hattama(['new', 'board-of-trustees', '--date', '2041-01-15'], { cwd: root, env: EN });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/2041/2041-01-15-board-of-trustees-01.yaml: meetings/2041 is a symbolic link');
    expect(r.stderr).not.toContain(elsewhere);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('a .gitignore already there', () => {
  it('gets the lines it lacks under a comment, says so, exit 0; a complete one is left untouched', () => {
    const root = tempDir();
    writeFileSync(join(root, '.gitignore'), 'node_modules\n*.log');
    const r = hattama(['init', '--yes'], { cwd: root, env: EN });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('completed .gitignore: added out/');
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe(
      'node_modules\n*.log\n# Added by hattama init: what hattama build writes, and what npm installs.\nout/\n',
    );
    const again = hattama(['init', '--yes'], { cwd: root, env: EN });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already holds an archive');
    expect(readFileSync(join(root, '.gitignore'), 'utf8').match(/out\//g)).toHaveLength(1);
  });
});

describe('package.json and git', () => {
  it('warns when hattama is installed from a tarball outside the repository, and not from ./vendor/', () => {
    const root = tempDir();
    writeFileSync(join(root, 'package.json'), JSON.stringify({ devDependencies: { hattama: 'file:../hattama-0.1.0.tgz' } }));
    const r = hattama(['init', '--yes'], { cwd: root, env: EN });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('package.json installs hattama from a file outside this repository');
    expect(r.stderr).toMatch(/npm install -D \.\/vendor\/hattama-\d+\.\d+\.\d+\.tgz/);

    const ok = tempDir();
    writeFileSync(join(ok, 'package.json'), JSON.stringify({ devDependencies: { hattama: 'file:vendor/hattama-0.1.0.tgz' } }));
    expect(hattama(['init', '--yes'], { cwd: ok, env: EN }).stderr).not.toContain('outside this repository');
  });

  it('says `git init -b main` where there is no git repository yet', () => {
    const root = tempDir();
    expect(hattama(['init', '--yes'], { cwd: root, env: EN }).stderr).toContain('git init -b main');
    const git = tempDir();
    mkdirSync(join(git, '.git'));
    expect(hattama(['init', '--yes'], { cwd: git, env: EN }).stderr).not.toContain('git init -b main');
  });

  it('the CI workflow runs on pushes to main and master, and names ./vendor/hattama-<version>.tgz', () => {
    for (const f of ['templates/scaffold/minutes.yml', '.github/workflows/archive.yml']) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      expect(text, f).toContain('    branches: [main, master]\n');
      expect(text, f).toContain('./vendor/hattama-<version>.tgz');
    }
  });
});

describe('hattama new', () => {
  it('a date in the right form that is not on the calendar says so, in every language', () => {
    const root = initialised();
    const en = hattama(['new', 'board-of-trustees', '--date', '2026-02-30'], { cwd: root, env: EN });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('"2026-02-30" is written YYYY-MM-DD but is not a real calendar date');
    const kk = hattama(['new', 'board-of-trustees', '--date', '2026-02-30'], { cwd: initialised(KK), env: KK });
    expect(kk.stderr).toContain('күнтізбеде жоқ');
    expect(kk.stderr).not.toContain('түрінде жазылған күн емес');
    expect(hattama(['new', 'board-of-trustees', '--date', '2026-2-3'], { cwd: root, env: EN }).stderr).toContain('is not a date written YYYY-MM-DD');
  });

  it("names the body in the message's language, not by its id", () => {
    const root = initialised(KK);
    const r = hattama(['new', 'pedagogical-council', '--date', '2040-03-02'], { cwd: root, env: KK });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('(педагогикалық кеңес, 2040)');
    expect(r.stderr).not.toContain('pedagogical-council,');
  });

  it('a date before the latest record of the year: written with the next number, and a warning to renumber', () => {
    const root = initialised();
    expect(hattama(['new', 'board-of-trustees', '--date', '2040-05-10'], { cwd: root, env: EN }).code).toBe(0);
    const r = hattama(['new', 'board-of-trustees', '--date', '2040-04-01'], { cwd: root, env: EN });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('meetings/2040/2040-04-01-board-of-trustees-02.yaml\n');
    expect(r.stderr).toContain('2040-04-01 is before the date of meetings/2040/2040-05-10-board-of-trustees-01.yaml');
    expect(r.stderr).toContain('renumber the records dated after 2040-04-01');
    // In order, no warning.
    const after = hattama(['new', 'board-of-trustees', '--date', '2040-06-01'], { cwd: root, env: EN });
    expect(after.stderr).not.toContain('renumber');
  });
});

describe('Kazakh wording of the questions', () => {
  it('needs no suffix after a number, and names the surname once', async () => {
    const { msg } = await import('../src/messages/index.js');
    expect(msg('init.ask.again', { n: 5 }, 'kk')).toBe('1–5 аралығындағы нөмірді теріңіз.');
    for (const key of ['init.ask.chair', 'init.ask.secretary']) {
      const text = msg(key, {}, 'kk');
      // аты-жөні already holds the surname: «тегі мен аты-жөні» says it twice.
      expect(text, key).toContain('тегі');
      expect(text, key).not.toContain('аты-жөні');
    }
  });
});
