/**
 * How the archive's package.json installs hattama. `npm install
 * ../hattama-0.1.0.tgz` records `file:../hattama-0.1.0.tgz`: CI's `npm ci`
 * runs on a clone of the repository alone and cannot find it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isInside } from '../archive/root.js';

/** True when `root`/package.json installs hattama from a `file:` path outside `root`. */
export function installsFromOutside(root: string): boolean {
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  } catch {
    return false; // no package.json, or not JSON: npm itself says so
  }
  if (!pkg || typeof pkg !== 'object') return false;
  const p = pkg as Record<string, unknown>;
  for (const field of ['devDependencies', 'dependencies', 'optionalDependencies']) {
    const deps = p[field];
    const spec = deps && typeof deps === 'object' ? (deps as Record<string, unknown>)['hattama'] : undefined;
    if (typeof spec !== 'string' || !spec.startsWith('file:')) continue;
    const path = spec.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!isInside(resolve(root), resolve(root, path))) return true;
  }
  return false;
}
