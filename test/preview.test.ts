/**
 * `hattama preview`: the HTTP API (PDF, DOCX, diagnostics with positions),
 * what it refuses (path traversal, links out of the archive, a foreign Host,
 * other methods), the page in Chromium following saves (by rename, as many
 * editors save), keeping the last good pages while the record has errors, and
 * making no request outside 127.0.0.1 — and the command itself, stopped by
 * Ctrl-C with exit 0.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPreview, decodeRecordPath, type PreviewServer } from '../src/preview/server.js';
import { recordPage } from '../src/preview/page.js';
import { ROOT, SEED_RECORD } from './support/seed.js';
import { BIN, hattama } from './support/cli.js';

const SEED = 'meetings/2025/2025-12-25-board-of-trustees-02.yaml';
const EDITED = 'meetings/2025/2025-12-26-board-of-trustees-03.yaml';
const FAULTY = 'meetings/2025/2025-12-27-board-of-trustees-04.yaml';
/** A file name with spaces, Cyrillic, % and # (each must survive the URL). */
const ODD = 'meetings/2025/педкеңес 5% #1.yaml';
const seedText = readFileSync(SEED_RECORD, 'utf8');

/** Line and column (1-based) of the first `needle` in `text`, after `prefix` on that line. */
function positionOf(text: string, needle: string, prefix = ''): { line: number; column: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith(needle));
  expect(line, needle).toBeGreaterThanOrEqual(0);
  return { line: line + 1, column: prefix.length + 1 };
}

/** An archive: the seed, a copy to edit, a record with a date that does not exist, and things that must stay out of reach. */
function makeArchive(): string {
  const root = mkdtempSync(join(tmpdir(), 'hattama-preview-'));
  mkdirSync(join(root, 'meetings', '2025'), { recursive: true });
  cpSync(join(ROOT, 'hattama.yaml'), join(root, 'hattama.yaml'));
  writeFileSync(join(root, SEED), seedText);
  writeFileSync(join(root, EDITED), seedText);
  writeFileSync(join(root, FAULTY), seedText.replace('date: 2025-12-25', 'date: 2025-02-30'));
  writeFileSync(join(root, ODD), seedText);
  // Outside the records: a record-like file at the root, a secret beside the archive, a link out.
  writeFileSync(join(root, 'stray.yaml'), seedText);
  writeFileSync(join(root, '..', `${root.split('/').pop()}-secret.yaml`), seedText);
  symlinkSync(join(root, '..', `${root.split('/').pop()}-secret.yaml`), join(root, 'meetings', '2025', 'linked.yaml'));
  return root;
}

/** A raw GET (no URL normalisation, any Host). */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const url = (kind: string, record: string): string => `/${kind}/${record.split('/').map(encodeURIComponent).join('/')}`;

