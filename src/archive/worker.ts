/**
 * A build worker: renders records sent by the build, keeping its fonts and
 * templates loaded between records. Each worker parses the fonts once.
 */
import { parentPort } from 'node:worker_threads';
import { renderOne, type RenderJob } from './render-job.js';

if (!parentPort) throw new Error('hattama: worker.ts must run in a worker thread');
const port = parentPort;
// A test hook: the worker exits on receiving record N+1, with records in hand (only when set).
const exitAfter = Number(process.env['HATTAMA_TEST_WORKER_EXIT_AFTER'] ?? NaN);
let received = 0;
port.on('message', (job: RenderJob) => {
  if (++received > exitAfter) process.exit(3);
  void renderOne(job).then((result) => {
    port.postMessage(result, [...Object.values(result.outputs ?? {})].map((b) => b.buffer as ArrayBuffer));
  });
});
