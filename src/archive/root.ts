/**
 * The archive root, and paths that must stay inside a root.
 *
 * An organisation's archive is one folder: `hattama.yaml` (optional),
 * `meetings/` (the records) and `out/` (what the build writes). Every command
 * finds that folder from wherever it runs, as git finds `.git`: looking up
 * from the current folder, the first folder with a `meetings/` folder or a
 * `hattama.yaml` is the root. A `hattama.yaml` inside `meetings/` configures
 * the records below it but does not make a root of its own, and nothing above
 * the root (a `hattama.yaml` in a parent folder) has any effect on the archive.
 *
 * Paths read from files a user or an attacker can edit — out/manifest.json,
 * the seal ledger, hattama.yaml — are checked with {@link confine} before
 * anything is read, written or deleted through them.
 */
import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { msg } from '../messages/index.js';

/** The configuration file's name (also in config/load.ts). */
const CONFIG_FILE = 'hattama.yaml';
/** The records folder's name at the archive root. */
export const RECORDS_DIR = 'meetings';
/** The output folder's name at the archive root. */
export const OUTPUT_DIR = 'out';

const statOf = (p: string): Stats | undefined => {
  try {
    return statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined; // ENOTDIR, EACCES, a link loop: not a marker
  }
};
const isDir = (p: string): boolean => statOf(p)?.isDirectory() ?? false;
const isFile = (p: string): boolean => statOf(p)?.isFile() ?? false;

/** True when `inner` is `outer` or below it (both absolute, normalised). */
export function isInside(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** What one walk up from a folder finds: the archive root and the configuration that applies there. */
export interface ArchiveLookup {
  /** The archive root, or undefined when no folder up to the file system's root is one. */
  readonly root: string | undefined;
  /** The nearest `hattama.yaml` at or above the folder and not above the root, if any. */
  readonly configFile: string | undefined;
}

/**
 * Walks up from `startDir` once, finding both the archive root (see
 * {@link findArchiveRoot}) and the nearest `hattama.yaml` that is not above
 * it: the nearest one met on the way is always at or below the root, because
 * the walk ends at the first folder with a `meetings/` (whose own
 * `hattama.yaml` is looked at first) unless a nearer `hattama.yaml` outside
 * its records made the root.
 */
export function lookUpArchive(startDir: string): ArchiveLookup {
  let d = resolve(startDir);
  let withConfig: string | undefined;
  for (;;) {
    if (withConfig === undefined && isFile(join(d, CONFIG_FILE))) withConfig = d;
    const configFile = withConfig === undefined ? undefined : join(withConfig, CONFIG_FILE);
    if (isDir(join(d, RECORDS_DIR))) {
      // The nearer hattama.yaml wins unless it sits among this archive's records.
      return { root: withConfig === undefined || isInside(join(d, RECORDS_DIR), withConfig) ? d : withConfig, configFile };
    }
    const up = dirname(d);
    if (up === d) return { root: withConfig, configFile };
    d = up;
  }
}

/**
 * The archive root for `startDir`: the nearest folder at or above it that has
 * a `meetings/` folder or a `hattama.yaml`, or undefined when there is none.
 * A `hattama.yaml` met on the way inside a `meetings/` folder (configuring
 * part of the records) gives the folder holding that `meetings/` as root.
 */
export function findArchiveRoot(startDir: string): string | undefined {
  return lookUpArchive(startDir).root;
}

/** A path refused by {@link confine}, with the reason in words. */
export class ConfinementError extends Error {
  constructor(
    /** The path as it was read. */
    readonly path: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'ConfinementError';
  }
}

/**
 * Resolves `path` (relative to `root`, or absolute) and checks that it stays
 * inside `root`: lexically (no `..` out of it, no absolute path elsewhere)
 * and on disk (no folder on the way, nor the target itself, is a symbolic
 * link). Parts that do not exist yet are fine. Returns the absolute path.
 * The root itself may be a link (e.g. out/ linked to a web server's folder).
 * @throws ConfinementError saying why it is refused
 */
export function confine(root: string, path: string, options: { readonly allowLinkAtEnd?: boolean; readonly knownFolders?: Set<string> } = {}): string {
  if (path.includes('\0')) throw new ConfinementError(path, msg('confine.nul'));
  const base = resolve(root);
  const full = resolve(base, path);
  if (!isInside(base, full) || full === base) throw new ConfinementError(path, msg('confine.outside', { root }));
  const parts = relative(base, full).split(sep);
  let d = base;
  for (let i = 0; i < parts.length; i++) {
    d = join(d, parts[i]!);
    const last = i === parts.length - 1;
    // Folders already found real in this pass (a manifest of 10,000 records shares a few).
    if (!last && options.knownFolders?.has(d)) continue;
    let s: Stats | undefined;
    try {
      s = lstatSync(d, { throwIfNoEntry: false });
    } catch {
      s = undefined; // ENOTDIR, EACCES: nothing there to follow; writing or reading it reports the error
    }
    if (!s) break;
    if (s.isSymbolicLink() && !(last && options.allowLinkAtEnd)) {
      throw new ConfinementError(path, msg('confine.symlink', { path: relative(process.cwd(), d) || d }));
    }
    if (!last && !s.isDirectory()) break; // ENOTDIR comes later, where it is reported
    if (!last) options.knownFolders?.add(d);
  }
  return full;
}

/** `realpath` when the path exists, else the path resolved. */
export function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Where a command works: the archive root, and folders the user typed, as seen from the root. */
export interface ArchivePlace {
  /** The archive root (absolute); the current folder when there is no archive around it. */
  readonly root: string;
  /**
   * A folder or file the user typed (relative to where they ran the command),
   * as seen from the root: as typed when typed absolute, else relative to the
   * root when inside it, else absolute. `fallback` (relative to the root)
   * when nothing was typed.
   */
  at(typed: string | undefined, fallback: string): string;
}

/**
 * The archive around `cwd` (see {@link findArchiveRoot}). Outside any archive
 * the current folder stands for the root, so every command keeps working
 * relative to it.
 */
export function archivePlace(cwd: string = process.cwd()): ArchivePlace {
  const root = findArchiveRoot(cwd) ?? resolve(cwd);
  return {
    root,
    at(typed, fallback) {
      if (typed === undefined) return fallback;
      // An absolute path stays as the user typed it (never printed as ../../../…).
      if (isAbsolute(typed)) return typed;
      const full = resolve(cwd, typed);
      return isInside(root, full) ? relative(root, full) || '.' : full;
    },
  };
}

/**
 * {@link archivePlace}, and changes the process to the root: every path a
 * command then reads, writes and prints is relative to the archive root
 * (or absolute outside it), wherever in the archive it was run from.
 */
export function enterArchive(cwd: string = process.cwd()): ArchivePlace {
  const place = archivePlace(cwd);
  if (place.root !== process.cwd()) process.chdir(place.root);
  return place;
}
