/**
 * Watching what a record's minutes depend on: the records folder, the
 * archive's hattama.yaml and the organisation's template folders. Folders
 * are watched, not files: editors that save by writing a new file and
 * renaming it over the old one (vim, JetBrains, many others) replace the
 * file's inode, and a watch on the old file would go silent.
 *
 * Each folder is watched on its own, not with `{ recursive: true }`: Node
 * 20's recursive watch on Linux watches the files it found and goes silent
 * for a file once it has been replaced by a rename.
 *
 * Events come in bursts (one save is often several events); they are
 * gathered for {@link DEBOUNCE_MS} and reported as one change.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';

/** How long a burst of file events is gathered before one re-render. */
export const DEBOUNCE_MS = 60;

/** A folder to watch, and which names in it matter. */
export interface WatchTarget {
  readonly dir: string;
  /** Only these file names count (e.g. hattama.yaml in the root); all when absent. */
  readonly names?: ReadonlySet<string>;
}

/** Folders below a watched folder that may hold more than this are not watched (a records tree is far smaller). */
const MAX_FOLDERS = 2000;

/**
 * `dir` and every folder below it, never through a symbolic link nor into
 * hidden folders or node_modules. A folder that cannot be read is left out.
 */
export function folderTree(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    if (found.length >= MAX_FOLDERS) return;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    found.push(d);
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') walk(join(d, e.name));
  };
  walk(dir);
  return found;
}

/** A set of folder watches that can be changed as the configuration changes. */
export class ArchiveWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly onChange: () => void) {}

  /** Watches exactly `targets` from now on (adding and dropping watches as needed). */
  set(targets: readonly WatchTarget[]): void {
    if (this.closed) return;
    const wanted = new Map<string, WatchTarget>(targets.map((t) => [t.dir, t]));
    for (const [key, w] of this.watchers) {
      if (!wanted.has(key)) {
        w.close();
        this.watchers.delete(key);
      }
    }
    for (const [key, target] of wanted) {
      if (this.watchers.has(key)) continue;
      try {
        const w = watch(target.dir, { persistent: true }, (_event, name) => {
          // A null name (some platforms) could be anything: count it.
          if (target.names && name !== null && !target.names.has(basename(String(name)))) return;
          this.changed();
        });
        // A watched folder removed or unreadable: stop that watch, keep the others.
        w.on('error', () => {
          w.close();
          this.watchers.delete(key);
        });
        this.watchers.set(key, w);
      } catch {
        // A folder that does not exist (yet) is not watched; the next change to the configuration tries again.
      }
    }
  }

  private changed(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onChange();
    }, DEBOUNCE_MS);
  }

  /** Stops every watch and any pending report. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
