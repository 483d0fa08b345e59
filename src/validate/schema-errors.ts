import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../parse/diagnostic.js';
import { keyPositionOf, pointerSegments, positionOf, type SourceFile } from '../parse/source.js';
import { closest } from '../util/suggest.js';
import { ISO_DATE } from '../util/dates.js';
import { LIMITS } from '../parse/limits.js';
import { currentLanguage, msg } from '../messages/index.js';

/** What a JSON Schema type is called for someone writing YAML (schema.type.object …). */
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']);
const typeWord = (t: string): string => (TYPES.has(t) ? msg(`schema.type.${t}`) : t);

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return msg('schema.value.empty');
  if (Array.isArray(v)) return msg('schema.value.list');
  if (typeof v === 'object') return msg('schema.value.mapping');
  if (typeof v === 'number') return msg('schema.value.number', { value: v });
  if (typeof v === 'boolean') return `${v}`;
  return msg('schema.value.text', { text: String(v).slice(0, 40) });
}

/** Catalogue keys of the limit keywords (each takes {where} and {limit}). */
const LIMIT_MESSAGES: Readonly<Record<string, string>> = {
  maximum: 'schema.maximum',
  exclusiveMinimum: 'schema.exclusiveMinimum',
  maxLength: 'schema.maxLength',
  maxItems: 'schema.maxItems',
  minProperties: 'schema.minProperties',
};

/** Alternatives joined with the language's "or": "a" or "b". */
const either = (items: readonly string[]): string => items.join(` ${msg('schema.or')} `);

/** The half of a bilingual "kk / en" schema description in the message language: Kazakh for kk, English otherwise. */
function describe(description: unknown): string | undefined {
  if (typeof description !== 'string') return undefined;
  const i = description.lastIndexOf(' / ');
  const half = i < 0 ? description : currentLanguage() === 'kk' ? description.slice(0, i) : description.slice(i + 3);
  return half.replace(/\.$/, '');
}

