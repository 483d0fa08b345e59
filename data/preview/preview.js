// The page of `hattama preview`: shows the record's PDF pages (pdf.js, or the
// browser's own viewer), its diagnostics beside them, and follows the server's
// events. While the record has errors the last good pages stay, greyed. New
// pages replace the old ones only once every page has been drawn: never half
// a document. Served by src/preview/server.ts; no request leaves this server.

const data = JSON.parse(document.getElementById('preview-data').textContent);
const words = data.messages;
const pages = document.getElementById('pages');
const status = document.getElementById('status');
const list = document.getElementById('diagnostics');
const links = [document.getElementById('docx'), document.getElementById('pdf')];

let shownTag = null;
let wantedTag = null;
let drawing = false;
let pdfjs = null;

function setStatus(text, kind) {
  status.textContent = text;
  status.dataset.kind = kind;
}

function showDiagnostics(diagnostics) {
  const items = diagnostics.map((d) => {
    const li = document.createElement('li');
    li.className = `diagnostic ${d.severity}`;
    const where = document.createElement('code');
    where.className = 'where';
    where.textContent = d.where;
    const label = document.createElement('span');
    label.className = 'severity';
    label.textContent = d.label;
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = d.message;
    const rule = document.createElement('span');
    rule.className = 'rule';
    rule.textContent = `[${d.rule}]`;
    li.append(where, label, message, rule);
    return li;
  });
  if (!items.length) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = words['no-problems'];
    items.push(li);
  }
  list.replaceChildren(...items);
}

/** Draws every page of the PDF into new canvases, then swaps them in at once. */
async function drawPdf(tag) {
  const url = `/pdf/${data.path}?tag=${encodeURIComponent(tag)}`;
  if (data.viewer === 'frame') {
    // pdf.js is not installed: the browser's own PDF viewer shows the pages.
    const frame = document.createElement('iframe');
    frame.className = 'frame';
    frame.title = words.page.replace('{n}', '1');
    frame.src = url;
    pages.replaceChildren(frame);
    return;
  }
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!pdfjs) {
    pdfjs = await import('/assets/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.min.mjs';
  }
  // No eval (the page's CSP forbids it), no fonts or wasm fetched from elsewhere.
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false, disableFontFace: false }).promise;
  try {
    // As wide as the column, up to about an A4 page at 100 % on a laptop.
    const width = Math.max(280, Math.min(pages.clientWidth - 2, 860));
    const ratio = window.devicePixelRatio || 1;
    const drawn = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const natural = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (width / natural.width) * ratio });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.className = 'sheet';
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', words.page.replace('{n}', String(n)));
      canvas.dataset.page = String(n);
      await page.render({ canvas, viewport }).promise;
      drawn.push(canvas);
    }
    pages.replaceChildren(...drawn);
    pages.dataset.tag = tag;
  } finally {
    await doc.destroy();
  }
}

/** Draws the newest PDF wanted; a newer one arriving meanwhile is drawn next. */
async function follow() {
  if (drawing) return;
  drawing = true;
  try {
    while (wantedTag !== null && wantedTag !== shownTag) {
      const tag = wantedTag;
      try {
        await drawPdf(tag);
        shownTag = tag;
      } catch (err) {
        console.warn(words['viewer-failed'], err);
        setStatus(words['viewer-failed'], 'error');
        break;
      }
    }
  } finally {
    drawing = false;
  }
}

function apply(snapshot) {
  document.body.classList.toggle('stale', snapshot.state !== 'ok');
  const errors = snapshot.diagnostics.some((d) => d.severity === 'error');
  setStatus(snapshot.summary, snapshot.state !== 'ok' ? 'error' : snapshot.diagnostics.length ? 'warning' : 'ok');
  showDiagnostics(snapshot.diagnostics);
  for (const a of links) a.classList.toggle('disabled', snapshot.pdfTag === null);
  if (snapshot.pdfTag === null && !pages.childElementCount) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = words['pages-none'];
    pages.replaceChildren(p);
  }
  document.body.dataset.version = String(snapshot.version);
  document.body.dataset.state = errors ? 'errors' : snapshot.state;
  wantedTag = snapshot.pdfTag;
  void follow();
}

const events = new EventSource(`/events/${data.path}`);
events.addEventListener('update', (e) => apply(JSON.parse(e.data)));
events.addEventListener('error', () => setStatus(words.disconnected, 'error'));

// Pages follow the width of the window (a phone turned, a window resized).
let resizeTimer;
let lastWidth = pages.clientWidth;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (Math.abs(pages.clientWidth - lastWidth) < 24 || data.viewer !== 'pdfjs') return;
    lastWidth = pages.clientWidth;
    shownTag = null;
    void follow();
  }, 250);
});
