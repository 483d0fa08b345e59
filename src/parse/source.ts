import { LineCounter, Parser, parseDocument, isMap, isSeq, isPair, isScalar, visit, type Document, type Node, type Pair, type Scalar } from 'yaml';
import type { Diagnostic, Position } from './diagnostic.js';
import { LIMITS } from './limits.js';
import { checkStructure, type StructureOptions } from './structure.js';
import { msg } from '../messages/index.js';

/** A YAML file parsed with its node tree kept, so any value can be traced to its line and column. */
export interface SourceFile {
  /** The file name as given by the user. */
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The parsed value as plain JSON data (undefined when the YAML is broken). */
  readonly value: unknown;
  /** YAML syntax errors and warnings (duplicate keys among them). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses YAML text. Nothing in the text makes it throw: syntax errors, alias
 * problems, nesting and text past the limits in `limits.ts`, and code points
 * that are not characters come back as diagnostics at their line and column.
 * `value` is undefined when the text cannot safely become data. `options`
 * adds the bounds of what is read (records pass their value limit).
 */
export function parseSource(file: string, rawText: string, options: StructureOptions = {}): SourceFile {
  // A byte-order mark (Windows editors add one) is not part of the first line's columns.
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const lines = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lines });
  } catch (err) {
    // The yaml package's parser can run out of stack on thousands of broken tokens in a row
    // (it recurses per token); the text is then unreadable, which is the record's problem.
    const offset = whereParsingFails(text);
    diagnostics.push({
      file,
      position: offsetPosition(text, offset),
      severity: 'error',
      rule: 'yaml/syntax',
      message: msg('parse.unreadable', { detail: firstLine((err as Error).message) }),
    });
    return { file, text, doc: parseDocument('', PARSE_OPTIONS), lines, value: undefined, diagnostics };
  }
  for (const e of doc.errors) {
    if (e.code === 'RESOURCE_EXHAUSTION') {
      // The parser ran out of stack: only nesting thousands of levels deep does that.
      diagnostics.push({ file, position: linePos(lines, e.pos[0]), severity: 'error', rule: 'limit/depth', message: msg('parse.depth', { n: LIMITS.maxDepth }) });
      break;
    }
    // yaml reports an unclosed bracket or quote where it gave up; point at the opener instead.
    const opener = unclosedOpener(text, e.pos[0], e.message);
    diagnostics.push({
      file,
      position: linePos(lines, opener?.offset ?? e.pos[0]),
      severity: 'error',
      rule: e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
      message: opener ? msg('parse.unclosed', { char: opener.char }) : yamlMessage(e.code, e.message),
    });
  }
  for (const w of doc.warnings) {
    diagnostics.push({ file, position: linePos(lines, w.pos[0]), severity: 'warning', rule: 'yaml/warning', message: firstLine(w.message) });
  }
  if (doc.errors.length) return { file, text, doc, lines, value: undefined, diagnostics };
  const problems = checkStructure(doc, text, options);
  for (const p of problems) diagnostics.push({ file, position: linePos(lines, p.offset), severity: 'error', rule: p.rule, message: p.message });
  if (problems.some((p) => p.fatal)) return { file, text, doc, lines, value: undefined, diagnostics };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (err) {
    // Behind checkStructure this should not happen; if it does, it is still the record's problem.
    diagnostics.push({ file, position: firstAliasPosition(doc, lines), severity: 'error', rule: 'limit/alias', message: msg('parse.alias-expand', { detail: firstLine((err as Error).message) }) });
    return { file, text, doc, lines, value: undefined, diagnostics };
  }
  return { file, text, doc, lines, value, diagnostics };
}

/**
 * uniqueKeys: false because checkStructure finds repeated keys in linear time (the yaml package's
 * check is quadratic: 60,000 keys took minutes). resolveKnownTags: false keeps
 * YAML 1.1 tags (!!binary, !!timestamp, !!set) as plain text, never Buffers, Dates or Sets.
 * logLevel 'error': the yaml package never writes to the terminal itself.
 */
const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, resolveKnownTags: false, logLevel: 'error' } as const;

/**
 * Where the parser throws: its concrete-syntax pass is run again on its own,
 * and the offset it had reached when it gave up is the place to report.
 */
function whereParsingFails(text: string): number {
  const parser = new Parser();
  try {
    for (const token of parser.parse(text)) void token;
  } catch {
    return Math.min(parser.offset, Math.max(0, text.length - 1));
  }
  return 0;
}

/** A 1-based line and column for an offset, counted directly in the text. */
function offsetPosition(text: string, offset: number): Position {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
  return { line, column: offset - lineStart + 1 };
}

/** Where the first alias is (or the document start): the place to blame for a failed expansion. */
function firstAliasPosition(doc: Document.Parsed, lines: LineCounter): Position {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return linePos(lines, offset);
}

