import { execFileSync } from 'node:child_process';

/** Builds dist/ so CLI tests run the same bundle users run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
