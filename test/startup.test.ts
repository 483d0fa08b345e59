/**
 * The start-up snapshot (dist/hattama.blob, see scripts/snapshot.mjs and
 * bin/hattama.js): a render started from it writes the same bytes, exit code
 * and messages as one started from the ordinary bundle, and the launcher
 * falls back without a word when the snapshot is missing, damaged or made by
 * another Node. Whether the snapshot ran is told by HATTAMA_SNAPSHOT_PROBE,
 * a file the snapshot's start function writes.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SEED_RECORD, writeSeedDrafts } from './support/seed.js';
import { cliEnv } from './support/cli.js';
// @ts-expect-error: a plain JavaScript module of the launcher's, without types
import { inputsStamp } from '../bin/snapshot-inputs.js';

const BLOB = join(ROOT, 'dist', 'hattama.blob');
const SIDECAR = `${BLOB}.json`;
const BROKEN = join(ROOT, 'test', 'fixtures', 'broken', 'blank-title.yaml');
const hasSnapshot = existsSync(BLOB) && existsSync(SIDECAR);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly fromSnapshot: boolean;
  /** What the snapshot's process wrote to HATTAMA_SNAPSHOT_PROBE: "snapshot PID", then the options it was given. */
  readonly probe: string;
  readonly files: ReadonlyMap<string, Buffer>;
}

/** Runs `root`/bin/hattama.js as a user does (no NODE_OPTIONS) and collects what it wrote. */
function run(root: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const work = mkdtempSync(join(tmpdir(), 'hattama-startup-'));
  const out = join(work, 'out');
  const probe = join(work, 'probe');
  const base: NodeJS.ProcessEnv = cliEnv();
  delete base['NODE_OPTIONS'];
  Object.assign(base, { HATTAMA_SNAPSHOT_PROBE: probe }, env);
  const r = spawnSync(process.execPath, [join(root, 'bin', 'hattama.js'), ...args, '--out', out], { cwd: ROOT, env: base, encoding: 'utf8' });
  const files = new Map<string, Buffer>();
  if (existsSync(out)) for (const f of readdirSync(out).sort()) files.set(f, readFileSync(join(out, f)));
  const result: Run = {
    code: r.status,
    // The output folder differs per run; the rest must not.
    stdout: r.stdout.split(out).join('<out>'),
    stderr: r.stderr.split(out).join('<out>'),
    fromSnapshot: existsSync(probe),
    probe: existsSync(probe) ? readFileSync(probe, 'utf8') : '',
    files,
  };
  rmSync(work, { recursive: true, force: true });
  return result;
}

function expectSameRun(a: Run, b: Run): void {
  expect(a.code).toBe(b.code);
  expect(a.stdout).toBe(b.stdout);
  expect(a.stderr).toBe(b.stderr);
  expect([...a.files.keys()]).toEqual([...b.files.keys()]);
  for (const [name, bytes] of a.files) expect(bytes.equals(b.files.get(name)!), name).toBe(true);
}

const required = process.env['HATTAMA_REQUIRE_TOOLS'] === '1';

it('has the start-up snapshot when CI requires it', () => {
  // `npm run build` makes it; a CI run without it would skip every test below unnoticed.
  if (required) expect(hasSnapshot, `${BLOB} and its sidecar (npm run build)`).toBe(true);
});