describe('the preview server', () => {
  let root: string;
  let server: PreviewServer;

  beforeAll(async () => {
    root = makeArchive();
    server = await startPreview({ root, port: 0, lang: 'en' });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(`${root}-secret.yaml`, { force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 at the free port it was given (port 0)', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('lists the records of meetings/, each linked by its path from the root', async () => {
    const res = await get(server.port, '/');
    expect(res.status).toBe(200);
    const html = res.body.toString();
    expect(html).toContain(`href="${url('view', SEED)}"`);
    expect(html).toContain(`href="${url('view', FAULTY)}"`);
    expect(html).not.toContain('stray.yaml');
    expect(html).not.toContain('linked.yaml');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`href="/view/meetings/2025/${encodeURIComponent('педкеңес 5% #1.yaml')}"`);
    const odd = await get(server.port, url('state', ODD));
    expect(odd.status).toBe(200);
    expect((JSON.parse(odd.body.toString()) as { record: string }).record).toBe(ODD);
  });

  it('serves the PDF and the DOCX from memory, never cached stale', async () => {
    const pdf = await get(server.port, url('pdf', SEED));
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    const etag = String(pdf.headers['etag']);
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect((await get(server.port, url('pdf', SEED), { 'If-None-Match': etag })).status).toBe(304);
    const docx = await get(server.port, url('docx', SEED));
    expect(docx.status).toBe(200);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    expect(String(docx.headers['content-disposition'])).toMatch(/^attachment; filename\*=UTF-8''2025-12-25-board-of-trustees-02\.docx$/);
    // Nothing written into the archive.
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  it('gives the diagnostics of a faulty record with their exact positions, and no PDF', async () => {
    const res = await get(server.port, url('state', FAULTY));
    expect(res.status).toBe(200);
    const state = JSON.parse(res.body.toString()) as { state: string; pdfTag: string | null; diagnostics: { where: string; line: number; column: number; severity: string; rule: string }[] };
    expect(state.state).toBe('errors');
    expect(state.pdfTag).toBeNull();
    const at = positionOf(seedText, 'date: ', 'date: ');
    expect(state.diagnostics).toContainEqual(
      expect.objectContaining({ where: `${FAULTY}:${at.line}:${at.column}`, file: FAULTY, line: at.line, column: at.column, severity: 'error', rule: 'schema/date' }),
    );
    expect((await get(server.port, url('pdf', FAULTY))).status).toBe(404);
  });

  it('refuses paths out of the archive, links, and files that are not its records', async () => {
    const attempts = [
      '/pdf/meetings/../hattama.yaml',
      '/pdf/meetings/2025/../../stray.yaml',
      '/pdf/meetings%2F..%2F..%2Fstray.yaml',
      '/pdf/%2e%2e/%2e%2e/etc/passwd',
      '/pdf/..%5c..%5cpackage.json',
      `/pdf/${encodeURIComponent(join(root, SEED))}`,
      '/state/stray.yaml',
      '/state/hattama.yaml',
      '/state/meetings/2025/linked.yaml',
      '/view/meetings/2025/%00.yaml',
      '/view/meetings/2025/%E0%A4%A.yaml',
      '/assets/../package.json',
      '/assets/preview.js/../../package.json',
    ];
    for (const path of attempts) {
      const res = await get(server.port, path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body.toString()).not.toContain('hattama:');
    }
    expect(decodeRecordPath('meetings/2025/a.yaml')).toBe('meetings/2025/a.yaml');
    expect(decodeRecordPath('meetings/%2E%2E/a.yaml')).toBeUndefined();
    expect(decodeRecordPath('meetings%2F..%2Fa.yaml')).toBeUndefined();
  });

  it('answers only a Host of localhost or 127.0.0.1 at its port (no DNS rebinding), and only GET', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `localhost.evil.example:${server.port}`, `0.0.0.0:${server.port}`]) {
      const res = await get(server.port, url('pdf', SEED), { Host: host });
      expect([host, res.status]).toEqual([host, 403]);
      expect(res.body.subarray(0, 4).toString()).not.toBe('%PDF');
    }
    expect((await get(server.port, url('pdf', SEED), { Host: `localhost:${server.port}` })).status).toBe(200);
    expect((await get(server.port, url('pdf', SEED), {}, 'POST')).status).toBe(405);
  });

  it('keeps the page to itself: Content-Security-Policy default-src self, no inline script', async () => {
    const res = await get(server.port, url('view', SEED));
    expect(res.status).toBe(200);
    expect(String(res.headers['content-security-policy'])).toMatch(/^default-src 'self'(;|$)/);
    const html = res.body.toString();
    // The only scripts: data (not run) and a same-origin module.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts).toEqual(['type="application/json" id="preview-data"', 'type="module" src="/assets/preview.js"']);
    expect(html).not.toMatch(/\son\w+=|style=/);
  });

  it('answers with the record as saved now, even when no page is watching it', async () => {
    const state = async (): Promise<{ state: string; pdfTag: string | null }> => JSON.parse((await get(server.port, url('state', FAULTY))).body.toString()) as { state: string; pdfTag: string | null };
    expect((await state()).state).toBe('errors');
    writeFileSync(join(root, FAULTY), seedText);
    const deadline = Date.now() + 20_000;
    let now = await state();
    while (now.state !== 'ok' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      now = await state();
    }
    expect(now.state).toBe('ok');
    expect((await get(server.port, url('pdf', FAULTY))).body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a record replaced by a symbolic link after it was first served', async () => {
    type State = { state: string; diagnostics: { rule: string }[] };
    const state = async (): Promise<State> => JSON.parse((await get(server.port, url('state', ODD))).body.toString()) as State;
    expect((await state()).state).toBe('ok');
    rmSync(join(root, ODD));
    symlinkSync(`${root}-secret.yaml`, join(root, ODD));
    const deadline = Date.now() + 20_000;
    let now = await state();
    while (!now.diagnostics.some((d) => d.rule === 'preview/confine') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      now = await state();
    }
    expect(now.state).toBe('errors');
    expect(now.diagnostics.map((d) => d.rule)).toEqual(['preview/confine']);
  });

  it('words the page in the message language', () => {
    const kk = recordPage('kk', SEED, 'pdfjs', false);
    expect(kk).toContain('<html lang="kk">');
    expect(kk).toContain('DOCX жүктеп алу');
    expect(recordPage('ru', SEED, 'pdfjs', false)).toContain('Скачать DOCX');
  });
});

/** Reads a record's event stream; `next` waits (generous timeout) for an update that satisfies `ok`. */
function events(port: number, record: string): { next(ok: (s: Snapshot) => boolean, what: string): Promise<Snapshot>; close(): void } {
  const seen: Snapshot[] = [];
  let wake: (() => void) | undefined;
  let buffer = '';
  const req = request({ host: '127.0.0.1', port, path: url('events', record), headers: { Host: `localhost:${port}` } }, (res) => {
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    res.on('data', (c: Buffer) => {
      buffer += c.toString();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (data) seen.push(JSON.parse(data[1]!) as Snapshot);
        wake?.();
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return {
    async next(ok, what) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found = seen.find(ok);
        if (found) {
          seen.splice(0, seen.indexOf(found) + 1);
          return found;
        }
        if (Date.now() > deadline) throw new Error(`no update with ${what}: ${JSON.stringify(seen)}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 200);
        });
      }
    },
    close: () => req.destroy(),
  };
}

interface Snapshot {
  readonly version: number;
  readonly state: string;
  readonly pdfTag: string | null;
  readonly diagnostics: readonly { where: string; rule: string; severity: string }[];
}

describe('what the preview watches', () => {
  let root: string;
  let server: PreviewServer;

  beforeAll(async () => {
    root = makeArchive();
    // The organisation's own template folder, with a copy of the built-in Kazakh minutes.
    mkdirSync(join(root, 'tpl', 'kk'), { recursive: true });
    cpSync(join(ROOT, 'templates', 'kk', 'minutes.hbs'), join(root, 'tpl', 'kk', 'minutes.hbs'));
    writeFileSync(join(root, 'hattama.yaml'), `${readFileSync(join(ROOT, 'hattama.yaml'), 'utf8')}templates: tpl\n`);
    server = await startPreview({ root, port: 0, lang: 'en' });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(`${root}-secret.yaml`, { force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it("renders again on a save of hattama.yaml and of the organisation's templates, and says so on the event stream", async () => {
    const stream = events(server.port, EDITED);
    try {
      const first = await stream.next((s) => s.state === 'ok' && s.pdfTag !== null, 'the first render');
      // hattama.yaml: an unknown key is an error at its place in hattama.yaml.
      const config = readFileSync(join(root, 'hattama.yaml'), 'utf8');
      writeFileSync(join(root, 'hattama.yaml'), `${config}regoin: aktobe\n`);
      const line = config.split('\n').length;
      const broken = await stream.next((s) => s.state === 'errors', 'the configuration error');
      expect(broken.diagnostics).toContainEqual(expect.objectContaining({ where: `hattama.yaml:${line}:1`, rule: 'config', severity: 'error' }));
      expect(broken.pdfTag).toBe(first.pdfTag);
      writeFileSync(join(root, 'hattama.yaml'), config);
      await stream.next((s) => s.state === 'ok' && s.pdfTag === first.pdfTag, 'the repaired configuration');
      // The template: the title in capitals gives another PDF.
      const template = join(root, 'tpl', 'kk', 'minutes.hbs');
      const text = readFileSync(template, 'utf8');
      expect(text).toContain('хаттамасы{{> number-in-title}}');
      writeFileSync(`${template}~`, text.replace('хаттамасы{{> number-in-title}}', 'ХАТТАМАСЫ{{> number-in-title}}'));
      renameSync(`${template}~`, template);
      const changed = await stream.next((s) => s.state === 'ok' && s.pdfTag !== first.pdfTag, 'the changed template');
      expect(changed.pdfTag).not.toBeNull();
    } finally {
      stream.close();
    }
  });
});

// ---------------------------------------------------------------------------
// In Chromium.

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const required = process.env['HATTAMA_REQUIRE_TOOLS'] === '1';

// The few browser globals the page functions below use (the project compiles without the DOM library).
interface CanvasLike {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
declare const document: {
  readonly body: { readonly dataset: Record<string, string | undefined>; readonly classList: { contains(c: string): boolean } };
  querySelectorAll(selector: string): ArrayLike<CanvasLike & { textContent: string | null }>;
  getElementById(id: string): { readonly dataset: Record<string, string | undefined>; readonly textContent: string | null } | null;
};

it('has chromium when CI requires it', () => {
  if (required) expect(hasChromium, `${CHROMIUM} (Debian package chromium)`).toBe(true);
});

describe.skipIf(!hasChromium)('the preview page in Chromium', { retry: 1 }, () => {
  let root: string;
  let profile: string;
  let server: PreviewServer;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  /** What the page shows: pages drawn, dark pixels on page 1 (and a fingerprint of them), the PDF's tag, state. */
  const shown = (): Promise<{ sheets: number; ink: number; print: number; tag: string | undefined; version: string | undefined; stale: boolean; diagnostics: string[] }> =>
    page.evaluate(() => {
      const sheets = document.querySelectorAll('canvas.sheet');
      let ink = 0;
      let print = 0;
      const first = sheets[0];
      const data = first?.getContext('2d')?.getImageData(0, 0, first.width, first.height).data;
      for (let i = 0; data && i < data.length; i += 4) {
        if (data[i]! < 128) {
          ink++;
          print = (print * 31 + i) % 1_000_000_007;
        }
      }
      return {
        sheets: sheets.length,
        ink,
        print,
        tag: document.getElementById('pages')?.dataset['tag'],
        version: document.body.dataset['version'],
        stale: document.body.classList.contains('stale'),
        diagnostics: Array.from(document.querySelectorAll('#diagnostics li'), (li) => li.textContent ?? ''),
      };
    });

  /** Polls until `ok` holds for what the page shows (a generous timeout; no timing asserted). */
  async function until(ok: (s: Awaited<ReturnType<typeof shown>>) => boolean, what: string): Promise<Awaited<ReturnType<typeof shown>>> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const s = await shown();
      if (ok(s)) return s;
      if (Date.now() > deadline) throw new Error(`the page did not show ${what}: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Saves the record as editors that write a new file and rename it over the old one. */
  function saveByRename(text: string): void {
    const file = join(root, EDITED);
    writeFileSync(`${file}.swp~`, text);
    renameSync(`${file}.swp~`, file);
  }

  beforeAll(async () => {
    root = makeArchive();
    profile = mkdtempSync(join(tmpdir(), 'hattama-chromium-'));
    server = await startPreview({ root, record: EDITED, port: 0, lang: 'kk' });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    // Nothing but this server: no CDN, no font service, no other host.
    const own = `http://127.0.0.1:${server.port}/`;
    page.on('request', (r) => {
      if (!r.url().startsWith(own)) problems.push(`request: ${r.url()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(`${root}-secret.yaml`, { force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('shows page 1 of the minutes, drawn', async () => {
    await page.goto(server.url);
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    const s = await until((x) => x.sheets >= 2 && x.ink > 2000, 'the pages');
    expect(s.stale).toBe(false);
    expect(s.diagnostics).toEqual(['Қате де, ескерту де жоқ.']);
    expect(await page.textContent('#docx')).toBe('DOCX жүктеп алу');
  });

  it('follows a save by rename: the new PDF is drawn', async () => {
    const before = await shown();
    saveByRename(seedText.replace('date: 2025-12-25', 'date: 2025-12-24'));
    const after = await until((x) => x.tag !== before.tag && x.sheets >= 2 && x.ink > 2000, 'the saved change');
    expect(after.print).not.toBe(before.print);
    const state = JSON.parse((await get(server.port, url('state', EDITED))).body.toString()) as { pdfTag: string };
    expect(after.tag).toBe(state.pdfTag);
  });

  it('keeps the last good pages, greyed, beside the errors with their positions; and recovers', async () => {
    const good = await shown();
    saveByRename(seedText.replace('date: 2025-12-25', 'date: 2025-02-30'));
    const at = positionOf(seedText, 'date: ', 'date: ');
    const broken = await until((x) => x.stale && x.diagnostics.some((d) => d.includes(`${EDITED}:${at.line}:${at.column}`)), 'the error');
    expect(broken.tag).toBe(good.tag);
    expect(broken.sheets).toBe(good.sheets);
    expect(broken.print).toBe(good.print);
    expect(broken.diagnostics.join('\n')).toMatch(/қате.*\[schema\/date\]/);
    expect(await page.locator('#diagnostics li.error').count()).toBeGreaterThan(0);
    saveByRename(seedText);
    await until((x) => !x.stale && x.tag !== good.tag && x.ink > 2000, 'the repaired record');
  });

  it('made no request outside 127.0.0.1, and no error in the console', () => {
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// The command.

describe('hattama preview', () => {
  it('prints its URL, serves, and stops on Ctrl-C with exit 0', async () => {
    const root = makeArchive();
    try {
      const child = spawn(process.execPath, [BIN, 'preview', SEED.replace('meetings/', ''), '--port', '0'], { cwd: join(root, 'meetings'), env: { ...process.env, LANG: 'C' } });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      const deadline = Date.now() + 30_000;
      while (!/http:\/\/127\.0\.0\.1:\d+\//.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      const m = /http:\/\/127\.0\.0\.1:(\d+)(\/\S*)/.exec(out);
      expect(m, `${out}\n${err}`).not.toBeNull();
      // Run from meetings/, the record typed relative to there is still named from the root.
      expect(m![2]).toBe(url('view', SEED));
      expect((await get(Number(m![1]), url('pdf', SEED))).body.subarray(0, 5).toString()).toBe('%PDF-');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(existsSync(join(root, 'out'))).toBe(false);
    } finally {
      rmSync(`${root}-secret.yaml`, { force: true });
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a bad port, a missing record, a file outside the archive, and a port in use, with exit codes 2 and 1', async () => {
    const root = makeArchive();
    const server = await startPreview({ root, port: 0 });
    try {
      const env = { ...process.env, LANG: 'C', LC_ALL: '' };
      const bad = hattama(['preview', '--port', '70000'], { cwd: root, env });
      expect([bad.code, bad.stderr]).toEqual([2, 'error: "70000" is not a port: use a whole number from 0 to 65535\n']);
      const missing = hattama(['preview', 'meetings/2025/none.yaml', '--port', '0'], { cwd: root, env });
      expect([missing.code, missing.stderr]).toEqual([1, 'error: meetings/2025/none.yaml: there is no such file\n']);
      const outside = hattama(['preview', `${root}-secret.yaml`, '--port', '0'], { cwd: root, env });
      expect(outside.code).toBe(1);
      expect(outside.stderr).toMatch(/is not a record of this archive/);
      const busy = hattama(['preview', SEED, '--port', String(server.port)], { cwd: root, env });
      expect([busy.code, busy.stderr]).toEqual([1, `error: port ${server.port} is in use: choose another with --port, or --port 0 for any free port\n`]);
      expect(bad.stdout + missing.stdout + outside.stdout + busy.stdout).toBe('');
    } finally {
      await server.close();
      rmSync(`${root}-secret.yaml`, { force: true });
      rmSync(root, { recursive: true, force: true });
    }
  });
});
