#!/usr/bin/env node
// The hattama command. dist/ is built by `npm run build` (run by `npm ci` via `prepare`,
// and by `npm pack` via `prepack`, so the package carries it).
//
// `render` and `build` start from the start-up snapshot dist/hattama.blob when it is
// there and was made by this very Node for this very place (checked against
// its sidecar dist/hattama.blob.json): a second Node process, started with
// --snapshot-blob, runs the command with everything already loaded and
// compiled. That costs this process's own start, so commands where the
// snapshot does not win that back (--help, validate, seal, …) run here from
// the ordinary bundle, as does everything when the snapshot is missing,
// stale, from another Node, or HATTAMA_NO_SNAPSHOT=1, or when V8 refuses it
// (a damaged blob: see runFromSnapshot), or when the child hands a large build back
// (src/snapshot/handover.ts: one process instead of two for the whole build). Output is the same either way. (A #!/bin/sh launcher could exec node with the flag and save
// this start, but npm's Windows shims cannot run one.)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputsStamp } from './snapshot-inputs.js';

if (!existsSync(new URL('../dist/hattama.js', import.meta.url))) {
  // Installed without its build (a git install whose prepare script did not run):
  // say so in the user's language, from the catalogue, instead of a module-not-found trace.
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const lang = ['kk', 'ru'].includes(env.slice(0, 2)) ? env.slice(0, 2) : 'en';
  let text = 'hattama is installed without dist/ (its build).';
  try {
    const line = readFileSync(new URL(`../data/messages/${lang}/init.yaml`, import.meta.url), 'utf8').match(/^package\.no-dist: "(.*)"$/m);
    if (line) text = JSON.parse(`"${line[1]}"`);
  } catch {
    // the English sentence above
  }
  process.stderr.write(`hattama: ${text}\n`);
  process.exit(1);
}

/**
 * Commands that start faster from the snapshot, even counting this process:
 * render, and build (its own thread renders with the snapshot's compiled code
 * from the first record; a build with nothing to do pays the second start).
 */
const SNAPSHOT_COMMANDS = new Set(['render', 'build']);

const args = process.argv.slice(2);

/** The blob to start from, or undefined to run here. */
function usableSnapshot() {
  if (!SNAPSHOT_COMMANDS.has(args[0]) || process.env.HATTAMA_NO_SNAPSHOT === '1') return undefined;
  // V8 refuses a snapshot made with other V8 flags, and NODE_OPTIONS may carry some.
  if (process.env.NODE_OPTIONS || process.execArgv.length) return undefined;
  try {
    const root = realpathSync(join(dirname(fileURLToPath(import.meta.url)), '..'));
    const dist = join(root, 'dist');
    const info = JSON.parse(readFileSync(join(dist, 'hattama.blob.json'), 'utf8'));
    const blob = join(dist, 'hattama.blob');
    const b = statSync(blob);
    const execPath = realpathSync(process.execPath);
    const e = statSync(execPath);
    const same =
      info.format === 1 &&
      info.node === process.version &&
      info.arch === process.arch &&
      info.platform === process.platform &&
      info.execPath === execPath &&
      info.execStamp === `${e.size}:${Math.trunc(e.mtimeMs)}` &&
      info.root === root &&
      info.inputs === inputsStamp(root) &&
      info.size === b.size &&
      info.blobStamp === Math.trunc(b.mtimeMs);
    return same ? blob : undefined;
  } catch {
    return undefined;
  }
}

/**
 * glibc's malloc arenas for the snapshot child, unless the user sets their
 * own. By default glibc gives each thread that allocates (the build's worker
 * thread, libuv's and V8's helpers) an arena of its own, each holding on to
 * freed memory: with two, a 3,000-record build peaked 12 MB lower, for the
 * same CPU time. Other C libraries ignore the variable.
 */
const MALLOC_ARENAS = '2';

