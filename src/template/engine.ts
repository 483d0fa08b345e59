/**
 * The Handlebars environment: finds a template by language and name along a
 * search path of template folders (an organisation's first, hattama's
 * built-in last), registers partials and helpers, and renders a meeting to
 * markup. Compiled templates are cached per process.
 */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import Handlebars from 'handlebars';
import type { Meeting } from '../model/meeting.js';
import { packageRoot } from '../util/paths.js';
import { loadLocale, formatDate, formatDateWith, type Locale } from './locale.js';
import { layoutFor, resolveHeadings, resolveLayout, type LayoutOverrides } from './layout.js';
import { decline, GrammarError, KAZAKH_CASES, type KazakhCase } from '../grammar/index.js';
import { richTextMarkup } from './rich-text.js';
import { precompiledTemplate } from '../util/precompiled.js';
import { minutesRuleSet, RULES_FILE } from '../referral/rules.js';
import { closest } from '../util/suggest.js';
import { msg } from '../messages/index.js';

/** hattama's own templates. */
export const BUILTIN_TEMPLATES = join(packageRoot, 'templates');

/** The template every body falls back to when it has no template of its own. */
export const DEFAULT_TEMPLATE = 'minutes';

/** Options every template is compiled with (scripts/build.mjs precompiles with the same). */
export const COMPILE_OPTIONS = { strict: false, preventIndent: true } as const;

/** A partial's text as compiled: its file's final newline is not part of its output ("name – position;", not "position ;"). */
export const partialSource = (fileText: string): string => fileText.replace(/\r?\n$/, '');

/** Compiles a template, from the build's precompiled spec when it has this exact text. */
function compileWith(hbs: typeof Handlebars, source: string): HandlebarsTemplateDelegate {
  const spec = precompiledTemplate(source);
  // The spec is code Handlebars.precompile generated at build time from this same text.
  if (spec) return hbs.template(new Function(`return ${spec}`)() as TemplateSpecification);
  return hbs.compile(source, COMPILE_OPTIONS);
}

