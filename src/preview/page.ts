/**
 * The preview's HTML: the list of records and the page of one record. Only
 * the frame is made here; the pages, the diagnostics and the status are
 * filled in by data/preview/preview.js from the server's events. Every word
 * comes from the message catalogues (data/messages/<lang>/preview.yaml).
 * No inline script or style: the Content-Security-Policy is `default-src 'self'`.
 */
import { msg, type Language } from '../messages/index.js';
import type { PreviewDiagnostic, RecordSnapshot } from './record-state.js';

/** How the page shows the PDF: pdf.js canvases, or the browser's own viewer when pdf.js is not installed. */
export type Viewer = 'pdfjs' | 'frame';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text safe inside HTML element content and quoted attributes. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** JSON safe inside a `<script type="application/json">` element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

/** A record's path as a URL path: each segment percent-encoded. */
export const recordUrlPath = (record: string): string => record.split('/').map(encodeURIComponent).join('/');

function frame(lang: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/preview.css">
</head>
<body>
${body}
</body>
</html>
`;
}

/** The page listing the archive's records, each linked to its preview. */
export function listPage(lang: Language, records: readonly string[]): string {
  const items = records.map((r) => `<li><a href="/view/${escapeHtml(recordUrlPath(r))}">${escapeHtml(r)}</a></li>`).join('\n');
  const body = `<header class="bar"><h1>${escapeHtml(msg('preview.list.title', {}, lang))}</h1></header>
<main class="list">
<p>${escapeHtml(msg('preview.list.lead', {}, lang))}</p>
${records.length ? `<ul class="records">\n${items}\n</ul>` : `<p class="empty">${escapeHtml(msg('preview.list.empty', {}, lang))}</p>`}
</main>`;
  return frame(lang, msg('preview.list.title', {}, lang), body);
}

/** The words the page script needs, in the page's language. */
function clientMessages(lang: Language): Record<string, string> {
  const keys = ['rendering', 'disconnected', 'page', 'pages-none', 'no-problems', 'viewer-failed'] as const;
  return Object.fromEntries(keys.map((k) => [k, msg(`preview.page.${k}`, {}, lang)]));
}

/** The page of one record: a bar with the downloads and status, the pages, and the diagnostics beside them. */
export function recordPage(lang: Language, record: string, viewer: Viewer, standalone: boolean): string {
  const path = recordUrlPath(record);
  const data = { record, path, viewer, messages: clientMessages(lang) };
  const back = standalone ? '' : `<a class="back" href="/">${escapeHtml(msg('preview.page.back', {}, lang))}</a>`;
  const body = `<header class="bar">
${back}<h1 title="${escapeHtml(record)}">${escapeHtml(record)}</h1>
<p id="status" class="status" role="status" aria-live="polite">${escapeHtml(msg('preview.page.rendering', {}, lang))}</p>
<nav class="downloads">
<a id="docx" class="button" href="/docx/${escapeHtml(path)}" download>${escapeHtml(msg('preview.page.docx', {}, lang))}</a>
<a id="pdf" class="button secondary" href="/pdf/${escapeHtml(path)}" target="_blank" rel="noopener">${escapeHtml(msg('preview.page.pdf', {}, lang))}</a>
</nav>
</header>
<main class="preview">
<aside class="problems" aria-labelledby="problems-title">
<h2 id="problems-title">${escapeHtml(msg('preview.page.problems', {}, lang))}</h2>
<ul id="diagnostics" class="diagnostics"></ul>
</aside>
<section id="pages" class="pages" aria-label="${escapeHtml(msg('preview.page.pages', {}, lang))}"></section>
</main>
<noscript><p class="noscript">${escapeHtml(msg('preview.page.noscript', {}, lang))}</p></noscript>
<script type="application/json" id="preview-data">${scriptJson(data)}</script>
<script type="module" src="/assets/preview.js"></script>`;
  return frame(lang, msg('preview.page.title', { record }, lang), body);
}

/** A snapshot as the page receives it: with its summary and severity words in the page's language. */
export interface PageSnapshot extends RecordSnapshot {
  readonly summary: string;
  readonly diagnostics: readonly (PreviewDiagnostic & { readonly label: string })[];
}

/** Words a snapshot for the page. */
export function pageSnapshot(snapshot: RecordSnapshot, lang: Language): PageSnapshot {
  const errors = snapshot.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = snapshot.diagnostics.length - errors;
  let summary: string;
  if (snapshot.state === 'ok') summary = warnings ? msg('preview.status.warnings', { n: warnings }, lang) : msg('preview.status.ok', {}, lang);
  else if (snapshot.pdfTag === null) summary = msg('preview.status.never', { n: errors }, lang);
  else summary = msg('preview.status.errors', { n: errors }, lang);
  return {
    ...snapshot,
    summary,
    diagnostics: snapshot.diagnostics.map((d) => ({ ...d, label: msg(`preview.severity.${d.severity}`, {}, lang) })),
  };
}
