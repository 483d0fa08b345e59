/**
 * The DOCX writer compiles parts through docx's private Packer.compiler and
 * reuses shared parts (src/writers/docx/shared-parts.ts); when a docx release
 * drops that private, it falls back to Packer.pack. Both routes must give the
 * same bytes, so a docx upgrade can never change the minutes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Packer } from 'docx';
import { renderFile } from '../../src/render/render.js';
import { SEED_RECORD } from '../support/seed.js';

const packer = Packer as unknown as { compiler?: unknown };
const original = packer.compiler;
afterEach(() => {
  packer.compiler = original;
});

const seedDocx = async (): Promise<Uint8Array> => {
  const r = await renderFile(SEED_RECORD, { formats: ['docx'] });
  expect(r.outputs, JSON.stringify(r.diagnostics)).toBeDefined();
  return r.outputs!.get('docx')!;
};

describe('the DOCX writer without docx private compiler', () => {
  it('writes the same bytes through Packer.pack as through the compiler with cached shared parts', async () => {
    expect(typeof (original as { compile?: unknown } | undefined)?.compile).toBe('function');
    // First render fills the shared-parts cache, the second uses it.
    await seedDocx();
    const cached = await seedDocx();
    // A compiler without the private formatter: the writer takes the public route (Packer.pack,
    // which still compiles through it), counted here.
    const real = original as { compile: (...a: unknown[]) => unknown };
    let compiled = 0;
    packer.compiler = {
      compile: (...a: unknown[]) => {
        compiled++;
        return real.compile(...a);
      },
    };
    const fallback = await seedDocx();
    expect(compiled).toBe(1);
    expect(Buffer.from(fallback).equals(Buffer.from(cached))).toBe(true);
  });
});
