import { stat } from 'node:fs/promises';
import { archivePlace } from '../../archive/root.js';
import { isRecordFile } from '../../archive/discover.js';
import { msg } from '../../messages/index.js';
import { escapeForTerminal } from '../../parse/terminal.js';
import { PortInUseError, recordFromRoot, startPreview } from '../../preview/server.js';
import { EXIT } from '../report.js';

/** Options of `hattama preview`. */
export interface PreviewCommandOptions {
  /** As typed; checked here so the message names the value. */
  readonly port?: string;
}

const say = (out: NodeJS.WriteStream, text: string): void => void out.write(escapeForTerminal(text) + '\n');

/** The port typed, or undefined when it is not a port number. */
export function parsePort(value: string): number | undefined {
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 65535 ? n : undefined;
}

/**
 * `hattama preview [file] [--port N]`: serves the record (or the list of the
 * archive's records) on 127.0.0.1 until Ctrl-C, then exits 0.
 */
export async function previewCommand(typedFile: string | undefined, options: PreviewCommandOptions): Promise<number> {
  let port: number | undefined;
  if (options.port !== undefined) {
    port = parsePort(options.port);
    if (port === undefined) {
      say(process.stderr, `${msg('cli.error.prefix')}: ${msg('preview.cli.port-invalid', { value: options.port })}`);
      return EXIT.usage;
    }
  }
  const place = archivePlace();
  let record: string | undefined;
  if (typedFile !== undefined) {
    const s = await stat(typedFile).catch(() => undefined);
    if (!s?.isFile()) {
      say(process.stderr, `${msg('cli.error.prefix')}: ${msg('preview.cli.missing', { file: typedFile })}`);
      return EXIT.invalid;
    }
    record = recordFromRoot(place.root, typedFile);
    if (record === undefined || !isRecordFile(record.split('/').pop() ?? '')) {
      say(process.stderr, `${msg('cli.error.prefix')}: ${msg('preview.cli.not-record', { file: typedFile })}`);
      return EXIT.invalid;
    }
  }
  if (place.root !== process.cwd()) process.chdir(place.root);

  let server;
  try {
    server = await startPreview({
      root: place.root,
      ...(record !== undefined && { record }),
      ...(port !== undefined && { port }),
      onRender: (file, state, errors) =>
        say(process.stderr, state === 'ok' ? msg('preview.cli.updated', { file }) : msg('preview.cli.failed', { file, n: errors })),
    });
  } catch (err) {
    if (!(err instanceof PortInUseError)) throw err;
    say(process.stderr, `${msg('cli.error.prefix')}: ${msg('preview.cli.port-in-use', { port: err.port })}`);
    return EXIT.invalid;
  }
  say(process.stdout, msg('preview.cli.listening', { url: server.url }));

  // Runs until Ctrl-C (or a TERM from a supervisor), then closes everything and exits 0.
  await new Promise<void>((stop) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await server.close();
  say(process.stderr, msg('preview.cli.stopped'));
  return EXIT.ok;
}
