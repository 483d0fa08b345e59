/**
 * Strict reading of one line of the seal ledger (`meetings/seals.jsonl`).
 *
 * `JSON.parse` keeps the last of two equal keys and says nothing, and other
 * tools (jq, Python) may keep another: a line `{"record":"a",…,"record":"b"}`
 * could then mean one thing to hattama and another to an auditor. So a ledger
 * line is read by this small JSON parser, which refuses duplicate keys, and
 * then checked field by field: an unknown field, a missing one or a value of
 * the wrong type is refused at its column. (Whether the line is written
 * exactly as `hattama seal` writes it is checked by the caller, see seal.ts.)
 */
import { msg } from '../messages/index.js';

/** Formats an entry can seal, in canonical order. */
export const SEALED_FORMATS = ['docx', 'pdf'] as const;
/** A format with an output in the ledger. */
export type SealedFormat = (typeof SEALED_FORMATS)[number];

/** One sealed output. */
export interface SealedFile {
  /** Relative to the output folder, "/" separators (e.g. "2025/x.pdf"). */
  readonly path: string;
  /** SHA-256 of the file's bytes, lowercase hex. */
  readonly sha256: string;
}

/** One line of the ledger. */
export interface SealEntry {
  /** 1, 2, … in ledger order. */
  readonly seq: number;
  /** The record, relative to the records folder, "/" separators. */
  readonly record: string;
  /** SHA-256 of the record file, CRLF read as LF (see `sha256Record` in seal.ts). */
  readonly recordSha256: string;
  readonly outputs: { readonly [F in SealedFormat]?: SealedFile };
  /** When it was sealed (ISO 8601, UTC, as `Date.prototype.toISOString` writes it). Covered by the hash. */
  readonly sealedAt: string;
  /** The hash of the entry before, 64 zeros for the first. */
  readonly prev: string;
  /** SHA-256 of this entry's canonical JSON without `hash` (see `canonicalEntry` in seal.ts). */
  readonly hash: string;
}

/** The fields of an entry, in the order they are written. */
const ENTRY_FIELDS = ['seq', 'record', 'recordSha256', 'outputs', 'sealedAt', 'prev', 'hash'] as const;

/** A problem on a ledger line, at a 1-based column (UTF-16 code units, as editors count). */
export interface LineProblem {
  readonly column: number;
  readonly rule: 'seal/ledger-syntax' | 'seal/ledger-entry';
  readonly message: string;
}

/** A parsed JSON value with the offset (0-based) where it starts in its line. */
type JsonNode =
  | { readonly kind: 'object'; readonly at: number; readonly members: ReadonlyMap<string, { readonly keyAt: number; readonly value: JsonNode }> }
  | { readonly kind: 'array'; readonly at: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly at: number; readonly value: string }
  | { readonly kind: 'number'; readonly at: number; readonly value: number }
  | { readonly kind: 'literal'; readonly at: number; readonly value: boolean | null };

class JsonError extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

/** Deeper than this is not a ledger entry (an entry nests 3 levels); it also bounds the recursion. */
const MAX_DEPTH = 16;

const describe = (c: string | undefined): string => (c === undefined ? msg('ledger.json.end-of-line') : /^[\x21-\x7e]$/.test(c) ? `"${c}"` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

/**
 * Parses one line of JSON (RFC 8259) keeping where each value starts, and
 * refusing a key repeated in an object.
 * @throws JsonError at the offending offset
 */
function parseJson(text: string): JsonNode {
  let i = 0;
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (message: string, at = i): never => {
    throw new JsonError(at, message);
  };
  const string = (): string => {
    const start = i;
    i++; // the opening quote
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) fail(msg('ledger.json.string-unclosed'), start);
      if (c === '"') break;
      if (c! < ' ') fail(msg('ledger.json.control', { char: describe(c) }));
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail(msg('ledger.json.escape'));
        continue;
      }
      out += c;
      i++;
    }
    i++;
    return out;
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail(msg('ledger.json.too-deep', { max: MAX_DEPTH }));
    space();
    const at = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members = new Map<string, { keyAt: number; value: JsonNode }>();
      space();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', at, members };
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail(msg('ledger.json.expected-key', { found: describe(text[i]) }));
        const keyAt = i;
        const key = string();
        const twin = members.get(key);
        if (twin) fail(msg('ledger.json.twin-key', { key: JSON.stringify(key), column: twin.keyAt + 1 }), keyAt);
        space();
        if (text[i] !== ':') fail(msg('ledger.json.expected-colon', { found: describe(text[i]) }));
        i++;
        members.set(key, { keyAt, value: value(depth + 1) });
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', at, members };
        }
        fail(msg('ledger.json.expected-brace', { found: describe(text[i]) }));
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', at, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', at, items };
        }
        fail(msg('ledger.json.expected-bracket', { found: describe(text[i]) }));
      }
    }
    if (c === '"') return { kind: 'string', at, value: string() };
    const number = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (number) {
      i += number[0].length;
      return { kind: 'number', at, value: Number(number[0]) };
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { kind: 'literal', at, value: v };
      }
    }
    return fail(msg('ledger.json.expected-value', { found: describe(c) }));
  };
  const root = value(0);
  space();
  if (i < text.length) fail(msg('ledger.json.trailing', { found: describe(text[i]) }));
  return root;
}

