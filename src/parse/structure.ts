/**
 * Checks a parsed YAML tree before it becomes plain data, so that nothing
 * downstream (the schema, the rules, the templates) ever meets an unbounded,
 * cyclic or unresolvable value: aliases without an anchor, aliases inside the
 * value they repeat, alias bombs, nesting past {@link LIMITS.maxDepth}, texts
 * past {@link LIMITS.maxStringBytes}, keys that are not text or repeat, and code points
 * that are not characters. One pass, iterative (no recursion on the input's depth).
 */
import { isAlias, isCollection, isMap, isPair, isScalar, type Alias, type Document, type Node, type YAMLMap } from 'yaml';
import { LIMITS, formatBytes } from './limits.js';
import { codePointName, findNonCharacter, offsetInSource } from './characters.js';
import { msg } from '../messages/index.js';

/** One problem found in the tree, at a character offset of the source text. */
export interface StructureProblem {
  readonly offset: number;
  readonly rule: string;
  readonly message: string;
  /** True when the tree must not be turned into data at all (it is unbounded or unresolvable). */
  readonly fatal: boolean;
}

interface Measure {
  /** Values (scalars and collections) the node stands for, aliases expanded. */
  readonly values: number;
  /** UTF-8 bytes of the texts in it, aliases expanded. */
  readonly bytes: number;
  /** Levels of nesting inside it: 0 for a scalar. */
  readonly height: number;
}

type Frame = { readonly exit?: undefined; readonly node: unknown; readonly depth: number; readonly key: boolean } | { readonly exit: Node };

const ZERO: Measure = { values: 0, bytes: 0, height: 0 };
const utf8Bytes = (s: string): number => (s.length * 3 <= LIMITS.maxStringBytes ? s.length : Buffer.byteLength(s, 'utf8'));

/** Bounds that depend on what is being read (a record, or a long referral log). */
export interface StructureOptions {
  /** Values allowed in the document (aliases not counted); unbounded when absent. */
  readonly maxValues?: number;
}

/**
 * Walks the document in source order and returns every problem. An alias
 * bomb or too many values stop the walk; at most {@link LIMITS.maxSchemaDiagnostics}
 * problems are listed.
 */
