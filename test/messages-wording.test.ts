/**
 * The last English messages, now in the catalogues (issue 9, item 6): exact
 * Kazakh and Russian lines for a confinement refusal, a write failure, the
 * build progress line, the nothing-sealed notice and the seal question.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLanguage } from '../src/messages/index.js';
import { confine } from '../src/archive/root.js';
import { writeOutputs } from '../src/archive/output.js';
import { BIN, cliEnv, hattama } from './support/cli.js';
import { SEED_RECORD } from './support/seed.js';

afterEach(() => setLanguage('en', false));

const tmp = (): string => mkdtempSync(join(tmpdir(), 'hattama-wording-'));

describe('confinement and write failures, worded in the chosen language', () => {
  it('a symbolic link on the way is refused in Kazakh and Russian', () => {
    const root = tmp();
    const elsewhere = tmp();
    symlinkSync(elsewhere, join(root, 'link'));
    const refusal = (): string => {
      try {
        confine(root, 'link/x.pdf');
      } catch (err) {
        return (err as Error).message;
      }
      return 'not refused';
    };
    setLanguage('kk');
    expect(refusal()).toMatch(/link — символдық сілтеме, ал hattama сілтеме арқылы ешқашан оқымайды, жазбайды және өшірмейді$/);
    setLanguage('ru');
    expect(refusal()).toMatch(/link — символическая ссылка, а hattama никогда не читает, не пишет и не удаляет через ссылки$/);
    expect(existsSync(join(elsewhere, 'x.pdf'))).toBe(false);
  });

  it('a file standing where a folder is needed: the reason and the promise that nothing changed', async () => {
    const root = tmp();
    writeFileSync(join(root, 'blocker'), 'a file');
    const target = join(root, 'blocker', 'x.pdf');
    const failure = async (): Promise<string> => {
      try {
        await writeOutputs(new Map([[target, new Uint8Array([1, 2, 3])]]));
      } catch (err) {
        return (err as Error).message;
      }
      return 'written';
    };
    setLanguage('kk');
    expect(await failure()).toMatch(new RegExp(`^${target} жазылмады: қалта тұруға тиіс жерде файл тұр \\(.*\\); бұрынғы файл \\(бар болса\\) өзгерген жоқ$`));
    setLanguage('ru');
    expect(await failure()).toMatch(new RegExp(`^не удалось записать ${target}: на месте папки находится файл \\(.*\\); прежний файл, если он был, не изменён$`));
    expect(readFileSync(join(root, 'blocker'), 'utf8')).toBe('a file');
  });
});

describe('archive commands in Kazakh and Russian', () => {
  it('verify with nothing sealed says so instead of asking to publish a head of zeros', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'meetings'));
    const kk = hattama(['--lang', 'kk', 'verify'], { cwd: dir });
    expect(kk.stdout).toContain('meetings/seals.jsonl: әзірге ештеңе мөрленбеген, сондықтан жариялайтын бас жоқ\n');
    expect(kk.stdout).not.toMatch(/0{64}/);
    const ru = hattama(['--lang', 'ru', 'seal', '--yes'], { cwd: dir });
    expect(ru.stdout).toContain('meetings/seals.jsonl: пока ничего не опечатано, поэтому публиковать нечего — вершины ещё нет\n');
    expect(ru.stdout).not.toMatch(/0{64}/);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('build names the file first; seal asks «[иә/жоқ]» on a terminal and takes иә as yes', () => {
    const dir = tmp();
    const rel = '2025/2025-12-25-board-of-trustees-02.yaml';
    mkdirSync(join(dir, 'meetings', '2025'), { recursive: true });
    writeFileSync(join(dir, 'meetings', rel), readFileSync(SEED_RECORD, 'utf8'));
    const build = hattama(['--lang', 'kk', 'build', '--jobs', '1'], { cwd: dir });
    expect(build.stdout).toContain(`meetings/${rel}: жасалды\n`);
    const onTerminal = (lang: string, answer: string): { code: number | null; out: string } => {
      const r = spawnSync('script', ['-qec', [process.execPath, BIN, '--lang', lang, 'seal'].join(' '), '/dev/null'], { cwd: dir, env: cliEnv(), input: answer, encoding: 'utf8' });
      return { code: r.status, out: r.stdout };
    };
    let r = onTerminal('ru', 'нет\n');
    // readline redraws a line of Cyrillic on a terminal: look for the choices and the outcome.
    expect(r.out).toContain('[да/нет]');
    expect(r.out).toContain('ничего не опечатано');
    expect(existsSync(join(dir, 'meetings', 'seals.jsonl')) && readFileSync(join(dir, 'meetings', 'seals.jsonl'), 'utf8').trim()).toBeFalsy();
    r = onTerminal('kk', 'иә\n');
    expect(r.out).toContain('[иә/жоқ]');
    expect(r.out).toContain(`meetings/${rel} мөрленді (журналдың 1-жазбасы)`);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'meetings', 'seals.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });
});