describe.skipIf(!hasSnapshot)('start-up snapshot', () => {
  const plain = run(ROOT, ['render', SEED_RECORD], { HATTAMA_NO_SNAPSHOT: '1' });

  it('renders the seed to the same DOCX and PDF bytes as the ordinary bundle', () => {
    const snap = run(ROOT, ['render', SEED_RECORD]);
    expect(snap.fromSnapshot).toBe(true);
    // Node's own V8 helper threads: only a build is given one (bin/hattama.js BUILD_V8_HELPERS).
    expect(snap.probe).toMatch(/^snapshot \d+\n$/);
    expect(plain.fromSnapshot).toBe(false);
    expect(plain.code).toBe(0);
    expect([...plain.files.keys()]).toEqual(['2025-12-25-board-of-trustees-02.docx', '2025-12-25-board-of-trustees-02.pdf']);
    expectSameRun(snap, plain);
  });

  it('fails on a bad record with the same exit code and messages, writing nothing', () => {
    const snap = run(ROOT, ['render', BROKEN]);
    const ref = run(ROOT, ['render', BROKEN], { HATTAMA_NO_SNAPSHOT: '1' });
    expect(snap.fromSnapshot).toBe(true);
    expect(ref.code).toBe(1);
    expect(ref.stderr).toMatch(/blank-title\.yaml:\d+:\d+: error: /);
    expect(ref.files.size).toBe(0);
    expectSameRun(snap, ref);
  });

  it('gives the same usage error for a wrong command line', () => {
    const snap = run(ROOT, ['render', SEED_RECORD, '--format', 'odt']);
    const ref = run(ROOT, ['render', SEED_RECORD, '--format', 'odt'], { HATTAMA_NO_SNAPSHOT: '1' });
    expect(snap.fromSnapshot).toBe(true);
    expect(ref.code).toBe(2);
    expectSameRun(snap, ref);
  });

  describe('build', () => {
    /** Builds a copy of this repository's archive (the seed) from the snapshot or not; everything it wrote, and said, seconds masked. */
    function build(env: NodeJS.ProcessEnv, terminal = false, drafts = 0, extra: readonly string[] = []): { code: number | null; said: string; fromSnapshot: boolean; probe: string; files: Map<string, Buffer> } {
      const work = realpathSync(mkdtempSync(join(tmpdir(), 'hattama-startup-build-')));
      const probe = join(work, 'probe');
      const meetings = join(work, 'meetings');
      cpSync(join(ROOT, 'meetings'), meetings, { recursive: true });
      // Enough drafts (40 a worker) start worker threads.
      writeSeedDrafts(meetings, drafts);
      const base: NodeJS.ProcessEnv = cliEnv();
      delete base['NODE_OPTIONS'];
      Object.assign(base, { HATTAMA_SNAPSHOT_PROBE: probe }, env);
      const command = [process.execPath, join(ROOT, 'bin', 'hattama.js'), 'build', 'meetings', '--out', 'out', ...extra];
      // `script` gives the command a pseudo-terminal that does not tell its size (0 columns).
      const r = terminal
        ? spawnSync('script', ['-qec', command.map((a) => `'${a}'`).join(' '), '/dev/null'], { cwd: work, env: base, encoding: 'utf8' })
        : spawnSync(command[0]!, command.slice(1), { cwd: work, env: base, encoding: 'utf8' });
      const files = new Map<string, Buffer>();
      const out = join(work, 'out');
      if (existsSync(out)) for (const f of readdirSync(out, { recursive: true }).map(String).sort()) if (statSync(join(out, f)).isFile()) files.set(f, readFileSync(join(out, f)));
      const result = { code: r.status, said: `${r.stdout}\n${r.stderr}`.replace(/\d+\.\d s/g, 'N s'), fromSnapshot: existsSync(probe), probe: existsSync(probe) ? readFileSync(probe, 'utf8') : '', files };
      rmSync(work, { recursive: true, force: true });
      return result;
    }

    it('hands a build of more records than the snapshot takes back to the launcher: one process, the same files and words', () => {
      const plain = build({ HATTAMA_NO_SNAPSHOT: '1' }, false, 3);
      const over = build({ HATTAMA_TEST_SNAPSHOT_RECORDS: '2' }, false, 3);
      const under = build({ HATTAMA_TEST_SNAPSHOT_RECORDS: '100' }, false, 3);
      // On one or two cores a build's snapshot process has one V8 helper thread (bin/hattama.js BUILD_V8_HELPERS).
      const helpers = availableParallelism() <= 2 ? ' --v8-pool-size=1' : '';
      expect(over.probe).toMatch(new RegExp(`^snapshot \\d+${helpers}\nhanded over\n$`));
      expect(under.probe).toMatch(new RegExp(`^snapshot \\d+${helpers}\n$`));
      expect(plain.code).toBe(0);
      expect(plain.said).toMatch(/(\d+) records?: \1 built, 0 unchanged, 0 failed/);
      // Records are reported as their files are written, which may finish in any order.
      const lines = (said: string): string[] => said.split('\n').sort();
      for (const r of [over, under]) {
        expect(r.code).toBe(plain.code);
        expect(lines(r.said)).toEqual(lines(plain.said));
        expect([...r.files.keys()]).toEqual([...plain.files.keys()]);
        for (const [name, bytes] of plain.files) if (name !== 'manifest.json') expect(r.files.get(name)?.equals(bytes), name).toBe(true);
      }
    });

    it('writes the same files and says the same as the ordinary bundle', () => {
      const snap = build({});
      const plain = build({ HATTAMA_NO_SNAPSHOT: '1' });
      expect(snap.fromSnapshot).toBe(true);
      expect(plain.fromSnapshot).toBe(false);
      expect(plain.code).toBe(0);
      expect(plain.said).toMatch(/(\d+) records?: \1 built, 0 unchanged, 0 failed/);
      expect(snap.code).toBe(plain.code);
      expect(snap.said).toBe(plain.said);
      expect([...snap.files.keys()]).toEqual([...plain.files.keys()]);
      expect([...plain.files.keys()]).toContain('index.html');
      for (const [name, bytes] of plain.files) if (name !== 'manifest.json') expect(snap.files.get(name)?.equals(bytes), name).toBe(true);
    });

    it('starts worker threads that render, as the ordinary bundle does (same files, same words)', () => {
      // A worker thread started from a snapshot that had loaded node:worker_threads died at once.
      const snap = build({}, false, 40, ['--jobs', '2']);
      const plain = build({ HATTAMA_NO_SNAPSHOT: '1' }, false, 40, ['--jobs', '2']);
      expect(snap.fromSnapshot).toBe(true);
      expect(plain.said).toMatch(/41 records: 41 built/);
      expect(`${snap.said}${plain.said}`).not.toContain('worker-died');
      expect(snap.code).toBe(plain.code);
      // Records are reported as they finish, in whatever order the threads finish them.
      const lines = (said: string): string[] => said.split('\n').sort();
      expect(lines(snap.said)).toEqual(lines(plain.said));
      expect([...snap.files.keys()]).toEqual([...plain.files.keys()]);
      for (const [name, bytes] of plain.files) if (name !== 'manifest.json') expect(snap.files.get(name)?.equals(bytes), name).toBe(true);
    });

    it.skipIf(spawnSync('script', ['--version']).status !== 0)('on a terminal, draws its progress bar there, also on one of unknown width', () => {
      for (const env of [{}, { HATTAMA_NO_SNAPSHOT: '1' }]) {
        const r = build(env, true);
        expect(r.code, r.said).toBe(0);
        expect(r.said).toMatch(/\r\[#+\] (\d+)\/\1 /);
        expect(r.said).not.toMatch(/RangeError|^built /m);
      }
    });
  });

  describe('falls back to the ordinary bundle', () => {
    // A failing record: quick to run, and it shows the exit code and messages are the same.
    const ref = run(ROOT, ['render', BROKEN], { HATTAMA_NO_SNAPSHOT: '1' });

    /**
     * A copy of the package whose sidecar names the copy, so the launcher
     * would use its snapshot; `spoil` then damages it one way.
     */
    function copyWith(spoil: (dist: string) => void): string {
      const root = realpathSync(mkdtempSync(join(tmpdir(), 'hattama-pkg-')));
      for (const part of ['bin', 'dist', 'templates', 'data', 'schemas', 'package.json']) cpSync(join(ROOT, part), join(root, part), { recursive: true, preserveTimestamps: true });
      symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
      const dist = join(root, 'dist');
      const info = JSON.parse(readFileSync(join(dist, 'hattama.blob.json'), 'utf8')) as Record<string, unknown>;
      const blobStamp = Math.trunc(statSync(join(dist, 'hattama.blob')).mtimeMs);
      // The copy's files have their own change times: the inputs stamp is the copy's.
      writeFileSync(join(dist, 'hattama.blob.json'), JSON.stringify({ ...info, root, blobStamp, inputs: inputsStamp(root) }));
      spoil(dist);
      return root;
    }
    /** Flips bytes in the middle of `file`, keeping its size and modification time. */
    const damage = (file: string): void => {
      const s = statSync(file);
      const bytes = readFileSync(file);
      for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 4096; i++) bytes[i] = bytes[i]! ^ 0xff;
      writeFileSync(file, bytes);
      utimesSync(file, s.atime, s.mtime);
    };
    const sidecar = (dist: string, change: Record<string, unknown>): void => {
      const file = join(dist, 'hattama.blob.json');
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...change }));
    };

    it.each([
      ['a blob copied with its sidecar (control: the snapshot is used)', (): void => {}, true],
      ['no blob', (dist: string): void => rmSync(join(dist, 'hattama.blob')), false],
      ['a cut-off blob', (dist: string): void => truncateSync(join(dist, 'hattama.blob'), 1000), false],
      // Same size and time, other bytes: the sidecar's stamps pass, V8 refuses the blob before any code runs (SIGTRAP).
      ['a blob with damaged contents', (dist: string): void => damage(join(dist, 'hattama.blob')), false],
      ['a blob made by another Node version', (dist: string): void => sidecar(dist, { node: 'v20.0.0' }), false],
      ['a blob made by another node binary', (dist: string): void => sidecar(dist, { execStamp: '1:1' }), false],
      ['a blob made for another place', (dist: string): void => sidecar(dist, { root: '/elsewhere' }), false],
      ['an unreadable sidecar', (dist: string): void => writeFileSync(join(dist, 'hattama.blob.json'), '{'), false],
      // The snapshot holds the referral rules as parsed when it was made: an edit since must be read afresh.
      ['data edited since the snapshot was made', (dist: string): void => appendFileSync(join(dist, '..', 'data', 'referral-rules.yaml'), '# edited\n'), false],
      ['a template edited since', (dist: string): void => appendFileSync(join(dist, '..', 'templates', 'layout.yaml'), '# edited\n'), false],
      // `cp -p`, `rsync -a`, tar: an edit that keeps the size, its modification time set back.
      [
        'a template edited in place, its size and modification time kept',
        (dist: string): void => {
          const file = join(dist, '..', 'templates', 'kk', 'minutes.hbs');
          const s = statSync(file);
          const text = readFileSync(file, 'utf8');
          writeFileSync(file, text.replace('хаттама', 'ХАТТАМА'));
          expect(statSync(file).size).toBe(s.size);
          utimesSync(file, s.atime, s.mtime);
        },
        false,
      ],
    ])('%s', (_, spoil, used) => {
      const root = copyWith(spoil);
      try {
        const r = run(root, ['render', BROKEN]);
        expect(r.fromSnapshot).toBe(used);
        expectSameRun(r, ref);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    it('when NODE_OPTIONS is set (V8 refuses a snapshot made with other flags)', () => {
      const r = run(ROOT, ['render', BROKEN], { NODE_OPTIONS: '--max-old-space-size=1000' });
      expect(r.fromSnapshot).toBe(false);
      expectSameRun(r, ref);
    });
  });

  it('stops with the launcher: SIGTERM, SIGHUP or SIGINT to it ends the snapshot child too', async () => {
    const work = mkdtempSync(join(tmpdir(), 'hattama-signal-'));
    // A record that is a FIFO: reading it blocks until a writer comes, which never does.
    const fifo = join(work, 'stuck.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    try {
      for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
        const probe = join(work, `probe-${signal}`);
        const env: NodeJS.ProcessEnv = { ...process.env, HATTAMA_SNAPSHOT_PROBE: probe };
        delete env['NODE_OPTIONS'];
        const launcher = spawn(process.execPath, [join(ROOT, 'bin', 'hattama.js'), 'render', fifo, '--out', join(work, 'out')], { cwd: ROOT, env, stdio: 'ignore' });
        const ended = new Promise<NodeJS.Signals | null>((resolve) => launcher.on('exit', (_code, sig) => resolve(sig)));
        while (!existsSync(probe) || !readFileSync(probe, 'utf8').endsWith('\n')) await new Promise((r) => setTimeout(r, 10));
        const child = Number(readFileSync(probe, 'utf8').split(' ')[1]);
        expect(child).toBeGreaterThan(0);
        launcher.kill(signal);
        // The launcher ends as its child did: by the same signal.
        expect(await ended).toBe(signal);
        let alive = true;
        try {
          process.kill(child, 0);
        } catch {
          alive = false;
        }
        if (alive) process.kill(child, 'SIGKILL');
        expect(alive, `the snapshot child survived ${signal} to the launcher`).toBe(false);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
