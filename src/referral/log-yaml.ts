/**
 * A referral log written as YAML: a list of mappings, one per event. YAML is
 * read whole (its node tree is about 70 times the text), so a YAML log is
 * limited to {@link MAX_YAML_BYTES}; a larger log is written as CSV, which is
 * read as a stream.
 */
import { msg } from '../messages/index.js';
import { isMap, isPair, isScalar, isSeq, visit, type Node, type Pair, type Scalar } from 'yaml';
import type { Diagnostic, Position } from '../parse/diagnostic.js';
import { linePos, parseSource } from '../parse/source.js';
import { isNameColumn, looksLikeIin, iinDiagnostic, nameColumnDiagnostic } from './personal-data.js';
import { columnOf, LOG_COLUMNS, REQUIRED_COLUMNS, unknownColumnMessage, type LogColumn } from './log-columns.js';

/** Largest YAML log read (2 MiB, about 19,000 events, read in some 220 MB); CSV logs have no limit. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;

/** One given field of an event. */
export interface YamlCell {
  /** The value as written (numbers as in the source: 007 stays "007"); undefined when null or empty. */
  readonly value: string | undefined;
  readonly position: Position;
}

/** What the YAML gives for the common checks. */
export interface YamlRow {
  readonly position: Position;
  readonly cells: ReadonlyMap<LogColumn, YamlCell>;
  readonly broken: boolean;
}

/** Callbacks of {@link readYamlLog}. */
export interface YamlSink {
  privacy(d: Diagnostic): void;
  error(d: Diagnostic): void;
  row(row: YamlRow): void;
  /** True when any privacy problem was reported: rows are then not read. */
  refused(): boolean;
}

const err = (file: string, position: Position, rule: string, message: string): Diagnostic => ({ file, position, severity: 'error', rule, message });

/** "key "child"" for a plain key, "a key" otherwise. */
const keyLabel = (key: unknown): string => (typeof key === 'string' && (LOG_COLUMNS as readonly string[]).includes(key) ? msg('privacy.key', { name: key }) : msg('privacy.a-key'));

/**
 * Reads YAML log text: privacy first over every scalar (keys too), both as
 * written and as YAML decodes it (so "\x30…" escapes, folded lines and
 * numbers are seen), then each event.
 */
export function readYamlLog(file: string, text: string, sink: YamlSink): void {
  let source: ReturnType<typeof parseSource>;
  try {
    source = parseSource(file, text);
  } catch (e) {
    // Too many aliases (an alias bomb) make YAML throw while building the value.
    sink.error(err(file, { line: 1, column: 1 }, 'yaml/alias', `the YAML log cannot be read: ${e instanceof Error && /alias/i.test(e.message) ? 'it uses too many aliases (*name); write each event out in full' : 'it is not valid YAML'}`));
    return;
  }
  for (const d of source.diagnostics) if (d.severity === 'error') sink.error(d);
  const pos = (node: Node | null | undefined): Position => (node?.range ? linePos(source.lines, node.range[0]) : { line: 1, column: 1 });

  const keys = new Set<Scalar>();
  const valueKey = new Map<Node, string>();
  visit(source.doc, {
    Pair(_k, pair) {
      if (isScalar(pair.key)) {
        keys.add(pair.key);
        if (pair.value && typeof pair.key.value === 'string') valueKey.set(pair.value as Node, pair.key.value);
        const name = pair.key.value;
        if (typeof name === 'string' && !looksLikeIin(name) && isNameColumn(name, LOG_COLUMNS)) sink.privacy(nameColumnDiagnostic(file, pos(pair.key), 'key', keyLabel(name)));
      }
    },
    Scalar(_k, node) {
      if (!node.range) return;
      const raw = text.slice(node.range[0], node.range[1]);
      const decoded = node.value === null || node.value === undefined ? '' : String(node.value);
      if (!looksLikeIin(raw) && !looksLikeIin(decoded)) return;
      const key = valueKey.get(node);
      const where = keys.has(node) ? msg('privacy.a-key') : key !== undefined && (LOG_COLUMNS as readonly string[]).includes(key) ? msg('privacy.value-of', { name: key }) : msg('privacy.a-value');
      sink.privacy(iinDiagnostic(file, pos(node), where));
    },
  });
  if (sink.refused() || source.value === undefined) return;

  const contents = source.doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    sink.error(err(file, { line: 1, column: 1 }, 'log/empty', 'the referral log is empty: write a list of events, each "- place: …" with offered, category, child and taken or lapsed'));
    return;
  }
  if (!isSeq(contents)) {
    sink.error(err(file, pos(contents), 'log/shape', 'a referral log in YAML is a list of events, each starting with "- place: …"'));
    return;
  }
  for (const item of contents.items) {
    const node = item as Node | null;
    if (!isMap(node)) {
      sink.error(err(file, pos(node), 'log/shape', 'each event must be a mapping of place, offered, category, child and taken or lapsed'));
      continue;
    }
    let broken = false;
    const cells = new Map<LogColumn, YamlCell>();
    for (const pair of node.items as Pair<Node | null, Node | null>[]) {
      if (!isPair(pair) || !isScalar(pair.key)) {
        sink.error(err(file, pos(pair.key), 'log/shape', 'a key of an event must be a plain name such as place or offered'));
        broken = true;
        continue;
      }
      const name = String(pair.key.value);
      const column = columnOf(name);
      if (!column) {
        sink.error(err(file, pos(pair.key), 'log/unknown-column', unknownColumnMessage(name, 'key')));
        broken = true;
        continue;
      }
      const value = pair.value;
      if (value !== null && !isScalar(value)) {
        sink.error(err(file, pos(value), 'log/shape', `"${column}" must be a single value (an id or a date written YYYY-MM-DD), not a list or mapping`));
        broken = true;
        continue;
      }
      const v = value?.value;
      // Numbers and booleans as written: place 007 stays "007".
      const str = v === null || v === undefined ? undefined : typeof v === 'string' ? v.trim() : (value!.source ?? String(v)).trim();
      cells.set(column, { value: str || undefined, position: value?.range ? pos(value) : pos(pair.key) });
    }
    const missing = REQUIRED_COLUMNS.filter((c) => !cells.has(c));
    if (missing.length) {
      sink.error(err(file, pos(node), 'log/missing-column', msg('log.event-missing', { missing: missing.map((c) => msg('log.quote', { name: c })).join(', '), required: REQUIRED_COLUMNS.join(', ') })));
      broken = true;
    }
    sink.row({ position: pos(node), cells, broken });
  }
}
