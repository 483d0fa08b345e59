// Builds the start-up snapshot: dist/hattama.blob and its sidecar
// dist/hattama.blob.json, for the Node that runs this script. Called by
// scripts/build.mjs (so `npm ci`, `npm run build` and `npm pack` make it);
// never committed. bin/hattama.js uses the blob only when the sidecar says it
// was made by the same Node for the same place (see bin/hattama.js).
//
// A failure here is not a build failure: hattama runs from the ordinary ESM
// bundle without a snapshot, only slower to start. HATTAMA_NO_SNAPSHOT=1 skips it.
import { build } from 'esbuild';
import { inputsStamp } from '../bin/snapshot-inputs.js';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

/** What the sidecar records; bin/hattama.js compares it with the running Node. */
export const SIDECAR_FIELDS = ['format', 'node', 'arch', 'platform', 'execPath', 'execStamp', 'root', 'inputs', 'blob', 'size', 'blobStamp', 'sha256'];

/** The commands run from the snapshot (bin/hattama.js SNAPSHOT_COMMANDS); main.ts imports each command's module by name. */
const SNAPSHOT_COMMAND_MODULES = new Set(['render', 'build', 'validate']);

/**
 * Leaves out of the snapshot the modules of the commands it never runs:
 * their code would only make the heap, and every start, bigger. If one were
 * ever called there, it says so instead of half-running.
 */
const otherCommandsLeftOut = {
  name: 'other-commands-left-out',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[a-z-]+\.js$/ }, (args) => {
      const name = args.path.slice('./commands/'.length, -'.js'.length);
      if (args.kind !== 'dynamic-import' || SNAPSHOT_COMMAND_MODULES.has(name)) return undefined;
      return { path: name, namespace: 'left-out' };
    });
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `module.exports = new Proxy({}, { get: (_, key) => () => { throw new Error('hattama ${args.path}: not in the start-up snapshot (bin/hattama.js SNAPSHOT_COMMANDS)'); } });`,
      loader: 'js',
    }));
  },
};

/**
 * Node built-ins that must not be loaded while the snapshot is built: Node
 * does not carry their state across a snapshot (it warns so), and a worker
 * thread started from a process whose snapshot had loaded node:worker_threads
 * died at its first process.cwd(). Here each becomes a stand-in whose
 * functions load the real module on first call, after start-up.
 */
const LAZY_BUILTINS = /^node:(worker_threads|child_process)$/;
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: LAZY_BUILTINS }, (args) => (args.kind === 'require-call' ? undefined : { path: args.path, namespace: 'lazy-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const real = createRequire(import.meta.url)(args.path);
      // Only functions (classes among them) are stood in for: importing anything else fails this build.
      const names = Object.keys(real).filter((k) => typeof real[k] === 'function' && /^[A-Za-z]\w*$/.test(k));
      const id = JSON.stringify(args.path);
      return {
        loader: 'js',
        contents: [
          `let real;`,
          `const load = () => (real ??= require(${id}));`,
          // Called with new, it returns the real class's instance (a constructor may return an object).
          ...names.map((n) => `export function ${n}(...args) { return new.target ? Reflect.construct(load().${n}, args) : load().${n}.apply(this, args); }`),
        ].join('\n'),
      };
    });
  },
};

/**
 * fflate's Node build loads node:worker_threads when it is evaluated (for its
 * asynchronous API, which hattama does not use: it zips with zipSync), and
 * the snapshot evaluates it: in the snapshot's bundle that load fails as it
 * would on a Node without worker threads, and fflate falls back to refusing
 * asynchronous calls. Its synchronous functions, and so the bytes, are the same.
 */
const fflateWithoutWorkers = {
  name: 'fflate-without-workers',
  setup(b) {
    b.onLoad({ filter: /[\\/]fflate[\\/]esm[\\/]index\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const load = "(_a = require('worker_threads'), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable);";
      if (!text.includes(load)) throw new Error(`${args.path}: fflate's worker_threads load has changed; update scripts/snapshot.mjs`);
      return { loader: 'js', contents: text.replace(load, "throw new Error('no worker threads in the start-up snapshot');") };
    });
  },
};