/** A template failed to load or render. */
export class TemplateError extends Error {
  constructor(message: string, readonly file: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** A template ready to render, and every file it was built from (for change tracking). */
export interface CompiledTemplate {
  readonly file: string;
  readonly files: readonly string[];
  readonly locale: Locale;
  /**
   * Renders a meeting. Templates see its fields, `locale`, the body's `words`,
   * the `layout` settings (templates/layout.yaml with the organisation's
   * `layout:` over it) and the `headings` they choose.
   */
  render(meeting: Meeting, layout?: LayoutOverrides): string;
  /** Renders any other data, such as a referral report (templates see its fields and `locale`). */
  renderData(data: Readonly<Record<string, unknown>>): string;
}

const cache = new Map<string, { template: CompiledTemplate; stamps: number[] }>();

/** No template answers a record's language or its explicit `template:` name. */
export class TemplateNotFoundError extends Error {
  constructor(
    message: string,
    /** Which record key is to blame. */
    readonly key: 'language' | 'template',
  ) {
    super(message);
    this.name = 'TemplateNotFoundError';
  }
}

/**
 * The template file for a language and name: `<dir>/<lang>/<name>.hbs` in the
 * first folder that has it, else the general `minutes.hbs` — unless the record
 * named the template itself (`explicit`), which then must exist.
 * @throws TemplateNotFoundError
 */
export function resolveTemplateFile(lang: string, name: string, dirs: readonly string[] = [], explicit = false): string {
  const search = [...dirs, BUILTIN_TEMPLATES];
  if (!search.some((d) => existsSync(join(d, lang)))) {
    throw new TemplateNotFoundError(msg('render.no-language-templates', { lang }), 'language');
  }
  const names = explicit ? [name] : [name, DEFAULT_TEMPLATE];
  const file = names.flatMap((n) => search.map((d) => join(d, lang, `${n}.hbs`))).find((f) => existsSync(f));
  if (!file) {
    const available = [...new Set(search.flatMap((d) => (existsSync(join(d, lang)) ? readdirSync(join(d, lang)) : [])).filter((f) => f.endsWith('.hbs')).map((f) => basename(f, '.hbs')))].sort();
    const hint = closest(name, available);
    throw new TemplateNotFoundError(
      hint ? msg('render.no-template-hint', { name, lang, hint }) : msg('render.no-template', { name, lang }),
      explicit ? 'template' : 'language',
    );
  }
  return file;
}

/**
 * Loads the template for a language and name. `dirs` lists template folders
 * by priority (first wins); the built-in folder is always searched last.
 * Cached per process, and reloaded when one of its files changes.
 * @throws TemplateNotFoundError, or TemplateError naming the file at fault
 */
export function loadTemplate(lang: string, name: string, dirs: readonly string[] = [], explicit = false): CompiledTemplate {
  const search = [...dirs, BUILTIN_TEMPLATES];
  const key = `${search.join('\0')}\0${lang}\0${name}\0${explicit}`;
  const hit = cache.get(key);
  if (hit && unchanged(hit)) return hit.template;

  const file = resolveTemplateFile(lang, name, dirs, explicit);
  const hbs = Handlebars.create();
  const files = [file];
  let current = file;
  try {
    // Partials: built-in first, then each organisation folder overriding by name;
    // in each folder, the ones for every language (partials/) before the language's own (<lang>/partials/).
    for (const dir of [...search].reverse()) {
      for (const pdir of [join(dir, 'partials'), join(dir, lang, 'partials')]) {
        if (!existsSync(pdir)) continue;
        for (const entry of readdirSync(pdir).filter((f) => f.endsWith('.hbs')).sort()) {
          current = join(pdir, entry);
          files.push(current);
          hbs.registerPartial(basename(entry, '.hbs'), compileWith(hbs, partialSource(readFileSync(current, 'utf8'))));
        }
      }
    }
    // Locale: built-in first, organisation folders override key by key.
    current = join(search[0]!, lang, 'locale.yaml');
    const { locale, files: localeFiles } = loadLocale([...search].reverse(), lang);
    files.push(...localeFiles, RULES_FILE);
    registerHelpers(hbs, locale);
    current = file;
    const compiled = compileWith(hbs, readFileSync(file, 'utf8'));
    const template: CompiledTemplate = {
      file,
      files,
      locale,
      render(meeting, overrides) {
        const settings = layoutFor(overrides, meeting.body);
        try {
          const headings = resolveHeadings(settings, locale.headings, meeting.language);
          return compiled({ ...meeting, words: locale.bodies[meeting.body] ?? {}, layout: resolveLayout(settings, meeting), headings, locale });
        } catch (err) {
          // A form no grammar rule gives is the record's to fix: the caller places it there.
          if (err instanceof GrammarError) throw err;
          throw new TemplateError((err as Error).message, file);
        }
      },
      renderData(data) {
        try {
          return compiled({ ...data, locale });
        } catch (err) {
          throw new TemplateError((err as Error).message, file);
        }
      },
    };
    cache.set(key, { template, stamps: files.map(mtimeOf) });
    return template;
  } catch (err) {
    if (err instanceof TemplateError) throw err;
    throw new TemplateError((err as Error).message.split('\n')[0]!, current);
  }
}

const mtimeOf = (f: string): number => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const unchanged = (entry: { template: CompiledTemplate; stamps: number[] }): boolean => entry.template.files.every((f, i) => mtimeOf(f) === entry.stamps[i]);

/**
 * A case form for a template: of a text, or of the organisation (its name,
 * or for the locative its `name_locative`). A failure names the record field.
 * @throws GrammarError
 */
function caseOf(subject: unknown, kase: KazakhCase): string {
  if (typeof subject === 'object' && subject !== null && 'name' in subject) {
    const org = subject as Meeting['organisation'];
    if (kase === 'locative' && org.nameLocative !== undefined) return org.nameLocative;
    try {
      return decline(org.name, kase);
    } catch (err) {
      if (err instanceof GrammarError) throw new GrammarError(kase, err.reason, err.text, ['organisation', 'name']);
      throw err;
    }
  }
  return decline(String(subject ?? ''), kase);
}

type HelperOptions = Handlebars.HelperOptions;
const isOptions = (v: unknown): v is HelperOptions => typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;

function registerHelpers(hbs: typeof Handlebars, locale: Locale): void {
  /** {{date iso}} or {{date iso "long"}}: a date in one of the locale's formats. */
  hbs.registerHelper('date', (iso: unknown, format: unknown) =>
    formatDate(locale, String(iso), isOptions(format) ? undefined : String(format)),
  );
  /** {{styledDate iso "long"}}: a date in one of the locale's `date_styles` (the layout's `date`, `deadline`). */
  hbs.registerHelper('styledDate', (iso: unknown, style: unknown) => {
    const name = isOptions(style) ? 'numeric' : String(style);
    const pattern = locale.date_styles[name];
    if (pattern === undefined) throw new Error(`unknown date style "${name}"; the locale has: ${Object.keys(locale.date_styles).join(', ')}`);
    return formatDateWith(locale, String(iso), pattern);
  });
  /**
   * {{upper text}} or {{#upper}}…{{/upper}}: upper case by the language's
   * rules («і» → «І»). Only text is changed, never the markup's escapes.
   * `when=false` leaves the text as it is, for settings such as `title_case`.
   */
  hbs.registerHelper('upper', function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as HelperOptions;
    const content = options.fn ? options.fn(this) : hbs.escapeExpression(String(args[0] ?? ''));
    if (options.hash['when'] === false) return new hbs.SafeString(content);
    return new hbs.SafeString(content.replace(/(&[#\w]+;|<[^>]*>)|[^&<]+/g, (part, kept: string | undefined) => kept ?? part.toLocaleUpperCase(locale.lang)));
  });
  /**
   * {{fill pattern number=2 ordinal="екінші"}}: a locale text with its {name}
   * placeholders filled; {Name} gives the value with a capital first letter.
   */
  hbs.registerHelper('fill', (pattern: unknown, options: HelperOptions) => {
    const values = options.hash as Record<string, unknown>;
    return String(pattern ?? '').replace(/\{(\w+)\}/g, (all, key: string) => {
      const value = values[key] ?? values[key.charAt(0).toLowerCase() + key.slice(1)];
      if (value === undefined) return all;
      const text = String(value);
      return key.charAt(0) === key.charAt(0).toUpperCase() ? text.charAt(0).toLocaleUpperCase(locale.lang) + text.slice(1) : text;
    });
  });
  /**
   * {{locative organisation}}: the organisation's name in the locative
   * ("…балабақшасында"), or its `name_locative` when the record gives one.
   * Any text works too: {{locative "Алматы"}}.
   */
  hbs.registerHelper('locative', (subject: unknown) => caseOf(subject, 'locative'));
  /** {{case text "ablative"}}: any text (or the organisation) in any case, declined on its last word. */
  hbs.registerHelper('case', (subject: unknown, kase: unknown) => {
    if (typeof kase !== 'string' || !KAZAKH_CASES.includes(kase as KazakhCase)) {
      throw new Error(`{{case}} needs one of ${KAZAKH_CASES.map((k) => `"${k}"`).join(', ')} as its second argument`);
    }
    return caseOf(subject, kase as KazakhCase);
  });
  /** {{rich text lead="…"}}: record text as paragraphs and lists. */
  hbs.registerHelper('rich', (text: unknown, options: HelperOptions) => {
    const lead = options.hash['lead'] as string | undefined;
    return new hbs.SafeString(richTextMarkup(String(text ?? ''), lead || undefined));
  });
  /** (join a b sep=", " end=":"): the non-empty values joined; "" when all are empty. */
  hbs.registerHelper('join', (...args: unknown[]) => {
    const options = args.pop() as HelperOptions;
    const values = args.filter((v) => v !== undefined && v !== null && v !== '').map(String);
    if (!values.length) return '';
    return values.join(String(options.hash['sep'] ?? ' ')) + String(options.hash['end'] ?? '');
  });
  /** {{capitalise s}} or {{#capitalise}}…{{/capitalise}}: first letter upper-case. */
  hbs.registerHelper('capitalise', function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as HelperOptions;
    if (!options.fn) {
      const str = String(args[0] ?? '');
      return str.charAt(0).toLocaleUpperCase(locale.lang) + str.slice(1);
    }
    const content = options.fn(this);
    return new hbs.SafeString(content.charAt(0).toLocaleUpperCase(locale.lang) + content.slice(1));
  });
  /**
   * {{ordinal 2}}: the ordinal word from the locale ("екінші"), or "" past its
   * list (templates then print the number: `headings.item_numeric`);
   * {{ordinal 2 "dative"}} reads `ordinals_dative` ("второму").
   */
  hbs.registerHelper('ordinal', (n: unknown, form: unknown) => {
    const list = isOptions(form) ? locale.ordinals : (locale[`ordinals_${String(form)}`] as readonly string[] | undefined) ?? locale.ordinals;
    return list[Number(n) - 1] ?? '';
  });
  /** (withoutDot text): the text without one final full stop, to put a bracket before it. */
  hbs.registerHelper('withoutDot', (text: unknown) => String(text ?? '').replace(/\.$/, ''));  /**
   * {{plural n one="человек" few="человека" many="человек"}}: the form for n by the
   * language's plural rules (Intl.PluralRules); `other` is the fallback.
   */
  // Made on first use: a compiled template may be kept in the start-up snapshot, which cannot hold Intl objects.
  let pluralRules: Intl.PluralRules | undefined;
  hbs.registerHelper('plural', (n: unknown, options: HelperOptions) => {
    const forms = options.hash as Record<string, string | undefined>;
    return forms[(pluralRules ??= new Intl.PluralRules(locale.lang)).select(Number(n))] ?? forms['other'] ?? '';
  });
  /** (referralRules date): the referral rule set in force on an ISO date, unconfirmed items marked as minutes show them (data/referral-rules.yaml). */
  hbs.registerHelper('referralRules', (date: unknown) => minutesRuleSet(String(date)));
  /**
   * {{dot text}} or {{#dot}}…{{/dot}}: the text with a full stop at the end
   * unless it already ends a sentence — so "Аметов Е.Д." never becomes "Е.Д..".
   */
  hbs.registerHelper('dot', function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as HelperOptions;
    const content = options.fn ? options.fn(this) : hbs.escapeExpression(String(args[0] ?? ''));
    const trimmed = content.trimEnd();
    return new hbs.SafeString(trimmed === '' || /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`);
  });
  /** (or a b …): the first truthy value. */
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).find(Boolean) ?? false);
  /** (and a b …): true when every value is truthy. */
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  /** (not a): true when the value is falsy. */
  hbs.registerHelper('not', (a: unknown) => !a);
  /** (eq a b): strict equality, for {{#if (eq kind "chair")}}. */
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}
