/**
 * A build worker: renders records sent by the build, keeping its fonts and
 * templates loaded between records. Each worker parses the fonts once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderOne, type RenderJob } from './render-job.js';
import { isLanguage, setLanguage } from '../messages/index.js';

if (!parentPort) throw new Error('hattama: worker.ts must run in a worker thread');
const port = parentPort;
// Messages worded here (diagnostics, write failures) speak the build's language.
const { lang } = (workerData ?? {}) as { lang?: unknown };
if (isLanguage(lang)) setLanguage(lang);
// A test hook: the worker exits on receiving record N+1, with records in hand (only when set).
const exitAfter = Number(process.env['HATTAMA_TEST_WORKER_EXIT_AFTER'] ?? NaN);
let received = 0;
port.on('message', (job: RenderJob) => {
  if (++received > exitAfter) process.exit(3);
  void renderOne(job).then((result) => {
    port.postMessage(result, [...Object.values(result.outputs ?? {})].map((b) => b.buffer as ArrayBuffer));
  });
});
