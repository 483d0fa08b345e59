/**
 * The npm package: what `npm pack` puts in it, and (with HATTAMA_PACKAGE_INSTALL=1,
 * slow: it installs from the registry) that it installs into an empty folder
 * and works there: init --yes, validate, build.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './support/seed.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  private?: boolean;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
};

describe('package.json', () => {
  it('can be published, builds dist/ for npm pack and for npm ci or a git install, and names the font it needs at run time', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ hattama: 'bin/hattama.js' });
    expect(pkg.scripts['prepack']).toBe('node scripts/build.mjs');
    expect(pkg.scripts['prepare']).toBe('node scripts/prepare.mjs');
    // The PDF font is read from node_modules at run time (style.yaml "npm:@expo-google-fonts/tinos/…").
    expect(readFileSync(join(ROOT, 'templates', 'style.yaml'), 'utf8')).toContain('npm:@expo-google-fonts/tinos/');
    expect(Object.keys(pkg.dependencies)).toContain('@expo-google-fonts/tinos');
    // Validators are generated ahead of time: ajv is needed only to generate them.
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['ajv', 'esbuild']));
  });
});

describe('bin/hattama.js without dist/', () => {
  it('says what is missing and how to get it, in the user\'s language, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-nodist-'));
    try {
      cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
      cpSync(join(ROOT, 'data', 'messages'), join(dir, 'data', 'messages'), { recursive: true });
      const run = (LANG: string) => spawnSync(process.execPath, [join(dir, 'bin', 'hattama.js'), 'build'], { encoding: 'utf8', env: { ...process.env, LANG, LC_ALL: '', LC_MESSAGES: '' } });
      const en = run('en_US.UTF-8');
      expect(en.status).toBe(1);
      expect(en.stderr).toMatch(/^hattama: this copy of hattama has no dist\/ .*npm install-scripts approve hattama/);
      expect(run('kk_KZ.UTF-8').stderr).toContain('dist/ (құрастырылған коды) жоқ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm pack', () => {
  const listing = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [{ files: { path: string }[] }];
  const files = listing[0].files.map((f) => f.path);

  it('carries the built CLI, schemas, templates (scaffold included), data and message catalogues', () => {
    for (const f of [
      'bin/hattama.js',
      'dist/hattama.js',
      'dist/worker.js',
      'schemas/meeting.schema.json',
      'schemas/hattama.schema.json',
      'schemas/layout.schema.json',
      'schemas/style.schema.json',
      'templates/style.yaml',
      'templates/layout.yaml',
      'templates/kk/locale.yaml',
      'templates/scaffold/record.yaml.tmpl',
      'templates/scaffold/hattama.yaml.tmpl',
      'templates/scaffold/gitignore',
      'templates/scaffold/minutes.yml',
      'templates/scaffold/placeholders.yaml',
      'data/referral-rules.yaml',
      'data/calendar-kz.yaml',
      'data/messages/kk/init.yaml',
      'package.json',
      'README.md',
    ]) {
      expect(files, f).toContain(f);
    }
    // The build's precompiled templates and parsed data, one file per text.
    expect(files.filter((f) => /^dist\/precompiled\/[ty]-[0-9a-f]{16}\.json$/.test(f)).length).toBeGreaterThan(100);
    // Every file dist/ imports by name is in the package.
    for (const chunk of files.filter((f) => /^dist\/.*\.js$/.test(f))) {
      for (const [, rel] of readFileSync(join(ROOT, chunk), 'utf8').matchAll(/from\s*"\.\/([^"]+)"|import\("\.\/([^"]+)"\)/g)) {
        if (rel) expect(files, `${chunk} → ${rel}`).toContain(`dist/${rel}`);
      }
    }
  });

  it('leaves out sources, tests, source maps and build output', () => {
    expect(files.filter((f) => /^(src|test|bench|scripts|examples|meetings|out|node_modules)\//.test(f) || f.endsWith('.map'))).toEqual([]);
    // The start-up snapshot is made for one Node in one folder: an install makes none of its own yet, and a copy would only be refused.
    expect(files.filter((f) => /^dist\/(hattama\.blob|snapshot\.cjs)/.test(f))).toEqual([]);
  });
});

describe.runIf(process.env['HATTAMA_PACKAGE_INSTALL'] === '1')('the packed tarball, installed into an empty folder', () => {
  it('npm install, hattama init --yes, hattama build publish minutes and an index', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-pkg-'));
    try {
      execFileSync(npm, ['pack', '--pack-destination', dir], { cwd: ROOT, stdio: 'ignore' });
      const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
      const app = join(dir, 'app');
      execFileSync('mkdir', [app]);
      execFileSync(npm, ['init', '-y'], { cwd: app, stdio: 'ignore' });
      execFileSync(npm, ['install', join(dir, tgz)], { cwd: app, stdio: 'ignore' });
      const run = (args: string[]): number => spawnSync('npx', ['hattama', ...args], { cwd: app, stdio: 'ignore' }).status ?? -1;
      expect(run(['init', '--yes'])).toBe(0);
      expect(existsSync(join(app, 'node_modules', 'hattama', 'schemas', 'meeting.schema.json'))).toBe(true);
      expect(run(['validate', 'meetings'])).toBe(0);
      expect(run(['build'])).toBe(0);
      expect(existsSync(join(app, 'out', 'index.html'))).toBe(true);
      const year = readdirSync(join(app, 'out')).find((f) => /^\d{4}$/.test(f))!;
      expect(readdirSync(join(app, 'out', year)).filter((f) => /\.(pdf|docx)$/.test(f)).length).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
