/**
 * The board-report section on kindergarten referrals: an {@link Audit} made
 * into a document through the `referral-report` template (Kazakh or
 * Russian), then into DOCX and PDF bytes. All wording is in
 * `templates/<lang>/referral-report.hbs`; this module passes ids, numbers and
 * ISO dates only. Nothing is written to disk here.
 */
import type { DocumentModel } from '../document/blocks.js';
import { parseMarkup } from '../document/markup.js';
import { documentDate, type Format } from '../render/render.js';
import type { StyleProfile } from '../style/profile.js';
import { loadTemplate } from '../template/engine.js';
import { formatDate, type Locale } from '../template/locale.js';
import type { Audit, BreachKind, CategoryKind } from './audit.js';
import { markUnconfirmed, type Bilingual, type MarkedRuleSet, type Period, type RuleSet, type UnconfirmedKind } from './rules.js';

/** The template's name: `templates/<lang>/referral-report.hbs`. */
export const REPORT_TEMPLATE = 'referral-report';

/** Languages the report is written in. */
export type ReportLanguage = 'kk' | 'ru';

/** What the report needs besides the audit. */
export interface ReportOptions {
  readonly lang: ReportLanguage;
  /** The organisation's name (hattama.yaml `defaults.organisation.name`), shown above the title. */
  readonly organisation?: string;
  /** An organisation's template folders, searched before the built-in one. */
  readonly templateDirs?: readonly string[];
  /** For the document date: SOURCE_DATE_EPOCH when set, else the period's last day at 00:00 UTC. */
  readonly env?: NodeJS.ProcessEnv;
}

/** A category as the template shows it: by kind, the names of a privileged one, the id of an unknown one. */
export interface ReportCategory {
  readonly id: string;
  readonly kind: CategoryKind;
  readonly names?: Bilingual;
}

/** What the template receives (besides `locale`). Dates are ISO; medians are already formatted for the language. */
export interface ReportView {
  readonly from: string;
  readonly to: string;
  readonly organisation?: string;
  /** True when no event was offered in the period. */
  readonly empty: boolean;
  /** The rule sets applied, each with its unconfirmed items marked (see {@link markUnconfirmed}) and `starts`, the date it applies from in words. */
  readonly ruleSets: readonly (MarkedRuleSet & { readonly starts: string })[];
  readonly categories: readonly (ReportCategory & {
    readonly n: number;
    readonly offered: number;
    readonly taken: number;
    readonly lapsed: number;
    readonly open: number;
    readonly median?: string;
  })[];
  readonly totals: { readonly offered: number; readonly taken: number; readonly lapsed: number; readonly open: number; readonly median?: string };
  readonly handOvers: readonly {
    readonly n: number;
    readonly place: string;
    readonly child: string;
    readonly offered: string;
    /** The last day of the hand-over period. */
    readonly deadline: string;
    /** The day the place passed to the general queue. */
    readonly passesOn: string;
    readonly taken: string;
    readonly workingDays: number;
  }[];
  readonly breaches: readonly {
    readonly n: number;
    readonly kind: BreachKind;
    readonly place: string;
    readonly child: string;
    readonly category: ReportCategory;
    readonly offered: string;
    readonly taken?: string;
    readonly lapsed?: string;
    readonly windowCloses: string;
    readonly deadline: string;
    readonly passesOn: string;
    readonly workingDaysLate?: number;
    readonly calendarDaysLate?: number;
    readonly rules: { readonly id: string; readonly title: Bilingual };
  }[];
  readonly breachCounts: { readonly total: number; readonly generalTooEarly: number; readonly takenLate: number; readonly unknownCategory: number };
  /** Set when a late taking falls under rules that allow an extension the log cannot show. */
  readonly extension?: { readonly title: Bilingual; readonly max_length: number; readonly unit: Period['unit']; readonly times: number };
}

/** The report's file name for a period and format: `referral-report-2026-01-01-2026-06-30.pdf`. */
export const reportFileName = (from: string, to: string, format: Format): string => `referral-report-${from}-${to}.${format}`;

/**
 * The date a rule set applies from, in the locale's `from` format: «2025 жылғы
 * 1 қыркүйектен» (kk, month in the ablative), «1 сентября 2025 года» (ru).
 */
export function startsFrom(locale: Locale, iso: string): string {
  return formatDate(locale, iso, 'from');
}

/** A rule set as the referral documents show it: unconfirmed items marked, and the date it applies from in words. */
export function ruleSetView(set: RuleSet, locale: Locale, only?: readonly UnconfirmedKind[]): MarkedRuleSet & { readonly starts: string } {
  return { ...markUnconfirmed(set, only), starts: startsFrom(locale, set.effective_from) };
}

/** What the report states of each rule set, so what it marks and notes. */
const REPORT_SHOWS: readonly UnconfirmedKind[] = ['effective-from', 'privileged-window', 'confirm', 'hand-over'];