/**
 * V8's helper threads for a build in the snapshot child on a machine of one
 * or two cores: one, instead of Node's four. They compile hot code and
 * collect garbage beside the rendering threads; on a 2-core machine four of
 * them cost more CPU than they saved (paired, snapshot child alone: 0.85× the
 * CPU and 0.91× the time at 100 records, 0.96× and 0.96× at 1,000; two
 * helpers: 0.94× and 0.98×). With more cores Node's default stays: not
 * measured there. A render or validate gained nothing either way and keeps
 * the default. A Node option, not a V8 flag: the snapshot accepts it.
 */
const BUILD_V8_HELPERS = availableParallelism() <= 2 ? ['--v8-pool-size=1'] : [];

/** Signals passed on to the snapshot child: the launcher stops when it does, never leaving it writing. */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs the command in a child started from `blob`. Resolves to its outcome,
 * or to undefined when the child handed the command back to this process
 * before reading or writing anything (a large build: src/snapshot/handover.ts),
 * or when nothing of hattama ran there: V8 refused the blob (a
 * damaged one dies by SIGTRAP in its checksum check, before any code runs)
 * or the child could not be started. The child's start function writes one
 * byte to fd 3 before it does anything (src/snapshot/entry.ts): without it,
 * nothing was read or written, and the ordinary bundle runs the command here.
 * Its stderr passes through this process, held back until that byte comes, so
 * that V8's fatal-error report on a refused blob is never shown. (Commands on
 * the snapshot path must not depend on stderr being a terminal.)
 */
function runFromSnapshot(blob) {
  return new Promise((resolve) => {
    let child;
    try {
      // A terminal on stderr is handed over as fd 4 as well: once started, the child writes there
      // directly, so what depends on a terminal (build's progress bar, its width) is as here.
      const terminal = process.stderr.isTTY === true;
      child = spawn(process.execPath, ['--snapshot-blob', blob, ...(args[0] === 'build' ? BUILD_V8_HELPERS : []), fileURLToPath(import.meta.url), ...args], {
        stdio: ['inherit', 'inherit', 'pipe', 'pipe', ...(terminal ? [2] : [])],
        env: { MALLOC_ARENA_MAX: MALLOC_ARENAS, ...process.env, HATTAMA_STARTED_FD: '3', ...(terminal ? { HATTAMA_TERMINAL_FD: '4' } : {}) },
      });
    } catch {
      resolve(undefined);
      return;
    }
    let started = false;
    let forwarded = false;
    // The child asked this process to run the command itself (src/snapshot/handover.ts: a large build).
    let handedOver = false;
    let received;
    const forward = (signal) => {
      forwarded = true;
      received = signal;
      child.kill(signal);
    };
    for (const s of FORWARDED) process.on(s, forward);
    // A reader of this process's stderr that goes away (`2>&1 | head`) must not stop it: the child goes on.
    process.stderr.on('error', () => undefined);
    const held = [];
    child.stderr.on('data', (chunk) => (started ? process.stderr.write(chunk) : held.push(chunk)));
    child.stdio[3].on('data', (chunk) => {
      if (chunk.includes('h')) handedOver = true;
      if (started) return;
      started = true;
      for (const chunk of held.splice(0)) process.stderr.write(chunk);
    });
    child.stdio[3].on('error', () => undefined);
    child.on('error', () => undefined);
    // 'close': after fd 3 is read to its end, so `started` is known.
    child.on('close', (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      // Stopped while handing over: the child's exit says nothing of the build, which never ran; end as asked.
      if (forwarded && handedOver) resolve({ code: null, signal: received });
      else resolve((started && !handedOver) || forwarded ? { code, signal } : undefined);
    });
  });
}

const blob = usableSnapshot();
const r = blob ? await runFromSnapshot(blob) : undefined;
if (r) {
  // The child's end is the launcher's: the same signal, or the same exit code.
  if (r.signal) process.kill(process.pid, r.signal);
  process.exitCode = r.code ?? 70;
} else {
  const { main } = await import('../dist/hattama.js');
  process.exitCode = await main(args);
}
