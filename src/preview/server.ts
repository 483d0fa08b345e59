/**
 * `hattama preview`: a local web server that shows a record's minutes as they
 * will print, and follows every save.
 *
 * Routes (RECORD is the record's path from the archive root, each segment
 * percent-encoded, e.g. meetings/2025/2025-12-25-board-of-trustees-02.yaml):
 *   /                the list of records (or, given one record, its page)
 *   /view/RECORD     the record's page
 *   /pdf/RECORD      the last good PDF        /docx/RECORD  the last good DOCX
 *   /state/RECORD    the record's state as JSON (diagnostics with positions)
 *   /events/RECORD   Server-Sent Events: the state, again after each change
 *   /assets/…        the page's script and style, and pdf.js
 *
 * Security: it listens on 127.0.0.1 only; it answers only requests whose Host
 * is localhost or 127.0.0.1 at its port (a web page cannot reach it through a
 * DNS name rebound to 127.0.0.1); it serves only records of this archive
 * (under meetings/, or the one it was started with), confined to the root
 * with archive/root.ts; every response forbids caching and carries a
 * Content-Security-Policy that keeps the page to this server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { discoverRecords, isRecordFile } from '../archive/discover.js';
import { confine, ConfinementError, isInside, RECORDS_DIR } from '../archive/root.js';
import { configFor, CONFIG_FILE } from '../config/load.js';
import { currentLanguage, msg, type Language } from '../messages/index.js';
import { packageRoot } from '../util/paths.js';
import { RecordState } from './record-state.js';
import { listPage, pageSnapshot, recordPage, recordUrlPath, type Viewer } from './page.js';
import { ArchiveWatcher, folderTree, type WatchTarget } from './watch.js';

/** The only address the preview listens on. */
export const LOOPBACK = '127.0.0.1';
/** The port tried first when none is given. */
export const DEFAULT_PORT = 4173;
/** How many ports after the default are tried when it is taken. */
const PORT_TRIES = 20;

/** Options of {@link startPreview}. */
export interface PreviewOptions {
  /** The archive root (absolute). */
  readonly root: string;
  /** One record to preview (relative to the root, "/" separators); the list of records when absent. */
  readonly record?: string;
  /** The port: 0 for any free one; when absent, {@link DEFAULT_PORT} or the next free one. */
  readonly port?: number;
  /** The page's language (default: the language of messages). */
  readonly lang?: Language;
  /** How the page shows the PDF (default: pdf.js when pdfjs-dist is installed, else the browser's own viewer). */
  readonly viewer?: Viewer;
  /** Told after each re-render of a record a page is showing. */
  readonly onRender?: (record: string, state: 'ok' | 'errors', errors: number) => void;
}

/** A running preview. */
export interface PreviewServer {
  /** The port it listens on. */
  readonly port: number;
  /** The URL to open: the record's page, or the list. */
  readonly url: string;
  /** Stops serving and watching; resolves when everything is closed. */
  close(): Promise<void>;
}

