/**
 * A seeded mutator for meeting records: small, reproducible damage of the
 * kinds a bad day or an attacker brings. Each case is derived from (seed,
 * index) alone, so any failure can be replayed on its own.
 */

/** A deterministic pseudo-random source (mulberry32). */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
}

/** The generator for case `index` of a run seeded with `seed`. */
export const caseRandom = (seed: number, index: number): Random => new Random((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);

/** One mutation: a name for the report and a function from bytes to bytes. */
interface Mutation {
  readonly name: string;
  readonly weight: number;
  readonly apply: (bytes: Uint8Array, r: Random) => Uint8Array;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
/** Mutations that work on lines of text (the seeds are valid UTF-8; earlier byte damage may be replaced). */
const onText = (f: (text: string, r: Random) => string) => (bytes: Uint8Array, r: Random): Uint8Array => enc.encode(f(dec.decode(bytes), r));
const onLines = (f: (lines: string[], r: Random) => void) =>
  onText((text, r) => {
    const lines = text.split('\n');
    f(lines, r);
    return lines.join('\n');
  });

/** A line's value part (after `key: ` or `- `), if it has one. */
const VALUE = /^(\s*(?:- )*(?:[\w.-]+:\s)?\s*)(\S.*)$/;

/**
 * Replaces the value on a random line that has one; with `prose`, mostly a
 * line of Kazakh or Russian text (where odd characters are still valid).
 */
const replaceValue = (make: (old: string, r: Random) => string, prose = false) =>
  onLines((lines, r) => {
    const wantProse = prose && r.next() < 0.8;
    for (let tries = 0; tries < 20; tries++) {
      const i = r.int(lines.length);
      const m = VALUE.exec(lines[i]!);
      if (m && !m[2]!.startsWith('#') && (!wantProse || /^[\p{L}«№].*\p{Script=Cyrillic}/u.test(m[2]!))) {
        lines[i] = m[1] + make(m[2]!, r);
        return;
      }
    }
  });

const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u001B[2J', '\u007F', '\u0085', '\u009B', '\u202E', '\u2066', '\u200B', '\u2028', '\r'];
const ODD_CHARS = ['\uFDD0', '\uFFFE', '\uFFFF', '\u{1FFFE}', '\u{10FFFF}', '\uFFFD', '\u0301', '😀', '𝔘', 'ي', '漢', '\u00A0', '\u3000', 'ӛ', 'i', '\u0456', '%', '&', '<', '>', '"', "'", '{{', '}}', '\\', '`', '*', '_', '#'];
const ESCAPES = ['\\ud800', '\\udfff', '\\ud83d\\ude00', '\\uFFFE', '\\uFFFF', '\\uFDD0', '\\U0010FFFF', '\\U0001FFFE', '\\x00', '\\x1b', '\\x85', '\\u202e', '\\0', '\\e', '\\N', '\\L', '\\P', '\\_'];
const NUMBERS = ['1e400', '-1e400', '99999999999999999999', '123456789012345678901234567890', '-0', '.nan', '.inf', '-.inf', '0x10', '0o17', '1_000', '1.5', '-1', '0', '2147483648', '9007199254740993', '1e-400'];
const SCALARS = ['true', 'false', 'null', '~', '""', "''", '[]', '{}', '[a, b]', '{a: 1}', '-', '|', '>', '!!binary aGVsbG8=', '2025-02-30', '2025-12-25T10:00:00Z', '"15:00"', '15:00', '= ', '? x'];
const TAGS = ['!!str ', '!!int ', '!!float ', '!!binary ', '!!timestamp ', '!!set ', '!!omap ', '!!map ', '!!seq ', '!foo ', '!<tag:yaml.org,2002:str> ', '!!null '];

const MUTATIONS: readonly Mutation[] = [
  {
    name: 'flip a bit',
    weight: 3,
    apply: (b, r) => {
      const out = Uint8Array.from(b); // a copy: Buffer#slice would share, and damage the seed record
      if (out.length) out[r.int(out.length)]! ^= 1 << r.int(8);
      return out;
    },
  },
  {
    name: 'replace a byte',
    weight: 2,
    apply: (b, r) => {
      const out = Uint8Array.from(b); // a copy: Buffer#slice would share, and damage the seed record
      if (out.length) out[r.int(out.length)] = r.pick([0x00, 0x1b, 0x80, 0xc0, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf5, 0xfe, 0xff, 0x0a, 0x22, 0x27, 0x3a, 0x5b, 0x7b, 0x26, 0x2a, 0x21, 0x7c]);
      return out;
    },
  },
  { name: 'truncate', weight: 1, apply: (b, r) => b.subarray(0, r.int(b.length + 1)) },
  { name: 'delete a line', weight: 3, apply: onLines((l, r) => void l.splice(r.int(l.length), 1)) },
  {
    name: 'duplicate a line',
    weight: 3,
    apply: onLines((l, r) => {
      const i = r.int(l.length);
      l.splice(i, 0, l[i]!);
    }),
  },
  {
    name: 'swap two lines',
    weight: 1,
    apply: onLines((l, r) => {
      const i = r.int(l.length);
      const j = r.int(l.length);
      [l[i], l[j]] = [l[j]!, l[i]!];
    }),
  },
  {
    name: 'change indentation',
    weight: 3,
    apply: onLines((l, r) => {
      const i = r.int(l.length);
      const d = r.pick([-4, -2, -1, 1, 2, 4]);
      l[i] = d > 0 ? ' '.repeat(d) + l[i] : l[i]!.replace(new RegExp(`^ {1,${-d}}`), '');
    }),
  },
  { name: 'indent with a tab', weight: 1, apply: onLines((l, r) => void (l[r.int(l.length)] = '\t' + l[r.int(l.length)])) },
  {
    name: 'insert an anchor and alias',
    weight: 3,
    apply: onLines((l, r) => {
      const name = r.pick(['a', 'p', 'x1', 'chair']);
      const i = r.int(l.length);
      const m = VALUE.exec(l[i]!);
      if (m) l[i] = `${m[1]}&${name} ${m[2]}`;
      const j = r.int(l.length);
      const n = VALUE.exec(l[j]!);
      if (n) l[j] = `${n[1]}*${name}`;
    }),
  },
  { name: 'an alias with no anchor', weight: 2, apply: replaceValue((_, r) => `*${r.pick(['a', 'missing', 'chair'])}`) },
  {
    name: 'an alias bomb',
    weight: 1,
    apply: onText((t, r) => {
      const levels = 3 + r.int(6);
      let bomb = 'lol:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
      for (let k = 1; k < levels; k++) bomb += `  l${k}: &l${k} [${Array(10).fill(`*l${k - 1}`).join(', ')}]\n`;
      return r.int(2) ? t + '\n' + bomb : bomb + t;
    }),
  },
  { name: 'an alias inside its anchor', weight: 1, apply: onText((t) => t.replace(/^chair:(.*)$/m, 'chair: &c\n  name: X\n  position: [*c]')) },
  { name: 'insert a tag', weight: 2, apply: replaceValue((v, r) => r.pick(TAGS) + v, true) },
  { name: 'insert a control character', weight: 3, apply: replaceValue((v, r) => insertAt(v, r, r.pick(CONTROL))) },
  { name: 'insert an odd character', weight: 3, apply: replaceValue((v, r) => insertAt(v, r, r.pick(ODD_CHARS)), true) },
  {
    name: 'insert an escape in double quotes',
    weight: 3,
    apply: replaceValue((v, r) => `"${insertAt(v.replace(/^["']|["']$/g, '').replace(/["\\]/g, ''), r, r.pick(ESCAPES))}"`, true),
  },
  { name: 'a huge or odd number', weight: 2, apply: onText((t, r) => t.replace(/(?<=: |for: |present: )\d+/, r.pick(NUMBERS))) },
  { name: 'swap a scalar type', weight: 3, apply: replaceValue((_, r) => r.pick(SCALARS)) },
  {
    name: 'deep nesting',
    weight: 1,
    apply: replaceValue((v, r) => {
      const n = r.pick([10, 60, 64, 65, 100, 3000]);
      return r.int(2) ? '['.repeat(n) + v + ']'.repeat(n) : '{a: '.repeat(n) + v + '}'.repeat(n);
    }),
  },
  { name: 'a long text', weight: 1, apply: replaceValue((v, r) => JSON.stringify((v + ' ').repeat(r.pick([100, 2000, 8000]))), true) },
  { name: 'a second document', weight: 1, apply: onText((t, r) => (r.int(2) ? t + '\n---\nhattama: 1\n' : '---\n' + t)) },
  { name: 'a complex key', weight: 1, apply: onText((t) => t.replace(/^number: /m, '? [number]\n: ')) },
  { name: 'a merge key', weight: 1, apply: onText((t) => t.replace(/^chair: (.*)$/m, 'chair: &c\n  name: $1\nsecretary_x:\n  <<: *c')) },
  { name: 'an unclosed quote or bracket', weight: 2, apply: replaceValue((v, r) => r.pick(['"', "'", '[', '{', '|-', '>+']) + v) },
  { name: 'a duplicate key', weight: 1, apply: onLines((l, r) => void l.splice(r.int(l.length), 0, l.find((x) => /^\w+:/.test(x)) ?? '')) },
  { name: 'a BOM', weight: 1, apply: onText((t) => '\uFEFF' + t) },
  { name: 'CRLF line ends', weight: 1, apply: onText((t) => t.replace(/\n/g, '\r\n')) },
];

function insertAt(v: string, r: Random, what: string): string {
  const i = r.int(v.length + 1);
  return v.slice(0, i) + what + v.slice(i);
}

/** Mutations that often leave a record valid, so that rendering is exercised as much as refusal. */
const GENTLE = new Set(['insert an odd character', 'insert an escape in double quotes', 'insert an anchor and alias', 'insert a tag', 'a long text', 'a BOM', 'CRLF line ends']);

function pickMutation(r: Random, from: readonly Mutation[]): Mutation {
  let n = r.next() * from.reduce((s, m) => s + m.weight, 0);
  for (const m of from) if ((n -= m.weight) < 0) return m;
  return from[from.length - 1]!;
}

/** One fuzz case: which seed record, the mutations applied, and the resulting bytes. */
export interface FuzzCase {
  readonly index: number;
  readonly base: string;
  readonly mutations: readonly string[];
  readonly bytes: Uint8Array;
}

/**
 * Builds case `index` of a run: a third of the cases get one gentle mutation
 * (often still valid), the rest one to three of any kind.
 */
export function makeCase(seed: number, index: number, bases: readonly { name: string; bytes: Uint8Array }[]): FuzzCase {
  const r = caseRandom(seed, index);
  const base = r.pick(bases);
  const gentle = r.next() < 0.35;
  const from = gentle ? MUTATIONS.filter((m) => GENTLE.has(m.name)) : MUTATIONS;
  let bytes = base.bytes;
  const names: string[] = [];
  for (let k = gentle ? 1 : 1 + r.int(3); k > 0; k--) {
    const m = pickMutation(r, from);
    bytes = m.apply(bytes, r);
    names.push(m.name);
  }
  return { index, base: base.name, mutations: names, bytes };
}
