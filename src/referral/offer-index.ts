/**
 * The offers already seen in a log, to refuse a second row for the same place
 * on the same day, in a few bytes per row: a million rows as strings in a
 * Map took some 150 MB; this takes 12 bytes a slot, the table at most half
 * full, so under 50 bytes a row. A key is kept as two
 * independent 32-bit hashes (64 bits), so two different offers are taken for
 * one with a chance of about n²/2⁶⁵ — 3 in 100 million for a million rows.
 */

/** FNV-1a over the UTF-16 code units, from a given basis. */
function fnv1a(key: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final mix, so nearby keys spread over the table.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** An open-addressing hash set of keys, each with the line it was first seen at. */
export class OfferIndex {
  private size = 0;
  private mask: number;
  private h1: Uint32Array;
  private h2: Uint32Array;
  /** The line of each entry; 0 marks an empty slot. */
  private lines: Uint32Array;

  constructor(capacity = 1024) {
    const n = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.mask = n - 1;
    this.h1 = new Uint32Array(n);
    this.h2 = new Uint32Array(n);
    this.lines = new Uint32Array(n);
  }

  /** The line `key` was first seen at; else records it at `line` (1 or more) and returns undefined. */
  seen(key: string, line: number): number | undefined {
    const a = fnv1a(key, 0x811c9dc5);
    const b = fnv1a(key, 0x2545f491);
    for (let i = a & this.mask; ; i = (i + 1) & this.mask) {
      const at = this.lines[i]!;
      if (at === 0) {
        this.h1[i] = a;
        this.h2[i] = b;
        this.lines[i] = Math.max(1, Math.min(line, 0xffffffff));
        if (++this.size * 2 > this.mask) this.grow();
        return undefined;
      }
      if (this.h1[i] === a && this.h2[i] === b) return at;
    }
  }

  private grow(): void {
    const { h1, h2, lines } = this;
    const n = (this.mask + 1) * 2;
    this.mask = n - 1;
    this.h1 = new Uint32Array(n);
    this.h2 = new Uint32Array(n);
    this.lines = new Uint32Array(n);
    for (let j = 0; j < lines.length; j++) {
      if (lines[j] === 0) continue;
      let i = h1[j]! & this.mask;
      while (this.lines[i] !== 0) i = (i + 1) & this.mask;
      this.h1[i] = h1[j]!;
      this.h2[i] = h2[j]!;
      this.lines[i] = lines[j]!;
    }
  }
}
