/**
 * A build worker: renders records sent by the build, keeping its fonts and
 * templates loaded between records. Each worker parses the fonts once.
 */
import { parentPort } from 'node:worker_threads';
import { renderOne, type RenderJob } from './render-job.js';

if (!parentPort) throw new Error('hattama: worker.ts must run in a worker thread');
const port = parentPort;
port.on('message', (job: RenderJob) => {
  void renderOne(job).then((result) => {
    port.postMessage(result, [...Object.values(result.outputs ?? {})].map((b) => b.buffer as ArrayBuffer));
  });
});
