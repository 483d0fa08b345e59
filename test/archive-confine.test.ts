/**
 * Nothing outside the archive is read, written or deleted: the archive root is
 * found from any folder, configuration above it has no effect, paths in
 * out/manifest.json and hattama.yaml are confined, nothing is written through
 * a symbolic link, and skipped records are named.
 */
import { describe, expect, it, beforeEach } from 'vitest';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';
import { ROOT } from './support/seed.js';
import { findArchiveRoot, confine, ConfinementError } from '../src/archive/root.js';
import { configFor, findConfigFile } from '../src/config/load.js';
import { fontProblem } from '../src/config/font-check.js';

const SEED = '2025/2025-12-25-board-of-trustees-02';
/** base/ holds the archive base/arc/ and things outside it that must stay untouched. */
let base: string;
let arc: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'hattama-confine-'));
  arc = join(base, 'arc');
  cpSync(join(ROOT, 'meetings'), join(arc, 'meetings'), { recursive: true });
  writeFileSync(join(base, 'victim.txt'), 'precious');
});

const draft = (number: number, date: string): string =>
  readFileSync(join(ROOT, 'meetings', `${SEED}.yaml`), 'utf8').replace('number: 2', `number: ${number}`).replace('date: 2025-12-25', `date: ${date}`).replace('status: signed', 'status: draft');

