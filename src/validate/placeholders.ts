/**
 * `rule/placeholder`: the values `hattama init` and `hattama new` write where
 * they do not know the real one («ҰЙЫМНЫҢ ТОЛЫҚ АТАУЫ»…), still in a record or
 * in hattama.yaml. A draft may hold them (a warning at each one); a record
 * marked signed may not (an error, so build fails it and seal refuses it).
 * The texts are read from templates/scaffold/placeholders.yaml, never listed here.
 */
import type { Diagnostic } from '../parse/diagnostic.js';
import { positionInValue, type SourceFile } from '../parse/source.js';
import { walkStrings, type DataPath } from '../util/walk.js';
import { allPlaceholders } from '../scaffold/templates.js';
import { msg } from '../messages/index.js';

let known: readonly string[] | undefined;
/** Every placeholder text (read once per process). */
const texts = (): readonly string[] => (known ??= allPlaceholders());

/**
 * A diagnostic at each placeholder among the strings of `value`, which sits at
 * `prefix` in `source`.
 * @param severity 'error' for a signed record, 'warning' otherwise
 * @param include which strings to look at (all by default)
 */
export function placeholderDiagnostics(
  source: SourceFile,
  value: unknown,
  severity: Diagnostic['severity'],
  prefix: readonly string[] = [],
  include: (path: DataPath, text: string) => boolean = () => true,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const all = texts();
  walkStrings(value, (text, path) => {
    // Every placeholder is in «»: a string without « holds none.
    if (!text.includes('«') || !include(path, text)) return;
    const segments = [...prefix, ...path.map(String)];
    for (const p of all) {
      for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + p.length)) {
        out.push({
          file: source.file,
          position: positionInValue(source, segments, at),
          severity,
          rule: 'rule/placeholder',
          message: msg(severity === 'error' ? 'validate.placeholder-signed' : 'validate.placeholder', { text: p }),
        });
      }
    }
  });
  return out;
}
