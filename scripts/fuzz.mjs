// `npm run fuzz`: the fuzz properties of test/fuzz.test.ts on many more cases.
//   FUZZ_RUNS  number of cases (default 10000)
//   FUZZ_SEED  the run's seed (default: a fresh one, printed so the run can be repeated)
//   FUZZ_CASE  replay one case of that seed
// Failing cases are kept in the temporary folder the summary names.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const runs = process.env.FUZZ_RUNS ?? '10000';
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
process.stdout.write(`fuzz: ${runs} cases, seed ${seed} (repeat with FUZZ_SEED=${seed} npm run fuzz)\n`);
// The vitest command's own script, found beside its package.json (its exports hide the file).
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz.test.ts', '-t', 'mutations of valid records'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});
process.exit(r.status ?? 1);