/** The port is taken (only when it was asked for by number). */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use`);
    this.name = 'PortInUseError';
  }
}

const requireFromPackage = createRequire(join(packageRoot, 'package.json'));

/**
 * pdf.js's two browser files: from dist/pdfjs/ (copied there by the build, so
 * an installed hattama has them), else from pdfjs-dist in node_modules.
 */
function pdfjsFiles(): { main: string; worker: string } | undefined {
  const shipped = join(packageRoot, 'dist', 'pdfjs');
  if (existsSync(join(shipped, 'pdf.min.mjs')) && existsSync(join(shipped, 'pdf.worker.min.mjs'))) {
    return { main: join(shipped, 'pdf.min.mjs'), worker: join(shipped, 'pdf.worker.min.mjs') };
  }
  try {
    const main = requireFromPackage.resolve('pdfjs-dist/build/pdf.min.mjs');
    return { main, worker: join(dirname(main), 'pdf.worker.min.mjs') };
  } catch {
    return undefined;
  }
}

/** The static files the page loads, by URL path. */
function assetFiles(): Map<string, { file: string; type: string }> {
  const assets = new Map<string, { file: string; type: string }>([
    ['/assets/preview.js', { file: join(packageRoot, 'data', 'preview', 'preview.js'), type: 'text/javascript; charset=utf-8' }],
    ['/assets/preview.css', { file: join(packageRoot, 'data', 'preview', 'preview.css'), type: 'text/css; charset=utf-8' }],
  ]);
  const pdfjs = pdfjsFiles();
  if (pdfjs) {
    assets.set('/assets/pdf.min.mjs', { file: pdfjs.main, type: 'text/javascript; charset=utf-8' });
    assets.set('/assets/pdf.worker.min.mjs', { file: pdfjs.worker, type: 'text/javascript; charset=utf-8' });
  }
  return assets;
}

/** Headers on every response. */
const COMMON_HEADERS: Readonly<Record<string, string>> = {
  // 'self' only; blob: for pdf.js's worker fallback is not needed (the worker is a same-origin file).
  'Content-Security-Policy': "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; object-src 'self'",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** A request's record path decoded, or undefined when it is malformed or tries to climb out. */
export function decodeRecordPath(encoded: string): string | undefined {
  const parts: string[] = [];
  for (const segment of encoded.split('/')) {
    let part: string;
    try {
      part = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (part === '' || part === '.' || part === '..' || /[\\/\0]/.test(part)) return undefined;
    parts.push(part);
  }
  return parts.length ? parts.join('/') : undefined;
}

/** Listens on the loopback address; resolves with the port. */
function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      fail(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      done((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host: LOOPBACK, port, exclusive: true });
  });
}

/**
 * Starts the preview server for an archive. Renders in this process and
 * writes nothing to disk.
 * @throws PortInUseError when a port was given and is taken
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const root = resolve(options.root);
  const lang = options.lang ?? currentLanguage();
  const assets = assetFiles();
  const viewer: Viewer = assets.has('/assets/pdf.min.mjs') ? (options.viewer ?? 'pdfjs') : 'frame';
  const assetCache = new Map<string, Buffer>();
  const states = new Map<string, RecordState>();
  const listeners = new Map<string, Set<ServerResponse>>();
  const sockets = new Set<import('node:net').Socket>();
  let port = 0;

  /** The archive's records (under meetings/), relative to the root. */
  async function archiveRecords(): Promise<string[]> {
    const { records } = await discoverRecords(join(root, RECORDS_DIR));
    const list = records.map((r) => `${RECORDS_DIR}/${r}`);
    if (options.record !== undefined && !list.includes(options.record)) list.unshift(options.record);
    return list;
  }

  /** The state of a record this preview may serve, or undefined (refused). */
  async function stateOf(record: string): Promise<RecordState | undefined> {
    const known = states.get(record);
    if (known) return known;
    if (!isRecordFile(record.split('/').pop() ?? '')) return undefined;
    try {
      // No climbing out of the root, no symbolic link on the way.
      confine(root, record);
    } catch (err) {
      if (err instanceof ConfinementError) return undefined;
      throw err;
    }
    if (!(await archiveRecords()).includes(record)) return undefined;
    const state = new RecordState(root, record);
    states.set(record, state);
    return state;
  }

  /** What to watch: the records, the configuration, and the template folders of the records shown. */
  function watchTargets(): WatchTarget[] {
    const targets: WatchTarget[] = [{ dir: root, names: new Set([CONFIG_FILE]) }, ...folderTree(join(root, RECORDS_DIR)).map((dir) => ({ dir }))];
    for (const state of states.values()) {
      const dir = dirname(state.file);
      if (!isInside(join(root, RECORDS_DIR), dir)) targets.push({ dir });
      for (const t of configFor(dir).config.templateDirs) targets.push(...folderTree(t).map((d) => ({ dir: d })));
    }
    return targets;
  }

  const watcher = new ArchiveWatcher(() => void rerender());

  async function rerender(): Promise<void> {
    for (const state of [...states.values()]) {
      if (!listeners.get(state.record)?.size) {
        state.markStale(); // nobody is looking: rendered again when asked
        continue;
      }
      const changed = await state.refresh();
      const snap = state.snapshot();
      options.onRender?.(state.record, snap.state, snap.diagnostics.filter((d) => d.severity === 'error').length);
      if (changed) push(state);
    }
    watcher.set(watchTargets());
  }

  function push(state: RecordState): void {
    const data = `event: update\ndata: ${JSON.stringify(pageSnapshot(state.snapshot(), lang))}\n\n`;
    for (const res of listeners.get(state.record) ?? []) res.write(data);
  }

  function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...extra });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }
  const text = (res: ServerResponse, status: number, key: string): void => send(res, status, 'text/plain; charset=utf-8', msg(key, {}, lang) + '\n');

  function hostAllowed(host: string | undefined): boolean {
    if (host === undefined) return false;
    const h = host.toLowerCase();
    return h === `${LOOPBACK}:${port}` || h === `localhost:${port}`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) return text(res, 403, 'preview.http.host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'preview.http.method');
    // The path as sent: no URL normalisation (it would resolve ".." before the record check sees it).
    const path = (req.url ?? '/').split(/[?#]/)[0]!;
    if (!path.startsWith('/')) return text(res, 404, 'preview.http.not-found');

    if (path === '/') {
      if (options.record !== undefined) {
        res.writeHead(302, { ...COMMON_HEADERS, Location: `/view/${recordUrlPath(options.record)}` });
        return void res.end();
      }
      return send(res, 200, 'text/html; charset=utf-8', listPage(lang, await archiveRecords()));
    }
    if (path === '/favicon.ico') {
      // Browsers ask for it unprompted; no icon, and no error in the console.
      res.writeHead(204, COMMON_HEADERS);
      return void res.end();
    }
    const asset = assets.get(path);
    if (asset) {
      let body = assetCache.get(path);
      if (!body) assetCache.set(path, (body = readFileSync(asset.file)));
      return send(res, 200, asset.type, body);
    }
    const m = /^\/(view|pdf|docx|state|events)\/(.+)$/.exec(path);
    const record = m ? decodeRecordPath(m[2]!) : undefined;
    const state = record !== undefined ? await stateOf(record) : undefined;
    if (!m || !state) return text(res, 404, 'preview.http.not-found');
    switch (m[1]) {
      case 'view':
        return send(res, 200, 'text/html; charset=utf-8', recordPage(lang, state.record, viewer, options.record !== undefined));
      case 'state':
        await state.ensure();
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(pageSnapshot(state.snapshot(), lang), null, 2) + '\n');
      case 'pdf':
      case 'docx': {
        await state.ensure();
        const outputs = state.outputs;
        if (!outputs) return text(res, 404, 'preview.http.no-output');
        const name = state.record.split('/').pop()!.replace(/\.ya?ml$/i, `.${m[1]}`);
        const type = m[1] === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
        const etag = `"${outputs.tag}"`;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { ...COMMON_HEADERS, ETag: etag });
          return void res.end();
        }
        const disposition = `${m[1] === 'pdf' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`;
        return send(res, 200, type, m[1] === 'pdf' ? outputs.pdf : outputs.docx, { ETag: etag, 'Content-Disposition': disposition });
      }
      default: {
        // events
        res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
        if (req.method === 'HEAD') return void res.end();
        let set = listeners.get(state.record);
        if (!set) listeners.set(state.record, (set = new Set()));
        set.add(res);
        req.on('close', () => set.delete(res));
        // A page that reconnects may have missed changes: render anew, then send the state.
        await state.refresh();
        watcher.set(watchTargets());
        res.write(`retry: 1000\nevent: update\ndata: ${JSON.stringify(pageSnapshot(state.snapshot(), lang))}\n\n`);
        return;
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      process.stderr.write(`hattama preview: ${msg('preview.internal', { detail: (err as Error).stack ?? String(err) })}\n`);
      if (!res.headersSent) text(res, 500, 'preview.http.internal');
      else res.end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Keeps event streams alive through idle proxies and lets a closed page be noticed.
  const keepAlive = setInterval(() => {
    for (const set of listeners.values()) for (const res of set) res.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  if (options.port !== undefined) {
    try {
      port = await listen(server, options.port);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(options.port);
      throw err;
    }
  } else {
    for (let i = 0; ; i++) {
      try {
        port = await listen(server, DEFAULT_PORT + i);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || i >= PORT_TRIES) throw err;
      }
    }
  }
  watcher.set(watchTargets());

  const base = `http://${LOOPBACK}:${port}`;
  return {
    port,
    url: options.record !== undefined ? `${base}/view/${recordUrlPath(options.record)}` : `${base}/`,
    close: () =>
      new Promise<void>((done) => {
        clearInterval(keepAlive);
        watcher.close();
        for (const set of listeners.values()) for (const res of set) res.end();
        listeners.clear();
        server.close(() => done());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** The record `file` (as typed, relative to `cwd`) as a path from the root, or undefined when it is outside the root. */
export function recordFromRoot(root: string, file: string, cwd: string = process.cwd()): string | undefined {
  const full = resolve(cwd, file);
  if (!isInside(root, full) || full === root) return undefined;
  return relative(root, full).split('\\').join('/');
}
