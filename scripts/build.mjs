// Bundles the CLI into dist/ with esbuild. One file per lazily-loaded part
// (CLI core, each command, each writer) instead of hundreds of modules from
// node_modules: module resolution and loading dominated start-up time.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { hattama: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies call require() for Node built-ins; give ESM output one.
  banner: { js: "import { createRequire as __hattamaRequire } from 'node:module'; const require = __hattamaRequire(import.meta.url);" },
});
