/**
 * Where init and new may write: inside the archive root, through real
 * folders only. A symbolic link on the way (`.vscode -> /elsewhere`,
 * `meetings/2027 -> /elsewhere`) would put a file outside the archive, and
 * mkdir/link follow links; such a path is refused before anything is created.
 */
import { lstatSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { confine, ConfinementError } from '../archive/root.js';

/** A path refused because a part of it is a symbolic link (or it leaves the root). */
export class LinkOnTheWayError extends Error {
  constructor(
    /** The path as planned, relative to the root. */
    readonly path: string,
    /** The first part of it that is a link, relative to the root ("" when the path leaves the root). */
    readonly link: string,
  ) {
    super(`${path}: ${link} is a symbolic link`);
    this.name = 'LinkOnTheWayError';
  }
}

/** The first part of `rel` under `root` that is a symbolic link, relative to the root. */
function firstLink(root: string, rel: string): string {
  let d = root;
  for (const part of rel.split(sep)) {
    d = join(d, part);
    try {
      if (lstatSync(d, { throwIfNoEntry: false })?.isSymbolicLink()) return relative(root, d);
    } catch {
      return '';
    }
  }
  return '';
}

/**
 * The absolute path of `rel` (relative to `root`), checked with
 * {@link confine}: inside the root, with no link on the way.
 * @throws LinkOnTheWayError naming the link (never its target)
 */
export function confinedPath(root: string, rel: string): string {
  try {
    return confine(root, rel);
  } catch (err) {
    if (!(err instanceof ConfinementError)) throw err;
    throw new LinkOnTheWayError(rel, firstLink(root, rel));
  }
}