describe('the archive root', () => {
  it('is the nearest folder with meetings/ or hattama.yaml; a hattama.yaml inside meetings/ does not make one', () => {
    mkdirSync(join(arc, 'meetings/2025/sub'), { recursive: true });
    expect(findArchiveRoot(join(arc, 'meetings/2025/sub'))).toBe(arc);
    writeFileSync(join(arc, 'meetings/2025/hattama.yaml'), 'rules: { quorum: 0.5 }\n');
    expect(findArchiveRoot(join(arc, 'meetings/2025/sub'))).toBe(arc);
    expect(findConfigFile(join(arc, 'meetings/2025/sub'))).toBe(join(arc, 'meetings/2025/hattama.yaml'));
    // A hattama.yaml above the archive is not the archive's.
    writeFileSync(join(base, 'hattama.yaml'), 'rules: { quorum: 0.5 }\n');
    expect(findArchiveRoot(join(arc, 'out'))).toBe(arc);
    expect(findConfigFile(join(arc, 'meetings'))).toBeUndefined();
    expect(findArchiveRoot(base)).toBe(base);
  });

  it('bounds configuration: a hattama.yaml above the archive changes nothing, the archive’s own does', () => {
    writeFileSync(join(base, 'hattama.yaml'), 'bogus: 1\n');
    const r = hattama(['build'], { cwd: join(arc, 'meetings') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('bogus');
    // The same file inside the archive is read (the control: the test can fail).
    writeFileSync(join(arc, 'hattama.yaml'), 'bogus: 1\n');
    const own = hattama(['validate', 'meetings'], { cwd: arc });
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('hattama.yaml:1:1: error: unknown key "bogus" in hattama.yaml');
  });

  it('build and render from a subfolder write the root’s out/, printing paths from the root or as typed', () => {
    writeFileSync(join(arc, 'meetings/2025/a.yaml'), draft(3, '2025-12-28'));
    const sub = join(arc, 'meetings/2025');
    const b = hattama(['build', '--format', 'pdf'], { cwd: sub });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain('built meetings/2025/a.yaml\n');
    expect(existsSync(join(arc, 'out/2025/a.pdf'))).toBe(true);
    expect(existsSync(join(sub, 'out'))).toBe(false);
    const r = hattama(['render', 'a.yaml', '--format', 'docx'], { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('out/2025/a.docx\n');
    expect(existsSync(join(arc, 'out/2025/a.docx'))).toBe(true);
    const abs = join(base, 'elsewhere');
    const r2 = hattama(['render', 'a.yaml', '--format', 'docx', '--out', abs], { cwd: sub });
    expect(r2.stdout).toBe(`${join(abs, 'a.docx')}\n`);
    expect(r2.stdout).not.toContain('../');
  });
});

describe('confinement', () => {
  /** Builds once, then plants `records` in out/manifest.json beside the real ones. */
  function craftManifest(records: Record<string, { pdf: string }>): void {
    expect(hattama(['build'], { cwd: arc }).code).toBe(0);
    const file = join(arc, 'out/manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as { records: Record<string, { outputs: object; entry: object }> };
    const real = m.records[`${SEED}.yaml`]!;
    for (const [record, { pdf }] of Object.entries(records)) {
      m.records[record] = { ...real, outputs: { pdf: { size: 8, mtimeMs: 1 } }, entry: { ...real.entry, record, outputs: { pdf } } };
    }
    writeFileSync(file, JSON.stringify(m));
  }

  it('a crafted manifest deletes nothing outside out/: ../, an absolute path, a linked folder', () => {
    mkdirSync(join(base, 'victims'));
    writeFileSync(join(base, 'victims/v.pdf'), 'precious');
    craftManifest({ '2025/gone.yaml': { pdf: '../../victim.txt' }, '2025/abs.yaml': { pdf: join(base, 'victim.txt') } });
    symlinkSync(join(base, 'victims'), join(arc, 'out/linked'));
    const file = join(arc, 'out/manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as { records: Record<string, { entry: { outputs: object } }> };
    m.records['linked/x.yaml'] = { ...m.records['2025/gone.yaml']!, entry: { ...m.records['2025/gone.yaml']!.entry, record: 'linked/x.yaml', outputs: { pdf: 'linked/v.pdf' } } } as never;
    writeFileSync(file, JSON.stringify(m));
    const r = hattama(['build'], { cwd: arc });
    expect(readFileSync(join(base, 'victim.txt'), 'utf8')).toBe('precious');
    expect(readFileSync(join(base, 'victims/v.pdf'), 'utf8')).toBe('precious');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('out/manifest.json: error: entry "2025/gone.yaml" refused: its pdf output "../../victim.txt" is refused: it points outside out');
    expect(r.stderr).toContain('out/manifest.json: error: entry "2025/abs.yaml" refused');
    expect(r.stderr).toContain('entry "linked/x.yaml" refused: its pdf output "linked/v.pdf" is refused: out/linked is a symbolic link');
    // The refused entries are gone: the next build is clean.
    expect(hattama(['build'], { cwd: arc }).code).toBe(0);
  });

  it('refuses a manifest entry whose fields are not of their types, naming it, and claims its record afresh', () => {
    expect(hattama(['build'], { cwd: arc }).code).toBe(0);
    const file = join(arc, 'out/manifest.json');
    for (const [field, value] of [['organisation', null], ['body', 7], ['agenda', 'x'], ['number', '1'], ['status', 'sealed'], ['date', 'garbage'], ['date', '2025-02-30'], ['year', 1999], ['resolutions', -1]] as const) {
      const m = JSON.parse(readFileSync(file, 'utf8')) as { records: Record<string, { entry: Record<string, unknown> }> };
      m.records[`${SEED}.yaml`]!.entry[field] = value;
      writeFileSync(file, JSON.stringify(m));
      const r = hattama(['build'], { cwd: arc });
      expect(r.stderr, field).toContain(`out/manifest.json: error: entry "${SEED}.yaml" refused: it is not a manifest entry`);
      expect(r.stderr, field).not.toContain('internal');
      expect(r.code, field).toBe(1);
      // Claimed again as it is: the entry is whole, and the next build is clean.
      const again = JSON.parse(readFileSync(file, 'utf8')) as { records: Record<string, { entry: Record<string, unknown> }> };
      expect(typeof again.records[`${SEED}.yaml`]!.entry['organisation'], field).toBe('string');
      expect(hattama(['build'], { cwd: arc }).code, field).toBe(0);
    }
  });

  it('never writes through a link planted at an output’s name or as a folder on the way', () => {
    writeFileSync(join(arc, 'meetings/2025/a.yaml'), draft(3, '2025-12-28'));
    mkdirSync(join(arc, 'out/2025'), { recursive: true });
    symlinkSync(join(base, 'victim.txt'), join(arc, 'out/2025/a.pdf'));
    symlinkSync(join(base, 'victim.txt'), join(arc, `out/${SEED}.docx`));
    mkdirSync(join(base, 'victims'));
    mkdirSync(join(arc, 'meetings/2026'));
    writeFileSync(join(arc, 'meetings/2026/b.yaml'), draft(1, '2026-01-20'));
    symlinkSync(join(base, 'victims'), join(arc, 'out/2026'));
    const r = hattama(['build'], { cwd: arc });
    expect(readFileSync(join(base, 'victim.txt'), 'utf8')).toBe('precious');
    expect(readdirSync(join(base, 'victims'))).toEqual([]);
    // The planted file links were replaced by the real files.
    expect(lstatSync(join(arc, 'out/2025/a.pdf')).isFile()).toBe(true);
    expect(readFileSync(join(arc, 'out/2025/a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(lstatSync(join(arc, `out/${SEED}.docx`)).isFile()).toBe(true);
    // The linked folder is refused, naming it; the record keeps failing until it is removed.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/2026/b.yaml: error: cannot write out/2026/b.docx: out/2026 is a symbolic link, and hattama never reads, writes or deletes through one');
    expect(r.stderr).toMatch(/3 records: 2 built, 0 unchanged, 1 failed/);
  });

  it('names symlinked and unreadable records instead of skipping them silently', () => {
    writeFileSync(join(base, 'outside.yaml'), draft(3, '2025-12-28'));
    symlinkSync(join(base, 'outside.yaml'), join(arc, 'meetings/2025/linked.yaml'));
    symlinkSync(join(base, 'nowhere.yaml'), join(arc, 'meetings/2025/dangling.yaml'));
    mkdirSync(join(base, 'more'));
    symlinkSync(join(base, 'more'), join(arc, 'meetings/more'));
    const r = hattama(['build'], { cwd: arc });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/2025/linked.yaml: error: is a symbolic link; hattama reads only real files and folders inside the records folder, so it was skipped');
    expect(r.stderr).toContain('meetings/2025/dangling.yaml: error: is a symbolic link');
    expect(r.stderr).toContain('meetings/more: error: is a symbolic link');
    expect(r.stderr).toMatch(/4 records: 1 built, 0 unchanged, 3 failed/);
  });

  it.skipIf(process.getuid?.() === 0)('names a record that cannot be read (not as root, where permissions do not apply)', async () => {
    const { chmodSync } = await import('node:fs');
    writeFileSync(join(arc, 'meetings/2025/a.yaml'), draft(3, '2025-12-28'));
    chmodSync(join(arc, 'meetings/2025/a.yaml'), 0);
    const r = hattama(['build'], { cwd: arc });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/2025/a.yaml: error: this record cannot be read (EACCES)');
  });

  it('confine() refuses escapes and links, allows what stays inside', () => {
    mkdirSync(join(arc, 'out/real'), { recursive: true });
    symlinkSync(join(base, 'victims'), join(arc, 'out/ln'));
    const out = join(arc, 'out');
    expect(confine(out, 'real/x.pdf')).toBe(join(out, 'real/x.pdf'));
    expect(confine(out, 'new/deeper/x.pdf')).toBe(join(out, 'new/deeper/x.pdf'));
    for (const bad of ['../x', '/etc/passwd', 'real/../../x', 'ln/x.pdf', 'ln', '', 'a\0b']) expect(() => confine(out, bad), bad).toThrow(ConfinementError);
    expect(confine(out, 'ln', { allowLinkAtEnd: true })).toBe(join(out, 'ln'));
  });
});

describe('paths in hattama.yaml', () => {
  it('a font that is not a font, a folder, a cut-off font and one outside the archive are named; template folders must be folders', () => {
    writeFileSync(join(arc, 'notes.txt'), 'not a font at all\n');
    const tinos = join(ROOT, 'node_modules/@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf');
    writeFileSync(join(arc, 'cut.ttf'), readFileSync(tinos).subarray(0, 4000));
    writeFileSync(join(base, 'outside.ttf'), readFileSync(tinos));
    writeFileSync(join(arc, 'tpl-file'), 'x');
    writeFileSync(
      join(arc, 'hattama.yaml'),
      ['templates: tpl-file', 'style:', '  font:', '    pdf:', '      regular: notes.txt', '      bold: cut.ttf', '      italic: ../outside.ttf', '      boldItalic: meetings', ''].join('\n'),
    );
    const r = hattama(['render', `meetings/${SEED}.yaml`, '--out', join(base, 'o')], { cwd: arc });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('hattama.yaml:1:12: error: template folder "tpl-file" is not a folder [config]');
    expect(r.stderr).toContain('hattama.yaml:5:16: error: font file "notes.txt" cannot be used: it is not a TrueType font file [config]');
    expect(r.stderr).toContain('hattama.yaml:6:13: error: font file "cut.ttf" cannot be used: it is cut off');
    expect(r.stderr).toContain('hattama.yaml:7:15: error: font file "../outside.ttf" is outside the archive');
    expect(r.stderr).toContain('hattama.yaml:8:19: error: font file "meetings" cannot be used: it is');
    expect(existsSync(join(base, 'o'))).toBe(false);
    expect(fontProblem(tinos)).toBeUndefined();
  });

  it('an "npm:" font must name a file inside a package, never a path out of node_modules', () => {
    writeFileSync(
      join(arc, 'hattama.yaml'),
      ['style:', '  font:', '    pdf:', '      regular: npm:../../../../usr/share/fonts/x.ttf', '      bold: npm:/etc/passwd', '      italic: npm:pkg/../../x.ttf', ''].join('\n'),
    );
    const { diagnostics } = configFor(join(arc, 'meetings/2025'));
    const messages = diagnostics.map((d) => `${d.position?.line}:${d.position?.column} ${d.message}`);
    for (const [line, name] of [[4, 'npm:../../../../usr/share/fonts/x.ttf'], [5, 'npm:/etc/passwd'], [6, 'npm:pkg/../../x.ttf']] as const) {
      expect(messages.some((m) => m.startsWith(`${line}:`) && m.includes(`font "${name}" must name a file inside an installed package`)), messages.join('\n')).toBe(true);
    }
  });

  it('a template folder below a file, or outside the archive, is a message, never an exception', () => {
    writeFileSync(join(arc, 'tpl-file'), 'x');
    mkdirSync(join(base, 'tpl-outside'));
    writeFileSync(join(arc, 'hattama.yaml'), 'templates: [tpl-file/sub, ../tpl-outside]\n');
    const { config, diagnostics } = configFor(join(arc, 'meetings/2025'));
    expect(config.templateDirs).toEqual([]);
    expect(diagnostics.map((d) => `${d.position?.line}:${d.position?.column} ${d.message}`)).toEqual([
      '1:13 template folder "tpl-file/sub" does not exist',
      `1:27 template folder "../tpl-outside" is outside the archive (${arc}); keep templates inside it`,
    ]);
  });
});