/** A path as a user reads it: agenda[1].heard.text */
export function displayPath(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${Number(s) + 1}]` : out ? `.${s}` : s;
  return out || msg('schema.the-record');
}

type Schemaish = { properties?: Record<string, { description?: string; $ref?: string }>; anyOf?: { required?: string[] }[] };

/**
 * Turns ajv's errors into one clear diagnostic each, placed at the offending
 * YAML node: the value for type/format errors, the key for unknown keys, the
 * enclosing key for missing ones. Redundant errors (anyOf branches, union
 * types reported twice) are folded.
 */
export function schemaDiagnostics(source: SourceFile, errors: readonly ErrorObject[], prefix: readonly string[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // A misspelt key shows up twice: as unknown, and as the key it should have been
  // missing. Keep only the unknown key with its hint.
  const hinted = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const allowed = Object.keys((e.parentSchema as Schemaish | undefined)?.properties ?? {});
    const hint = closest((e.params as { additionalProperty: string }).additionalProperty, allowed);
    if (hint) hinted.add(`${e.instancePath}|${hint}`);
  }
  const isHinted = (e: ErrorObject): boolean => {
    if (e.keyword === 'required') return hinted.has(`${e.instancePath}|${(e.params as { missingProperty: string }).missingProperty}`);
    if (e.keyword === 'anyOf') {
      const alts = ((e.parentSchema as Schemaish | undefined)?.anyOf ?? []).flatMap((s) => s.required ?? []);
      return alts.some((a) => hinted.has(`${e.instancePath}|${a}`));
    }
    return false;
  };
  // The anyOf schema paths failing at each instance path (a map, so a list of 100,000 bad items stays linear).
  const anyOfAt = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword === 'anyOf') anyOfAt.set(e.instancePath, [...(anyOfAt.get(e.instancePath) ?? []), e.schemaPath.replace(/\/anyOf$/, '')]);
  }
  for (const e of errors) {
    // Branch errors under an anyOf are replaced by the anyOf's own message.
    const underAnyOf = e.keyword !== 'anyOf' && (anyOfAt.get(e.instancePath) ?? []).some((sp) => e.schemaPath.startsWith(sp + '/anyOf/'));
    if (underAnyOf || isHinted(e)) continue;
    if (out.length >= LIMITS.maxSchemaDiagnostics) {
      out.push({
        file: source.file,
        position: positionOf(source, [...prefix, ...pointerSegments(e.instancePath)]),
        severity: 'error',
        rule: 'limit/diagnostics',
        message: msg('schema.too-many', { n: LIMITS.maxSchemaDiagnostics }),
      });
      break;
    }
    const d = toDiagnostic(source, e, prefix);
    const key = `${d.position?.line}:${d.position?.column}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function toDiagnostic(source: SourceFile, e: ErrorObject, prefix: readonly string[]): Diagnostic {
  const segs = [...prefix, ...pointerSegments(e.instancePath)];
  const where = displayPath(segs);
  const base = { file: source.file, severity: 'error' as const };
  const parent = e.parentSchema as Schemaish | undefined;
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const what = describe(parent?.properties?.[missing]?.description);
      return {
        ...base,
        rule: 'schema/required',
        position: segs.length ? keyPositionOf(source, segs) : positionOf(source, segs),
        message: `${segs.length ? where + ': ' : ''}${msg('schema.required', { key: missing })}${what ? ` — ${what}` : ''}`,
      };
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(parent?.properties ?? {});
      const hint = closest(extra, allowed);
      return {
        ...base,
        rule: 'schema/unknown-key',
        position: keyPositionOf(source, [...segs, extra]),
        message:
          (segs.length ? msg('schema.unknown-key-in', { key: extra, where }) : msg('schema.unknown-key', { key: extra })) +
          (hint ? ` — ${msg('schema.did-you-mean', { hint })}` : allowed.length ? `; ${msg('schema.allowed-keys', { keys: allowed.join(', ') })}` : ''),
      };
    }
    case 'anyOf': {
      const alternatives = (parent?.anyOf ?? []).flatMap((s) => s.required ?? []);
      return {
        ...base,
        rule: 'schema/one-of-keys',
        position: segs.length ? keyPositionOf(source, segs) : positionOf(source, segs),
        message: alternatives.length
          ? msg('schema.needs-one-of', { where, keys: either(alternatives.map((a) => `"${a}"`)) })
          : msg('schema.no-form', { where }),
      };
    }
    case 'type': {
      const t = (e.params as { type: string | string[] }).type;
      const want = either((Array.isArray(t) ? t : String(t).split(',')).map(typeWord));
      return { ...base, rule: 'schema/type', position: positionOf(source, segs), message: msg('schema.type', { where, want, got: describeValue(e.data) }) };
    }
    case 'const':
      return {
        ...base,
        rule: 'schema/const',
        position: positionOf(source, segs),
        message: msg('schema.const', { where, value: JSON.stringify((e.params as { allowedValue: unknown }).allowedValue) }),
      };
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const hint = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
      return {
        ...base,
        rule: 'schema/enum',
        position: positionOf(source, segs),
        message: hint ? msg('schema.enum-hint', { where, got: describeValue(e.data), hint }) : msg('schema.enum', { where, got: describeValue(e.data), allowed: allowed.join(', ') }),
      };
    }
    case 'format':
      return {
        ...base,
        rule: 'schema/date',
        position: positionOf(source, segs),
        message: ISO_DATE.test(String(e.data))
          ? msg('schema.not-real-date', { where, value: String(e.data) })
          : msg('schema.date-format', { where, got: describeValue(e.data) }),
      };
    case 'pattern': {
      const pattern = (e.params as { pattern: string }).pattern;
      const text = String(e.data);
      const message = !/\S/.test(text)
        ? msg('schema.blank', { where })
        : pattern.includes(':[0-5]')
          ? msg('schema.time', { where })
          : pattern.startsWith('^(?!')
            ? msg('schema.one-paragraph', { where })
            : text.includes('\n')
              ? msg('schema.single-line', { where })
              : msg('schema.pattern', { where, pattern });
      return { ...base, rule: 'schema/pattern', position: positionOf(source, segs), message };
    }
    case 'minLength':
      return { ...base, rule: 'schema/empty', position: positionOf(source, segs), message: msg('schema.empty', { where }) };
    case 'minItems':
      return { ...base, rule: 'schema/empty', position: positionOf(source, segs), message: msg('schema.min-items', { where, n: (e.params as { limit: number }).limit }) };
    case 'minimum':
      return { ...base, rule: 'schema/minimum', position: positionOf(source, segs), message: msg('schema.minimum', { where, limit: (e.params as { limit: number }).limit }) };
    case 'maximum':
    case 'exclusiveMinimum':
    case 'maxLength':
    case 'maxItems':
    case 'minProperties':
      return { ...base, rule: `schema/${e.keyword}`, position: positionOf(source, segs), message: msg(LIMIT_MESSAGES[e.keyword]!, { where, limit: (e.params as { limit: number }).limit }) };
    default:
      return { ...base, rule: `schema/${e.keyword}`, position: positionOf(source, segs), message: msg('schema.invalid', { where, keyword: e.keyword }) };
  }
}
