/** Generated validators must match their schemas: edit a schema, run `npm run gen`. */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { ROOT } from './support/seed.js';
// @ts-expect-error: a plain .mjs build script without types
import { VALIDATORS, generate } from '../scripts/gen-validators.mjs';

it.each(VALIDATORS as [string, string][])('%s is compiled into %s, up to date', (schema, out) => {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    expect(readFileSync(join(ROOT, out), 'utf8')).toBe((generate as (s: string) => string)(schema));
  } finally {
    process.chdir(cwd);
  }
});

it('the schemas are valid JSON Schema (draft-07 meta-schema)', () => {
  const ajv = new Ajv({ strict: false });
  for (const [schema] of VALIDATORS as [string, string][]) {
    expect(ajv.validateSchema(JSON.parse(readFileSync(join(ROOT, schema), 'utf8'))), JSON.stringify(ajv.errors)).toBe(true);
  }
});

it('the build precompiles every built-in template and YAML file under the key the engine looks up', async () => {
  const { readdirSync } = await import('node:fs');
  const { parse } = await import('yaml');
  const { precompiledTemplate, precompiledYaml } = await import('../src/util/precompiled.js');
  const { partialSource } = await import('../src/template/engine.js');
  const files = ['templates', 'data'].flatMap((d) =>
    readdirSync(join(ROOT, d), { recursive: true })
      .map(String)
      .filter((f) => /\.(hbs|ya?ml)$/.test(f))
      .map((f) => join(d, f)),
  );
  expect(files.filter((f) => f.startsWith('data')).length).toBeGreaterThanOrEqual(3 * 20);
  for (const f of files) {
    const text = readFileSync(join(ROOT, f), 'utf8');
    if (f.endsWith('.hbs')) expect(precompiledTemplate(f.includes('partials') ? partialSource(text) : text), f).toBeTypeOf('string');
    else expect(precompiledYaml(text), f).toEqual({ value: parse(text) });
  }
  // An edited text is not found: it is compiled or parsed at run time.
  const text = readFileSync(join(ROOT, 'data', 'calendar-kz.yaml'), 'utf8');
  expect(precompiledYaml(`${text}\n# edited\n`)).toBeUndefined();
});

it("hattama's own data files check the same with and without the build's cache, without a single problem", async () => {
  const { checkData, parseAndCheckData } = await import('../src/validate/data-file.js');
  const { default: validateCalendar } = await import('../src/validate/generated/calendar.js');
  const { default: validateRules } = await import('../src/validate/generated/referral-rules.js');
  for (const [file, validate] of [
    ['data/calendar-kz.yaml', validateCalendar],
    ['data/referral-rules.yaml', validateRules],
  ] as const) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const full = parseAndCheckData(file, text, validate as never);
    const cached = checkData(file, text, validate as never);
    expect(full.diagnostics, file).toEqual([]);
    expect(cached.diagnostics, file).toEqual([]);
    expect(cached.value, file).toEqual(full.value);
    // Positions are still there when asked for: the source is parsed then.
    expect(cached.source.file).toBe(file);
  }
});

it('every property of every schema has help in Kazakh and English ("kk / en")', () => {
  type S = { description?: string; $ref?: string; properties?: Record<string, S>; items?: S; definitions?: Record<string, S> };
  for (const [file] of VALIDATORS as [string, string][]) {
    const root = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as S;
    const resolve = (s: S): S => (s.$ref ? root.definitions![s.$ref.replace('#/definitions/', '')]! : s);
    const missing: string[] = [];
    const walk = (s: S, path: string): void => {
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        const d = v.description ?? resolve(v).description;
        if (!d || !/[\u0400-\u04FF].* \/ [A-Za-z]/.test(d)) missing.push(`${path}${k}`);
        walk(resolve(v), `${path}${k}.`);
        if (v.items) walk(resolve(v.items), `${path}${k}[].`);
      }
    };
    walk(root, '');
    for (const d of Object.values(root.definitions ?? {})) walk(d, '');
    expect(missing, file).toEqual([]);
  }
});
