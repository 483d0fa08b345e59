import { dirname, join } from 'node:path';
import { configFor } from '../../config/load.js';
import { enterArchive, OUTPUT_DIR } from '../../archive/root.js';
import { MarkupError } from '../../document/markup.js';
import { hasErrors, type Diagnostic } from '../../parse/diagnostic.js';
import type { Format } from '../../render/render.js';
import { Auditor, BREACH_KINDS, type Audit } from '../../referral/audit.js';
import { loadCalendar } from '../../referral/calendar.js';
import { knownCategories, streamLog } from '../../referral/log.js';
import { buildReportDocument, renderReport, reportFileName, type ReportLanguage } from '../../referral/report.js';
import { ruleSets } from '../../referral/rules.js';
import { TemplateError, TemplateNotFoundError } from '../../template/engine.js';
import { DataFileError } from '../../validate/data-file.js';
import { EXIT, printDiagnostics, writeAndReport } from '../report.js';
import { msg } from '../../messages/index.js';

/** Options of `hattama referral report`. */
export interface ReferralReportOptions {
  /** First day of the period, ISO. */
  readonly from: string;
  /** Last day of the period, ISO. */
  readonly to: string;
  readonly format: readonly Format[];
  readonly lang: ReportLanguage;
  /** Output folder as typed; default out/ at the archive root. */
  readonly out?: string;
}

/**
 * `hattama referral report LOG --from D --to D`: audits a referral log and
 * writes the board-report section, `OUT/referral-report-FROM-TO.{docx,pdf}`.
 * A log with errors, or with anything that looks like personal data, is
 * refused and nothing is written (exit 1). Breaches are findings: exit 0.
 */
export async function referralReportCommand(typedLog: string, typedOptions: ReferralReportOptions): Promise<number> {
  // From any folder of the archive: default out/ at its root, paths printed from there.
  const place = enterArchive();
  const log = place.at(typedLog, typedLog);
  const options = { ...typedOptions, out: place.at(typedOptions.out, OUTPUT_DIR) };
  const { from, to } = options;
  if (from > to) {
    process.stderr.write(`${msg('cli.error.prefix')}: ${msg('referral.from-after-to', { from, to })}\n`);
    return EXIT.usage;
  }

  // Everything read from data/ first, so the log is read once, as a stream, straight into the audit.
  let auditor: Auditor;
  let categories: string[];
  try {
    const sets = ruleSets();
    categories = knownCategories(sets);
    auditor = new Auditor({ from, to, ruleSets: sets, calendar: loadCalendar() });
  } catch (err) {
    if (!(err instanceof DataFileError)) throw err;
    printDiagnostics(err.diagnostics);
    return notWritten(log);
  }

  const read = await streamLog(log, (event) => auditor.add(event), { categories });
  printDiagnostics(read.diagnostics);
  if (read.refused) {
    process.stderr.write(`${log}: ${msg('referral.personal-data')}\n`);
    return EXIT.invalid;
  }
  if (hasErrors(read.diagnostics)) return notWritten(log);

  const { config, diagnostics: configDiagnostics } = configFor(dirname(log));
  printDiagnostics(configDiagnostics);
  if (hasErrors(configDiagnostics)) return notWritten(log);

  const audit: Audit = auditor.finish();
  const problems: Diagnostic[] = audit.problems.map((p) => ({ file: log, position: p.event.fields.offered ?? p.event.position, severity: 'error', rule: p.rule, message: p.message }));
  // An unknown category is a finding for the report, and a hint for whoever keeps the log.
  const hints: Diagnostic[] = audit.breaches.flatMap((b) =>
    b.kind === 'unknown-category'
      ? [{
          file: log,
          position: b.event.fields.category ?? b.event.position,
          severity: 'warning' as const,
          rule: 'referral/unknown-category',
          // The category is an id of data/referral-rules.yaml (the log checks that), so it can be shown.
          message: msg('referral.unknown-category', { category: b.category, rules: b.rules.id }) + (b.suggestion ? ` — ${msg('schema.did-you-mean', { hint: b.suggestion })}` : ''),
        }]
      : [],
  );
  if (audit.moreProblems) problems.push({ file: log, severity: 'error', rule: 'referral/more', message: msg('referral.more-problems', { n: audit.moreProblems }) });
  printDiagnostics([...problems, ...hints]);
  if (problems.length) return notWritten(log);

  let outputs: Map<Format, Uint8Array>;
  try {
    const doc = buildReportDocument(audit, { lang: options.lang, organisation: organisationOf(config.defaults), templateDirs: config.templateDirs });
    outputs = await renderReport(doc, options.format, config.style);
  } catch (err) {
    const diagnostics = templateDiagnostics(err);
    printDiagnostics(diagnostics);
    return notWritten(log);
  }

  const files = new Map([...outputs].map(([format, bytes]) => [join(options.out, reportFileName(from, to, format)), bytes] as const));
  const written = await writeAndReport(files);
  if (written !== EXIT.ok) return written;
  process.stdout.write(summary(audit) + '\n');
  return EXIT.ok;
}

function notWritten(log: string): number {
  process.stderr.write(`${log}: ${msg('referral.not-audited')}\n`);
  return EXIT.invalid;
}

/** `defaults.organisation.name` of hattama.yaml (or `defaults.organisation` given as a plain name). */
function organisationOf(defaults: Readonly<Record<string, unknown>>): string | undefined {
  const org = defaults['organisation'];
  if (typeof org === 'string') return org.trim() || undefined;
  if (org && typeof org === 'object' && !Array.isArray(org)) {
    const name = (org as Record<string, unknown>)['name'];
    if (typeof name === 'string' && name.trim()) return name.trim();
  }
  return undefined;
}

/** One line: events, breaches by kind, hand-overs and the median. */
function summary(audit: Audit): string {
  const period = { from: audit.from, to: audit.to };
  if (!audit.totals.offered) return msg('referral.summary.none', period);
  // The breach kinds are rule ids (late-confirmation …) and stay as they are in every language.
  const byKind = BREACH_KINDS.filter((k) => audit.breachCounts[k]).map((k) => `${audit.breachCounts[k]} ${k}`);
  const n = audit.breaches.length;
  const breaches = n ? msg('referral.summary.breaches', { n, kinds: byKind.join(', ') }) : msg('referral.summary.no-breaches');
  const median = audit.totals.medianWorkingDays === undefined ? msg('referral.summary.none-taken') : msg('referral.summary.median', { n: audit.totals.medianWorkingDays });
  return msg('referral.summary', { ...period, events: msg('referral.count.events', { n: audit.totals.offered }), breaches, places: msg('referral.count.places', { n: audit.handOvers.length }), median });
}

/** A template problem as diagnostics, against the template file. */
function templateDiagnostics(err: unknown): Diagnostic[] {
  if (err instanceof MarkupError) {
    return [{ file: 'referral-report.hbs', severity: 'error', rule: 'template/markup', message: msg('render.markup', { detail: err.message, excerpt: err.excerpt }) }];
  }
  if (err instanceof TemplateError) return [{ file: err.file, severity: 'error', rule: 'template/render', message: err.message }];
  if (err instanceof TemplateNotFoundError) return [{ file: 'referral-report.hbs', severity: 'error', rule: 'template/missing', message: err.message }];
  if (err instanceof DataFileError) return [...err.diagnostics];
  throw err;
}