/** For "flow sequence/mapping must end with ]/}" and "missing closing quote": the opener's offset. */
function unclosedOpener(text: string, pos: number, message: string): { offset: number; char: string } | undefined {
  const want = /Flow sequence/.test(message) ? '[' : /Flow mapping/.test(message) ? '{' : /closing "quote/.test(message) ? '"' : /closing 'quote/.test(message) ? "'" : undefined;
  if (!want) return undefined;
  const close = want === '[' ? ']' : want === '{' ? '}' : want;
  let depth = 0;
  for (let i = Math.min(pos, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (want !== close && c === close) depth++;
    else if (c === want) {
      if (depth === 0) return { offset: i, char: want };
      depth--;
    }
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return msg('parse.duplicate-key');
  return msg('parse.syntax', { detail: firstLine(message) });
}

/** Converts a character offset to a 1-based line and column. */
export function linePos(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** Splits an ajv instancePath (JSON pointer) into path segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The node at a path of keys and indices, or null when it does not exist. */
export function nodeAt(source: SourceFile, segments: readonly string[]): Node | null {
  let node: unknown = source.doc.contents;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      node = pair?.value ?? null;
    } else if (isSeq(node)) {
      node = node.items[Number(seg)] ?? null;
    } else return null;
  }
  return (node as Node | null) ?? null;
}

/** The key/value pair for the last segment of a path (to point at a key rather than its value). */
export function pairAt(source: SourceFile, segments: readonly string[]): Pair | null {
  if (segments.length === 0) return null;
  const parent = nodeAt(source, segments.slice(0, -1));
  if (!isMap(parent)) return null;
  const last = segments[segments.length - 1];
  return parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === last) ?? null;
}

/**
 * The best position for a path: the value node when it exists, otherwise the
 * nearest ancestor that does. Falls back to the start of the document.
 */
export function positionOf(source: SourceFile, segments: readonly string[]): Position {
  for (let n = segments.length; n >= 0; n--) {
    const node = nodeAt(source, segments.slice(0, n));
    if (node?.range) return linePos(source.lines, node.range[0]);
  }
  return { line: 1, column: 1 };
}

/** Position of the key of a mapping entry (e.g. a misspelt key). */
export function keyPositionOf(source: SourceFile, segments: readonly string[]): Position {
  const pair = pairAt(source, segments);
  const key = pair?.key as Node | undefined;
  if (key?.range) return linePos(source.lines, key.range[0]);
  return positionOf(source, segments.slice(0, -1));
}

/** One piece of a scalar's source text and the characters it stands for in the value. */
interface SourceUnit {
  readonly decoded: string;
  readonly length: number;
}

const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

/** The unit of a scalar's source text at an offset: an escape in a quoted scalar, else one character. */
function sourceUnit(text: string, at: number, type: Scalar['type']): SourceUnit {
  const c = text[at]!;
  if (type === 'QUOTE_DOUBLE' && c === '\\') {
    const e = text[at + 1] ?? '';
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hex) return { decoded: String.fromCodePoint(parseInt(text.slice(at + 2, at + 2 + hex), 16) || 0), length: 2 + hex };
    return { decoded: DOUBLE_QUOTE_ESCAPES[e] ?? '', length: 2 };
  }
  if (type === 'QUOTE_SINGLE' && c === "'" && text[at + 1] === "'") return { decoded: "'", length: 2 };
  return { decoded: c, length: 1 };
}

/**
 * The source offset of the character at `index` in a string scalar's value.
 * Walks the source and the value together, skipping what YAML drops (quotes,
 * a block scalar's header, indentation, folded line breaks) and decoding
 * escapes. Undefined when the two cannot be matched up.
 */
function scalarCharOffset(text: string, node: Scalar, index: number): number | undefined {
  const value = node.value;
  if (typeof value !== 'string' || !node.range || index < 0 || index >= value.length) return undefined;
  const [start, end] = node.range;
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  let s = block ? text.indexOf('\n', start) + 1 : quoted ? start + 1 : start;
  if (block && s === 0) return undefined;
  for (let v = 0; v <= index; v++) {
    for (;;) {
      if (s >= end) return undefined;
      const unit = sourceUnit(text, s, node.type);
      if (unit.decoded === value[v]) {
        if (v === index) return s;
        s += unit.length;
        break;
      }
      s += unit.length;
    }
  }
  return undefined;
}

/**
 * The position of one character inside a string value: its own line and
 * column, in plain, quoted and block (`|`, `>`) scalars alike. Falls back to
 * the value's position ({@link positionOf}) when the value is not a scalar
 * in the source (an alias, a default).
 */
export function positionInValue(source: SourceFile, segments: readonly string[], index: number): Position {
  const node = nodeAt(source, segments);
  if (isScalar(node)) {
    const offset = scalarCharOffset(source.text, node, index);
    if (offset !== undefined) return linePos(source.lines, offset);
  }
  return positionOf(source, segments);
}