const HEX64 = /^[0-9a-f]{64}$/;
/** As `Date.prototype.toISOString` writes a time in UTC. */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A relative path with "/" separators that stays inside its folder. */
const isSafeRelative = (p: string): boolean =>
  p !== '' && !p.startsWith('/') && !p.includes('\\') && !/^[A-Za-z]:/.test(p) && !/[\u0000-\u001f\u007f]/.test(p) && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');

const kindName = (n: JsonNode): string => (n.kind === 'literal' ? String(n.value) : msg(`ledger.kind.${n.kind}`));

/**
 * Reads one ledger line (without its line end) as an entry: strict JSON, then
 * every field checked. Returns the entry, or the first problem at its column.
 */
export function readEntryLine(line: string): { readonly entry: SealEntry } | { readonly problem: LineProblem } {
  let root: JsonNode;
  try {
    root = parseJson(line);
  } catch (err) {
    if (!(err instanceof JsonError)) throw err;
    return { problem: { column: err.at + 1, rule: 'seal/ledger-syntax', message: msg('ledger.syntax', { detail: err.message }) } };
  }
  const bad = (node: { at: number } | number, message: string): { problem: LineProblem } => ({
    problem: { column: (typeof node === 'number' ? node : node.at) + 1, rule: 'seal/ledger-entry', message: msg('ledger.invalid', { detail: message }) },
  });
  if (root.kind !== 'object') return bad(root, msg('ledger.field.not-object', { kind: kindName(root) }));
  // A field the hash does not cover could be changed freely: refuse it.
  for (const [key, { keyAt }] of root.members) {
    if (!(ENTRY_FIELDS as readonly string[]).includes(key)) return bad(keyAt, msg('ledger.field.unknown', { key: JSON.stringify(key), fields: ENTRY_FIELDS.join(', ') }));
  }
  const missing = ENTRY_FIELDS.find((k) => !root.members.has(k));
  if (missing) return bad(root, msg('ledger.field.missing', { field: missing, fields: ENTRY_FIELDS.join(', ') }));
  const field = (k: (typeof ENTRY_FIELDS)[number]): JsonNode => root.members.get(k)!.value;

  const seq = field('seq');
  if (seq.kind !== 'number' || !Number.isSafeInteger(seq.value) || seq.value < 1) return bad(seq, msg('ledger.field.seq', { kind: kindName(seq) }));
  const record = field('record');
  if (record.kind !== 'string' || !isSafeRelative(record.value) || !/\.ya?ml$/i.test(record.value)) {
    return bad(record, msg('ledger.field.record'));
  }
  for (const k of ['recordSha256', 'prev', 'hash'] as const) {
    const v = field(k);
    if (v.kind !== 'string' || !HEX64.test(v.value)) return bad(v, msg('ledger.field.hex', { field: k }));
  }
  const sealedAt = field('sealedAt');
  if (sealedAt.kind !== 'string' || !ISO_UTC.test(sealedAt.value) || Number.isNaN(Date.parse(sealedAt.value))) {
    return bad(sealedAt, msg('ledger.field.sealed-at'));
  }
  const outputsNode = field('outputs');
  if (outputsNode.kind !== 'object') return bad(outputsNode, msg('ledger.field.outputs', { kind: kindName(outputsNode) }));
  const outputs: Partial<Record<SealedFormat, SealedFile>> = {};
  for (const [format, { keyAt, value: o }] of outputsNode.members) {
    if (!(SEALED_FORMATS as readonly string[]).includes(format)) return bad(keyAt, msg('ledger.field.format', { format: JSON.stringify(format) }));
    if (o.kind !== 'object') return bad(o, msg('ledger.field.output-object', { format }));
    for (const [k, { keyAt: at }] of o.members) if (k !== 'path' && k !== 'sha256') return bad(at, msg('ledger.field.output-unknown', { key: JSON.stringify(k), format }));
    const path = o.members.get('path')?.value;
    const hash = o.members.get('sha256')?.value;
    if (!path || !hash) return bad(o, msg('ledger.field.output-both', { format }));
    if (path.kind !== 'string' || !isSafeRelative(path.value)) return bad(path, msg('ledger.field.output-path', { format }));
    if (hash.kind !== 'string' || !HEX64.test(hash.value)) return bad(hash, msg('ledger.field.output-hash', { format }));
    outputs[format as SealedFormat] = { path: path.value, sha256: hash.value };
  }
  const text = (k: 'record' | 'recordSha256' | 'sealedAt' | 'prev' | 'hash'): string => (field(k) as { value: string }).value;
  return {
    entry: {
      seq: (seq as { value: number }).value,
      record: text('record'),
      recordSha256: text('recordSha256'),
      outputs,
      sealedAt: text('sealedAt'),
      prev: text('prev'),
      hash: text('hash'),
    },
  };
}