/**
 * Builds dist/snapshot.cjs (one CommonJS file: the snapshot builder's
 * `require` loads only Node's built-ins), then the blob from it.
 * `lazyModules` is scripts/build.mjs's esbuild plugin. Returns a line for the
 * build log.
 */
export async function buildSnapshot({ lazyModules }) {
  const dist = resolve('dist');
  const blob = resolve(dist, 'hattama.blob');
  const sidecar = `${blob}.json`;
  rmSync(blob, { force: true });
  rmSync(sidecar, { force: true });
  if (process.env.HATTAMA_NO_SNAPSHOT === '1') return 'start-up snapshot: skipped (HATTAMA_NO_SNAPSHOT=1)';
  const entry = resolve(dist, 'snapshot.cjs');
  await build({
    entryPoints: ['src/snapshot/entry.ts'],
    outfile: entry,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: !process.env.HATTAMA_BUILD_DEBUG,
    legalComments: 'none',
    logLevel: 'error',
    plugins: [otherCommandsLeftOut, lazyBuiltins, fflateWithoutWorkers, lazyModules],
    // The bundle stands where dist/hattama.js stands, so paths found from
    // import.meta.url (the package root, dist/worker.js) are the same.
    define: { 'import.meta.url': '__hattamaModuleUrl' },
    banner: {
      js: [
        `var __hattamaModuleUrl = ${JSON.stringify(pathToFileURL(resolve(dist, 'hattama.js')).href)};`,
        // A TextDecoder is backed by ICU and cannot be kept in a snapshot.
        // While the snapshot is built, modules that make one when loaded
        // (fontkit, fflate) get a stand-in that makes the real decoder when
        // first used after start-up (a decode while building uses a
        // throw-away one). src/snapshot/entry.ts puts the real class back.
        `globalThis.__hattamaTextDecoder = globalThis.TextDecoder;`,
        `globalThis.TextDecoder = class TextDecoder {`,
        `  constructor(...args) { this.args = args; }`,
        `  get encoding() { return this.real().encoding; }`,
        `  get fatal() { return this.real().fatal; }`,
        `  get ignoreBOM() { return this.real().ignoreBOM; }`,
        `  real() {`,
        `    if (this.r) return this.r;`,
        `    const Real = require('node:util').TextDecoder;`,
        `    return require('node:v8').startupSnapshot.isBuildingSnapshot() ? new Real(...this.args) : (this.r = new Real(...this.args));`,
        `  }`,
        `  decode(...args) { return this.real().decode(...args); }`,
        `};`,
      ].join('\n'),
    },
  });
  // V8 keeps the bundle's source in the snapshot, as two bytes a character
  // if a single character is not ASCII (a few regular expressions hold
  // Cyrillic letters): escaped, it is kept as one byte a character, half the size.
  const source = readFileSync(entry, 'utf8');
  writeFileSync(entry, source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  // A warm-up render of the seed record, when this checkout has it, compiles
  // the code of validate and render into the snapshot.
  const seed = resolve('meetings/2025/2025-12-25-board-of-trustees-02.yaml');
  const env = { ...process.env, HATTAMA_SNAPSHOT_WARMUP: existsSync(seed) ? seed : '' };
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], { encoding: 'utf8', env });
  if (r.status !== 0) {
    rmSync(blob, { force: true });
    return `start-up snapshot: not built (hattama starts without it): ${(r.stderr || r.error?.message || '').trim().split('\n').slice(0, 6).join('\n  ')}`;
  }
  const bytes = readFileSync(blob);
  const blobStamp = Math.trunc(statSync(blob).mtimeMs);
  const execPath = realpathSync(process.execPath);
  const s = statSync(execPath);
  const info = {
    format: 1,
    node: process.version,
    arch: process.arch,
    platform: process.platform,
    execPath,
    execStamp: `${s.size}:${Math.trunc(s.mtimeMs)}`,
    root: realpathSync('.'),
    inputs: inputsStamp(realpathSync('.')),
    blob: 'hattama.blob',
    size: bytes.length,
    blobStamp,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  writeFileSync(sidecar, `${JSON.stringify(info, null, 2)}\n`);
  return `start-up snapshot: dist/hattama.blob (${(bytes.length / 2 ** 20).toFixed(1)} MiB, Node ${process.version} ${process.arch})`;
}
