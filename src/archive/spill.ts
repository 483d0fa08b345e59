/**
 * Texts a build sets aside until its end, on disk instead of in memory: each
 * record's manifest claim, and the index page's meeting rows. At 10,000
 * records they are tens of MB that the build reads again only in its last
 * seconds; held in the heap they were most of what a long build kept, and V8
 * let the heap grow well past that.
 *
 * The file is made in the system's temporary folder and, where the system
 * allows it (not Windows), unlinked at once: nothing is left behind, even by
 * a killed build. Where no file can be made or written (a full disk), texts
 * are kept in memory instead, as UTF-8 outside the heap: never a failure.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a text was put: a place in the file, or the bytes themselves when kept in memory. */
export type SpillRef = { readonly at: number; readonly bytes: number } | Buffer;

/** Texts written once, read back by reference. */
export class Spill {
  /** Bytes written to the file so far (the next text's offset). */
  private size = 0;
  /** A reusable buffer for reading back, grown as needed. */
  private buffer = Buffer.alloc(64 * 1024);
  /** Whether texts still go to the file (false after a failed write). */
  private writing: boolean;

  private constructor(
    private fd: number | undefined,
    /** A folder to remove at close, where the open file could not be unlinked. */
    private readonly leftover: string | undefined,
  ) {
    this.writing = fd !== undefined;
  }

  /** A spill file in the system's temporary folder, or a spill in memory when none can be made. */
  static open(): Spill {
    let dir: string | undefined;
    try {
      dir = mkdtempSync(join(tmpdir(), 'hattama-build-'));
      const file = join(dir, 'spill');
      const fd = openSync(file, 'w+', 0o600);
      try {
        unlinkSync(file);
        rmSync(dir, { recursive: true, force: true });
        return new Spill(fd, undefined);
      } catch {
        // Windows: an open file cannot be unlinked; it is removed at close.
        return new Spill(fd, dir);
      }
    } catch {
      if (dir) rmSync(dir, { recursive: true, force: true });
      return Spill.inMemory();
    }
  }

  /** A spill that keeps its texts in memory. */
  static inMemory(): Spill {
    return new Spill(undefined, undefined);
  }

  /** Puts `text` aside; returns where. */
  put(text: string): SpillRef {
    const bytes = Buffer.from(text, 'utf8');
    if (this.writing) {
      try {
        for (let done = 0; done < bytes.length; ) done += writeSync(this.fd!, bytes, done, bytes.length - done, this.size + done);
        const ref = { at: this.size, bytes: bytes.length };
        this.size += bytes.length;
        return ref;
      } catch {
        // A full disk: what was written stays readable; what follows is kept in memory.
        this.writing = false;
      }
    }
    return bytes;
  }

  /** The text put at `ref`. */
  get(ref: SpillRef): string {
    if (Buffer.isBuffer(ref)) return ref.toString('utf8');
    if (this.fd === undefined) throw new Error('hattama: the build\'s spill file is closed');
    if (this.buffer.length < ref.bytes) this.buffer = Buffer.alloc(Math.max(ref.bytes, this.buffer.length * 2));
    for (let done = 0; done < ref.bytes; ) {
      const n = readSync(this.fd, this.buffer, done, ref.bytes - done, ref.at + done);
      if (n === 0) throw new Error('hattama: the build\'s spill file ended early');
      done += n;
    }
    return this.buffer.toString('utf8', 0, ref.bytes);
  }

  /** Closes (and, on Windows, removes) the file. */
  close(): void {
    const fd = this.fd;
    this.fd = undefined;
    this.writing = false;
    if (fd !== undefined) closeSync(fd);
    if (this.leftover) rmSync(this.leftover, { recursive: true, force: true });
  }
}
