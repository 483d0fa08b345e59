import { fileURLToPath } from 'node:url';
import { dirname, join, resolve, isAbsolute } from 'node:path';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

/**
 * The package root (where package.json, templates/ and schemas/ live),
 * found by walking up from this module so it works from src/ (tests) and
 * from the bundled dist/ alike.
 */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('hattama: cannot find the package root (templates/ beside package.json)');
    dir = up;
  }
})();

const requireFromRoot = createRequire(join(packageRoot, 'package.json'));

/**
 * Resolves a path written in a configuration file: `npm:pkg/file` inside
 * node_modules, otherwise relative to the file that names it.
 */
export function resolveConfigPath(value: string, baseDir: string): string {
  if (value.startsWith('npm:')) return requireFromRoot.resolve(value.slice(4));
  return isAbsolute(value) ? value : resolve(baseDir, value);
}
