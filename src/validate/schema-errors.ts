import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../parse/diagnostic.js';
import { keyPositionOf, pointerSegments, positionOf, type SourceFile } from '../parse/source.js';
import { closest } from '../util/suggest.js';
import { ISO_DATE } from '../util/dates.js';
import { LIMITS } from '../parse/limits.js';

/** What a JSON Schema type is called for someone writing YAML. */
const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list (lines starting with "- ")',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  return `the text "${String(v).slice(0, 40)}"`;
}

/** The English half of a bilingual "kk / en" schema description. */
function english(description: unknown): string | undefined {
  if (typeof description !== 'string') return undefined;
  const i = description.lastIndexOf(' / ');
  return (i >= 0 ? description.slice(i + 3) : description).replace(/\.$/, '');
}

/** A path as a user reads it: agenda[1].heard.text */
export function displayPath(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${Number(s) + 1}]` : out ? `.${s}` : s;
  return out || 'the record';
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
        message: `more problems from here on are not listed (only the first ${LIMITS.maxSchemaDiagnostics} are); fix these and check again`,
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
      const what = english(parent?.properties?.[missing]?.description);
      return {
        ...base,
        rule: 'schema/required',
        position: segs.length ? keyPositionOf(source, segs) : positionOf(source, segs),
        message: `${segs.length ? where + ': ' : ''}missing required key "${missing}"${what ? ` — ${what}` : ''}`,
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
          `unknown key "${extra}"${segs.length ? ` in ${where}` : ''}` +
          (hint ? ` — did you mean "${hint}"?` : allowed.length ? `; allowed keys: ${allowed.join(', ')}` : ''),
      };
    }
    case 'anyOf': {
      const alternatives = (parent?.anyOf ?? []).flatMap((s) => s.required ?? []);
      return {
        ...base,
        rule: 'schema/one-of-keys',
        position: segs.length ? keyPositionOf(source, segs) : positionOf(source, segs),
        message: alternatives.length
          ? `${where} needs ${alternatives.map((a) => `"${a}"`).join(' or ')}`
          : `${where} does not match any allowed form`,
      };
    }
    case 'type': {
      const t = (e.params as { type: string | string[] }).type;
      const want = (Array.isArray(t) ? t : String(t).split(','))
        .map((x) => TYPE_WORDS[x] ?? x)
        .join(' or ');
      return { ...base, rule: 'schema/type', position: positionOf(source, segs), message: `${where} must be ${want}, not ${describeValue(e.data)}` };
    }
    case 'const':
      return {
        ...base,
        rule: 'schema/const',
        position: positionOf(source, segs),
        message: `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`,
      };
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const hint = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
      return {
        ...base,
        rule: 'schema/enum',
        position: positionOf(source, segs),
        message: `${where} is ${describeValue(e.data)}${hint ? ` — did you mean "${hint}"?` : `; it must be one of: ${allowed.join(', ')}`}`,
      };
    }
    case 'format':
      return {
        ...base,
        rule: 'schema/date',
        position: positionOf(source, segs),
        message: ISO_DATE.test(String(e.data))
          ? `${where} "${String(e.data)}" is not a real calendar date`
          : `${where} must be a date written YYYY-MM-DD (e.g. 2025-12-25), not ${describeValue(e.data)}`,
      };
    case 'pattern': {
      const pattern = (e.params as { pattern: string }).pattern;
      const text = String(e.data);
      const message = !/\S/.test(text)
        ? `${where} must not be blank`
        : pattern.includes(':[0-5]')
          ? `${where} must be a time written HH:MM (e.g. 15:00)`
          : pattern.startsWith('^(?!')
            ? `${where} must be one paragraph, without blank lines`
            : text.includes('\n')
              ? `${where} must be a single line of text`
              : `${where} must match ${pattern}`;
      return { ...base, rule: 'schema/pattern', position: positionOf(source, segs), message };
    }
    case 'minLength':
      return { ...base, rule: 'schema/empty', position: positionOf(source, segs), message: `${where} must not be empty` };
    case 'minItems':
      return { ...base, rule: 'schema/empty', position: positionOf(source, segs), message: `${where} needs at least ${(e.params as { limit: number }).limit} item(s)` };
    case 'minimum':
      return { ...base, rule: 'schema/minimum', position: positionOf(source, segs), message: `${where} must be at least ${(e.params as { limit: number }).limit}` };
    default:
      return { ...base, rule: `schema/${e.keyword}`, position: positionOf(source, segs), message: `${where} ${e.message ?? 'is invalid'}` };
  }
}
