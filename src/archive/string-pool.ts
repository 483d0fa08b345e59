/**
 * One copy of each text a long build keeps. Each record's warnings and the
 * key of its claim (claims.ts; the whole claim waits on disk) stay in memory
 * until the build ends, and each arrives as fresh strings (cloned from a
 * worker thread, or made by this thread's render): the organisation's name,
 * a body, a date, a warning's wording and its file name repeated in each of a
 * record's warnings. At 10,000 records those copies were tens of MB.
 */
/** Shorter substrings are copies already in V8 (SlicedString::kMinLength). */
const SLICE_MIN_LENGTH = 13;

/**
 * `text` in a string of its own: joining flattens it into a new string, of
 * which the result is a slice one character shorter (never of the original).
 */
const ownCopy = (text: string): string => (text.length < SLICE_MIN_LENGTH ? text : ` ${text}`.slice(1));

export class StringPool {
  private readonly texts = new Map<string, string>();

  /**
   * The pool's copy of `text`. The first time, a copy of its own: a text cut
   * from a larger one (a meeting's title from the document's whole markup)
   * can be V8's slice of it, which would keep the whole markup alive.
   */
  text(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    const own = ownCopy(text);
    this.texts.set(own, own);
    return own;
  }

  /**
   * `value` with every string in it, in plain objects and arrays at any
   * depth, replaced by the pool's copy. Objects and arrays are changed in
   * place: pass only values this caller owns (a result just received).
   * Frozen ones are left as they are.
   */
  share<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.share(value[i]);
      return value;
    }
    if (Object.getPrototypeOf(value) === Object.prototype) {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = this.share(o[k]);
    }
    return value;
  }

  /** Distinct texts held. */
  get size(): number {
    return this.texts.size;
  }
}