export function checkStructure(doc: Document.Parsed, text: string, options: StructureOptions = {}): StructureProblem[] {
  const maxValues = options.maxValues ?? Infinity;
  let values = 0;
  const problems: StructureProblem[] = [];
  const anchors = new Map<string, Node>();
  const aliasTargets = new Map<Alias, Node>();
  const measures = new Map<unknown, Measure>();
  const ancestors = new Set<unknown>();
  let aliasedValues = 0;
  let aliasedBytes = 0;
  let tooDeep = false;
  const at = (node: { range?: readonly number[] | null | undefined } | null | undefined): number => node?.range?.[0] ?? 0;
  const problem = (offset: number, rule: string, message: string, fatal: boolean): void => {
    problems.push({ offset, rule, message, fatal });
  };

  // Sizes of anchored values, counted once each (memoised), so a bomb is measured without being expanded.
  const measure = (n: unknown): Measure => {
    const known = measures.get(n);
    if (known) return known;
    let m: Measure = ZERO;
    if (isAlias(n)) {
      const target = aliasTargets.get(n);
      m = target ? measure(target) : ZERO;
    } else if (isScalar(n)) {
      m = { values: 1, bytes: typeof n.value === 'string' ? Buffer.byteLength(n.value, 'utf8') : 0, height: 0 };
    } else if (isPair(n)) {
      const k = measure(n.key);
      const v = measure(n.value);
      m = { values: k.values + v.values, bytes: k.bytes + v.bytes, height: Math.max(k.height, v.height) };
    } else if (isCollection(n)) {
      let values = 1;
      let bytes = 0;
      let height = 0;
      for (const item of n.items) {
        const i = measure(item);
        values += i.values;
        bytes += i.bytes;
        height = Math.max(height, i.height);
      }
      m = { values, bytes, height: height + 1 };
    }
    measures.set(n, m);
    return m;
  };

  // A repeated key would silently overwrite the first. Keys compare as the data will have them
  // (1 and "1" are one key), in one pass per mapping: the yaml package's own check is quadratic.
  const duplicateKeys = (map: YAMLMap): void => {
    const seen = new Set<string>();
    for (const pair of map.items) {
      if (problems.length >= LIMITS.maxSchemaDiagnostics) return;
      if (!isScalar(pair.key) && pair.key !== null) continue;
      const value = isScalar(pair.key) ? pair.key.value : null;
      const name = value === null || value === undefined ? '' : String(value);
      if (seen.has(name)) problem(at(pair.key as Node | null), 'yaml/duplicate-key', msg('parse.duplicate-key'), true);
      seen.add(name);
    }
  };

  const stack: Frame[] = [{ node: doc.contents, depth: 0, key: false }];
  while (stack.length) {
    const frame = stack.pop()!;
    if (frame.exit) {
      ancestors.delete(frame.exit);
      continue;
    }
    const { node, depth, key } = frame;
    if (isPair(node)) {
      stack.push({ node: node.value, depth, key: false }, { node: node.key, depth, key: true });
      continue;
    }
    if (isAlias(node)) {
      const name = node.source;
      if (key) {
        problem(at(node), 'yaml/alias-key', msg('parse.alias-key', { name }), true);
        continue;
      }
      const target = anchors.get(name);
      if (!target) {
        problem(at(node), 'yaml/alias', msg('parse.alias-no-anchor', { name }), true);
        continue;
      }
      if (ancestors.has(target)) {
        problem(at(node), 'yaml/alias', msg('parse.alias-cycle', { name }), true);
        continue;
      }
      aliasTargets.set(node, target);
      const m = measure(target);
      if (!tooDeep && depth + m.height > LIMITS.maxDepth) {
        tooDeep = true;
        problem(at(node), 'limit/depth', msg('parse.alias-depth', { name, n: LIMITS.maxDepth }), true);
      }
      aliasedValues += m.values;
      aliasedBytes += m.bytes;
      if (aliasedValues > LIMITS.maxAliasedValues || aliasedBytes > LIMITS.maxAliasedBytes) {
        const what = aliasedValues > LIMITS.maxAliasedValues ? msg('parse.alias-values', { count: LIMITS.maxAliasedValues.toLocaleString('en') }) : msg('parse.alias-bytes', { size: formatBytes(LIMITS.maxAliasedBytes) });
        problem(at(node), 'limit/alias', msg('parse.alias-bomb', { name, what }), true);
        return problems;
      }
      continue;
    }
    if (problems.length >= LIMITS.maxSchemaDiagnostics) {
      problem(at(node as Node), 'limit/diagnostics', msg('schema.too-many', { n: LIMITS.maxSchemaDiagnostics }), true);
      return problems;
    }
    if (isScalar(node) || isCollection(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (++values > maxValues) {
        problem(at(node), 'limit/values', msg('parse.too-many-values', { count: maxValues.toLocaleString('en') }), true);
        return problems;
      }
    }
    if (isCollection(node)) {
      if (key) {
        problem(at(node), 'yaml/complex-key', msg('parse.complex-key'), true);
        continue;
      }
      if (depth + 1 > LIMITS.maxDepth) {
        if (!tooDeep) problem(at(node), 'limit/depth', msg('parse.depth', { n: LIMITS.maxDepth }), true);
        tooDeep = true;
        continue;
      }
      if (isMap(node)) duplicateKeys(node);
      ancestors.add(node);
      stack.push({ exit: node });
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], depth: depth + 1, key: false });
      continue;
    }
    if (isScalar(node) && typeof node.value === 'string') {
      const value = node.value;
      const bytes = utf8Bytes(value);
      if (bytes > LIMITS.maxStringBytes) {
        problem(at(node), 'limit/text', msg('parse.text-too-long', { size: formatBytes(bytes), max: formatBytes(LIMITS.maxStringBytes) }), false);
      }
      const bad = findNonCharacter(value);
      if (bad) {
        const start = at(node);
        const end = node.range?.[1] ?? start;
        const within = offsetInSource(text.slice(start, end), bad.codePoint);
        const name = codePointName(bad.codePoint);
        problem(
          start + (within ?? 0),
          bad.kind === 'surrogate' ? 'text/surrogate' : 'text/noncharacter',
          bad.kind === 'surrogate'
            ? msg('parse.surrogate', { code: name, escape: `\\u${name.slice(2).toLowerCase()}` })
            : msg('parse.noncharacter', { code: name }),
          false,
        );
      }
    }
  }
  return problems;
}
