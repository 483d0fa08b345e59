// Builds dist/: the CLI bundled by esbuild, and dist/precompiled/.
//
// Start-up time is the point of most of this. A secretary runs one command at
// a time, and loading hundreds of modules from node_modules, compiling
// templates and inflating data tables at import cost more than rendering.
// - One file per lazily loaded part (CLI core, each command, each writer).
// - Modules that inflate large tables when imported but are not used on
//   hattama's path load on first use instead (see LAZY below).
// - Built-in templates are precompiled and YAML data parsed ahead of time,
//   keyed by exact text (src/util/precompiled.ts).
import { build } from 'esbuild';
import { rmSync, mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import { buildSnapshot } from './snapshot.mjs';
// The same name src/util/precompiled.ts looks entries up by.
import { textHash } from '../bin/text-hash.js';

/**
 * Imported at the top of pdfkit/fontkit, used only on paths hattama never
 * takes: brotli (WOFF2 fonts; hattama embeds TTF), unicode-properties
 * (fontkit's OpenType shaping; hattama maps characters through cmap), linebreak
 * (pdfkit's text(); hattama lays out lines itself), @noble/ciphers' AES
 * (pdfkit's encryption; hattama does not encrypt). Each inflates a table
 * (≈ 35 ms together; AES's 1.3 MB also weighed on the start-up snapshot) when evaluated. Here each becomes a stand-in that loads the
 * real module on first use, so nothing breaks if a path ever does need it.
 */
const LAZY = /^(brotli\/decompress(\.js)?|unicode-properties|linebreak|@noble\/ciphers\/aes(\.js)?)$/;

const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    b.onResolve({ filter: LAZY }, (args) =>
      args.kind === 'require-call' ? undefined : { path: args.path, namespace: 'lazy', pluginData: { resolveDir: args.resolveDir } },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      const id = JSON.stringify(args.path);
      // Named function exports of the real module, forwarded one by one.
      const real = createRequire(join(args.pluginData.resolveDir, 'x.js'))(args.path);
      const named = Object.keys(real).filter((k) => k !== 'default' && k !== '__esModule' && typeof real[k] === 'function');
      return {
        resolveDir: args.pluginData.resolveDir,
        contents: `
          let mod;
          const module = () => (mod ??= require(${id}));
          const load = () => { const m = module(); return m && m.default !== undefined ? m.default : m; };
          export default new Proxy(function () {}, {
            get: (_, key) => load()[key],
            apply: (_, self, args) => Reflect.apply(load(), self, args),
            construct: (_, args) => Reflect.construct(load(), args),
          });
          ${named.map((n) => `export const ${n} = (...args) => module().${n}(...args);`).join('\n')}`,
      };
    });
  },
};

rmSync('dist', { recursive: true, force: true });
await build({
  // The worker is its own entry: `hattama build` starts it in worker threads.
  entryPoints: { hattama: 'src/cli/main.ts', worker: 'src/archive/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // HATTAMA_BUILD_DEBUG=1 keeps names readable for profiling.
  minify: !process.env.HATTAMA_BUILD_DEBUG,
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [lazyModules],
  // CommonJS dependencies call require() for Node built-ins; give ESM output one.
  banner: { js: "import { createRequire as __hattamaRequire } from 'node:module'; const require = __hattamaRequire(import.meta.url);" },
});

// dist/precompiled/: one file per built-in text (src/util/precompiled.ts reads them).
// Must match src/template/engine.ts: COMPILE_OPTIONS and partialSource().
const COMPILE_OPTIONS = { strict: false, preventIndent: true };
const partialSource = (text) => text.replace(/\r?\n$/, '');
mkdirSync('dist/precompiled', { recursive: true });
const putEntry = (kind, source, made) => writeFileSync(join('dist', 'precompiled', `${kind}-${textHash(source)}.json`), JSON.stringify({ source, ...made }));
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
for (const file of walk('templates').sort()) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.hbs')) {
    const source = relative('templates', file).split(/[\\/]/).includes('partials') ? partialSource(text) : text;
    // The index page is compiled with Handlebars' defaults (src/archive/index-page.ts), the minutes with COMPILE_OPTIONS.
    putEntry('t', source, { template: Handlebars.precompile(source, file.endsWith('index.html.hbs') ? {} : COMPILE_OPTIONS) });
  } else if (/\.ya?ml$/.test(file)) {
    putEntry('y', text, { yaml: parse(text) });
  }
}
// The message catalogues (data/messages/<lang>/*.yaml) and the data files (referral rules, calendar).
for (const file of walk('data').sort()) {
  if (/\.ya?ml$/.test(file)) {
    const text = readFileSync(file, 'utf8');
    putEntry('y', text, { yaml: parse(text) });
  }
}

// pdf.js's two browser files (and its licence) for `hattama preview`, shipped in dist/pdfjs/ so an
// organisation's install shows the pages without the whole pdfjs-dist package (a devDependency).
try {
  const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  mkdirSync('dist/pdfjs', { recursive: true });
  for (const f of ['build/pdf.min.mjs', 'build/pdf.worker.min.mjs', 'LICENSE']) copyFileSync(join(pdfjs, f), join('dist', 'pdfjs', basename(f)));
} catch (err) {
  console.warn(`build: pdf.js not copied (${err.message}); hattama preview falls back to the browser's PDF viewer`);
}

// Last, as it needs the rest of dist/ (its warm-up reads dist/precompiled/).
// Never fails the build: without it hattama only starts slower.
try {
  console.log(await buildSnapshot({ lazyModules }));
} catch (err) {
  console.log(`start-up snapshot: not built (hattama starts without it): ${err.message.split('\n')[0]}`);
}
