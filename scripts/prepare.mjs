// `prepare`: npm runs it on `npm ci` / `npm install` in this repository and
// when it installs hattama from a git URL (after installing the
// devDependencies the build needs, esbuild among them). `npm pack` and
// `npm publish` run `prepack` first, which has just built dist/; building a
// second time there would only cost time.
if (process.env.npm_command !== 'pack' && process.env.npm_command !== 'publish') await import('./build.mjs');