/** The data the template renders. `locale` formats the medians (2,5 in kk and ru) and the rule sets' dates. */
export function reportView(audit: Audit, organisation: string | undefined, locale: Locale): ReportView {
  const number = new Intl.NumberFormat(locale.lang, { maximumFractionDigits: 1 });
  const fmt = (n: number | undefined): { median?: string } => (n === undefined ? {} : { median: number.format(n) });
  const categoryOf = (id: string, kind: CategoryKind): ReportCategory => {
    const names = kind === 'privileged' ? audit.categories.find((c) => c.id === id && c.kind === kind)?.names : undefined;
    return { id, kind, ...(names && { names }) };
  };
  const lateWithExtension = audit.breaches.find((b) => b.kind === 'taken-late' && b.rules.extension);
  const ext = lateWithExtension?.rules.extension;
  return {
    from: audit.from,
    to: audit.to,
    ...(organisation && { organisation }),
    empty: audit.totals.offered === 0,
    ruleSets: audit.ruleSets.map((s) => ruleSetView(s, locale, REPORT_SHOWS)),
    categories: audit.categories.map((c, i) => ({
      n: i + 1,
      ...categoryOf(c.id, c.kind),
      offered: c.offered,
      taken: c.taken,
      lapsed: c.lapsed,
      open: c.open,
      ...fmt(c.medianWorkingDays),
    })),
    totals: { offered: audit.totals.offered, taken: audit.totals.taken, lapsed: audit.totals.lapsed, open: audit.totals.open, ...fmt(audit.totals.medianWorkingDays) },
    handOvers: audit.handOvers.map((h, i) => ({
      n: i + 1,
      place: h.event.place,
      child: h.event.child,
      offered: h.event.offered,
      deadline: h.timeline.handOver.ends,
      passesOn: h.timeline.handOver.from,
      taken: h.event.taken,
      workingDays: h.workingDaysToTake,
    })),
    breaches: audit.breaches.map((b, i) => {
      return {
        n: i + 1,
        kind: b.kind,
        place: b.event.place,
        child: b.event.child,
        // Named as the rules in force on the offer date name it (a category's wording can differ between sets).
        category: ((): ReportCategory => {
          const own = b.categoryKind === 'privileged' ? b.rules.categories.find((c) => c.id === b.category) : undefined;
          return own ? { id: b.category, kind: b.categoryKind, names: { kk: own.kk, ru: own.ru } } : categoryOf(b.category, b.categoryKind);
        })(),
        offered: b.event.offered,
        ...(b.event.taken && { taken: b.event.taken }),
        ...(b.event.lapsed && { lapsed: b.event.lapsed }),
        windowCloses: b.timeline.privilegedWindow.closes,
        deadline: b.timeline.handOver.ends,
        passesOn: b.timeline.handOver.from,
        ...(b.workingDaysLate !== undefined && { workingDaysLate: b.workingDaysLate }),
        ...(b.calendarDaysLate !== undefined && { calendarDaysLate: b.calendarDaysLate }),
        rules: { id: b.rules.id, title: b.rules.title },
      };
    }),
    breachCounts: {
      total: audit.breaches.length,
      generalTooEarly: audit.breachCounts['general-too-early'],
      takenLate: audit.breachCounts['taken-late'],
      unknownCategory: audit.breachCounts['unknown-category'],
    },
    ...(lateWithExtension && ext && { extension: { title: lateWithExtension.rules.title, max_length: ext.max_length, unit: ext.unit, times: ext.times } }),
  };
}

/**
 * The report as a block document, stamped with the period's last day (or
 * SOURCE_DATE_EPOCH), so the same log gives the same bytes.
 * @throws TemplateNotFoundError, TemplateError or MarkupError when the template is at fault
 */
export function buildReportDocument(audit: Audit, options: ReportOptions): DocumentModel {
  const template = loadTemplate(options.lang, REPORT_TEMPLATE, options.templateDirs ?? [], true);
  const view = reportView(audit, options.organisation, template.locale);
  const parsed = parseMarkup(template.renderData(view as unknown as Record<string, unknown>));
  return { ...parsed, meta: { ...parsed.meta, date: documentDate(audit.to, options.env) } };
}

/** The document's bytes in each format asked for (writers loaded only when needed). */
export async function renderReport(doc: DocumentModel, formats: readonly Format[], style: StyleProfile): Promise<Map<Format, Uint8Array>> {
  const outputs = new Map<Format, Uint8Array>();
  for (const format of formats) {
    if (format === 'docx') {
      const { writeDocx } = await import('../writers/docx/index.js');
      outputs.set('docx', await writeDocx(doc, style));
    } else {
      const { writePdf, loadPdfFonts } = await import('../writers/pdf/index.js');
      outputs.set('pdf', await writePdf(doc, style, loadPdfFonts(style.font.pdf)));
    }
  }
  return outputs;
}
