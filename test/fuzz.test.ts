/**
 * Fuzzing in the suite: mutated records (seeded, reproducible) never crash
 * hattama, every diagnostic is placed in the record, and whatever validates
 * renders. `npm run fuzz` runs the same properties on 10,000 cases.
 * FUZZ_RUNS and FUZZ_SEED override the count and seed; FUZZ_CASE replays one case.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASES, checkCase, describeSummary, runFuzz } from './fuzz/harness.js';
import { makeCase } from './fuzz/mutate.js';
import { hattama } from './support/cli.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20251225);
const ONLY = process.env['FUZZ_CASE'];

describe('fuzzed records', () => {
  it(`${RUNS} mutations of valid records: no crash, every diagnostic placed, every valid one renders`, { timeout: Math.max(60_000, RUNS * 2_000) }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-fuzz-'));
    if (ONLY !== undefined) {
      const c = makeCase(SEED, Number(ONLY), BASES);
      const r = await checkCase(c, dir);
      process.stdout.write(`case ${ONLY} (${c.base}: ${c.mutations.join(', ')}) in ${dir}: ${r.problems.join('\n') || (r.rendered ? 'rendered' : 'refused')}\n`);
      expect(r.problems).toEqual([]);
      return;
    }
    const started = performance.now();
    const summary = await runFuzz(SEED, RUNS, dir, (done) => process.stdout.write(`fuzz: ${done}/${RUNS}\n`));
    process.stdout.write(describeSummary(summary, performance.now() - started) + '\n');
    // The run must exercise both sides of validation, or it proves little.
    expect(summary.rendered).toBeGreaterThan(RUNS / 20);
    expect(summary.refused).toBeGreaterThan(RUNS / 4);
    expect(summary.failures.map((f) => `case ${f.index}: ${f.problem}`)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('through the command line too: validate over a folder of mutated records exits 0 or 1 and prints no stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-fuzz-cli-'));
    try {
      mkdirSync(join(dir, 'meetings'));
      for (let i = 0; i < 40; i++) writeFileSync(join(dir, 'meetings', `case-${i}.yaml`), makeCase(SEED + 1, i, BASES).bytes);
      expect(readdirSync(join(dir, 'meetings'))).toHaveLength(40);
      const r = hattama(['validate', 'meetings'], { cwd: dir });
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).toMatch(/^40 records checked: /m);
      for (const line of r.stderr.trim().split('\n').slice(0, -1)) expect(line).toMatch(/^meetings\/case-\d+\.yaml:\d+:\d+: (error|warning): .+ \[[\w/-]+\]$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
