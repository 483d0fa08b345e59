/**
 * No input makes hattama fail with an internal error: YAML aliases and alias
 * bombs, bytes that are not UTF-8, code points that are not characters,
 * oversized files, texts and nesting all come back as diagnostics at their
 * line:column, exit 1, and never stop the other records. Text from input is
 * escaped whenever it is printed.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile, checkSource } from '../src/validate/index.js';
import { renderFile } from '../src/render/render.js';
import { formatDiagnostic } from '../src/parse/diagnostic.js';
import { decodeUtf8, firstInvalidByte } from '../src/parse/decode.js';
import { escapeForTerminal } from '../src/parse/terminal.js';
import { LIMITS } from '../src/parse/limits.js';
import { hattama } from './support/cli.js';
import { ROOT, SEED_RECORD } from './support/seed.js';

const MINIMAL = readFileSync(join(ROOT, 'test', 'fixtures', 'valid-minimal.yaml'), 'utf8');
const check = (text: string): string[] => checkSource('x.yaml', text).diagnostics.map(formatDiagnostic);
const rules = (text: string): string[] => checkSource('x.yaml', text).diagnostics.map((d) => d.rule);

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hattama-input-'));
  mkdirSync(join(dir, 'meetings', '2025'), { recursive: true });
  writeFileSync(join(dir, 'meetings', '2025', 'seed.yaml'), readFileSync(SEED_RECORD));
  return dir;
}

describe('YAML aliases and anchors', () => {
  it('an alias with no anchor is an error at the alias', () => {
    expect(check(MINIMAL.replace('chair: Сейітова А.Б', 'chair: *a'))).toEqual([
      'x.yaml:10:8: error: the alias "*a" has no anchor "&a" before it; an alias repeats a value marked earlier with &a [yaml/alias]',
    ]);
  });

  it('an alias used before its anchor is refused the same way', () => {
    const text = MINIMAL.replace('chair: Сейітова А.Б', 'chair: *p').replace('secretary: Омарова Д.Е', 'secretary: &p Омарова Д.Е');
    expect(rules(text)).toEqual(['yaml/alias']);
  });

  it('an alias of an earlier anchor is accepted and repeats the value', () => {
    const text = MINIMAL.replace('chair: Сейітова А.Б', 'chair: &p Сейітова А.Б').replace('secretary: Омарова Д.Е', 'secretary: *p');
    const r = checkSource('x.yaml', text);
    expect(r.diagnostics).toEqual([]);
    expect(r.record?.secretary).toBe('Сейітова А.Б');
  });

  it('a billion-laughs alias bomb is refused at the alias that crosses the limit, without expanding it', () => {
    let bomb = 'lol:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let k = 1; k < 9; k++) bomb += `  l${k}: &l${k} [${Array(10).fill(`*l${k - 1}`).join(', ')}]\n`;
    const d = checkSource('x.yaml', MINIMAL + bomb).diagnostics;
    expect(d.map((x) => x.rule)).toEqual(['limit/alias']);
    // l0 holds 11 values, l1 111, l2 1,111. The aliases of l1 and l2 repeat 110 + 1,110 values, so the
    // eighth *l2 on l3's line (line 22, column 12 + 7 × 5) is the one that passes 10,000.
    expect(formatDiagnostic(d[0]!)).toMatch(/^x\.yaml:22:47: error: aliases up to "\*l2" here repeat more than 10,000 values/);
  });

  it('a few hundred repeats of a small anchor are fine', () => {
    const text = MINIMAL.replace('chair: Сейітова А.Б', 'chair: &p Сейітова А.Б') + `x_list: [${Array(500).fill('*p').join(', ')}]\n`;
    expect(rules(text)).toEqual(['schema/unknown-key']);
  });

  it('an alias inside the value it repeats, an alias as a key, and a list as a key are refused', () => {
    expect(rules(MINIMAL.replace('chair: Сейітова А.Б', 'chair: &c\n  name: X\n  position: [*c]'))).toEqual(['yaml/alias']);
    expect(check(MINIMAL.replace('body: board-of-trustees', '&k body: board-of-trustees\n*k : parents-meeting'))).toEqual([
      'x.yaml:6:1: error: a key cannot be an alias ("*k"); write the key itself [yaml/alias-key]',
    ]);
    expect(check(MINIMAL.replace('number: 1', '? [number]\n: 1'))).toEqual(['x.yaml:6:3: error: a key must be text, not a list or a mapping [yaml/complex-key]']);
  });

  it('YAML 1.1 tags stay text: no binary, date or set objects reach the schema', () => {
    const r = checkSource('x.yaml', MINIMAL.replace('chair: Сейітова А.Б', 'chair: !!binary 0KHQtdC50ZbRgtC+0LLQsCDQkC7QkQ=='));
    expect(r.record?.chair).toBe('0KHQtdC50ZbRgtC+0LLQsCDQkC7QkQ==');
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['yaml/warning']);
  });
});

describe('text that is not text', () => {
  it('an unpaired surrogate from a "\\ud800" escape is an error at the escape, also in a key', () => {
    const text = MINIMAL.replace('heard: Меңгеруші', 'heard: "Меңгеруші \\ud800"\n    x: "a"\n    heard_: Меңгеруші');
    expect(check(text)[0]).toBe(
      'x.yaml:14:23: error: half of a surrogate pair (U+D800) is in this text on its own; it is not a character and cannot be printed: delete it (an escape such as "\\ud800" in double quotes makes one) [text/surrogate]',
    );
    expect(check(MINIMAL.replace('body:', '"bo\\udc00dy":'))).toContainEqual(expect.stringMatching(/^x\.yaml:5:4: error: half of a surrogate pair \(U\+DC00\)/));
  });

  it('noncharacters are errors at the character, written or escaped', () => {
    expect(check(MINIMAL.replace('Жылдық жоспар бекітілсін.', 'Жылдық \uFDD0жоспар.'))).toEqual([
      'x.yaml:17:12: error: the noncharacter U+FDD0 is in this text; it is not a character and cannot be printed: delete it [text/noncharacter]',
    ]);
    expect(check(MINIMAL.replace('Жылдық жоспар бекітілсін.', '"Жылдық \\uFFFF"'))[0]).toMatch(/^x\.yaml:17:13: error: the noncharacter U\+FFFF /);
    expect(check(MINIMAL.replace('Жылдық жоспар бекітілсін.', '"\\U0001FFFE"'))[0]).toMatch(/^x\.yaml:17:6: error: the noncharacter U\+1FFFE /);
  });

  it('a surrogate pair written as two escapes is one character, and renders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-input-'));
    const file = join(dir, 'r.yaml');
    writeFileSync(file, MINIMAL.replace('heard: Меңгеруші жылдық жоспарды таныстырды.', 'heard: "\\ud83d\\ude00 Меңгеруші жоспарды таныстырды."'));
    const r = await renderFile(file, { formats: ['docx', 'pdf'] });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.outputs?.size).toBe(2);
  });

  it('a file that is not UTF-8 is refused at its first bad byte, and a BOM is still accepted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-input-'));
    const file = join(dir, 'cp1251.yaml');
    const bytes = Buffer.concat([Buffer.from('\uFEFF' + MINIMAL.replace('Омарова Д.Е', 'Омарова '), 'utf8')]);
    const at = bytes.indexOf(Buffer.from('Омарова ', 'utf8')) + Buffer.byteLength('Омарова ');
    writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc4, 0x2e, 0xc5]), bytes.subarray(at)]));
    const d = (await checkFile(file)).diagnostics.map(formatDiagnostic);
    expect(d).toEqual([`${file}:11:20: error: the file is not UTF-8 text from here (byte 0xC4); it was saved in another encoding: save it again as UTF-8 [text/utf8]`]);
    writeFileSync(file, '\uFEFF' + MINIMAL);
    expect((await checkFile(file)).diagnostics).toEqual([]);
  });

  it('finds the first ill-formed UTF-8 sequence: stray, overlong, surrogate, too high, cut short', () => {
    const at = (...b: number[]): number => firstInvalidByte(Uint8Array.from(b));
    expect(at(0x61, 0x80)).toBe(1);
    expect(at(0x61, 0xc0, 0x80)).toBe(1);
    expect(at(0xe0, 0x80, 0x80)).toBe(0);
    expect(at(0xed, 0xa0, 0x80)).toBe(0);
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0);
    expect(at(0x61, 0x62, 0xe2, 0x82)).toBe(2);
    expect(at(0xd0, 0x90, 0xf0, 0x9f, 0x98, 0x80)).toBe(6);
    const d = decodeUtf8(Uint8Array.from([0x61, 0x0a, 0xd0, 0x90, 0xd0, 0x91, 0xff]));
    expect(d).toEqual({ ok: false, offset: 6, byte: 0xff, position: { line: 2, column: 3 } });
  });
});

describe('size limits', () => {
  it('a record file over 1 MB is refused before it is parsed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-input-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(file, MINIMAL + `# ${'x'.repeat(LIMITS.maxRecordBytes)}\n`);
    expect((await checkFile(file)).diagnostics.map(formatDiagnostic)).toEqual([
      `${file}:1:1: error: the record is 1.0 MB; a record may be at most 1.0 MB, so it was not read [limit/file]`,
    ]);
    expect(checkSource('x.yaml', MINIMAL + `# ${'ә'.repeat(LIMITS.maxRecordBytes / 2)}\n`).diagnostics.map((d) => d.rule)).toEqual(['limit/file']);
  });

  it('a text over 100 KB is refused at the text', () => {
    const long = 'Сөз '.repeat(15_000);
    expect(check(MINIMAL.replace('heard: Меңгеруші жылдық жоспарды таныстырды.', `heard: ${long}`))).toEqual([
      'x.yaml:14:12: error: this text is 103 KB; one text may be at most 100 KB: split it, or keep the long document apart and refer to it [limit/text]',
    ]);
    // Just under the limit is accepted.
    expect(rules(MINIMAL.replace('heard: Меңгеруші жылдық жоспарды таныстырды.', `heard: ${'Сөз '.repeat(14_000)}`))).toEqual([]);
  });

  it('nesting deeper than 64 levels is refused where it goes too deep; 64 levels are not', () => {
    const nested = (n: number): string => MINIMAL + `x_deep: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(rules(nested(63))).toEqual(['schema/unknown-key']);
    expect(check(nested(64))).toEqual(['x.yaml:18:72: error: lists and mappings are nested more than 64 levels deep here; a record needs only a few levels [limit/depth]']);
    // Thousands of levels exhaust the parser's own stack: still the same diagnostic, never a crash.
    expect(rules(nested(5000))).toEqual(['limit/depth']);
    // An alias can nest a deep value deeper still.
    const viaAlias = MINIMAL + `x_a: &d ${'['.repeat(40)}${']'.repeat(40)}\nx_b: ${'['.repeat(30)}*d${']'.repeat(30)}\n`;
    expect(rules(viaAlias)).toEqual(['limit/depth']);
  });

  it('a record of more than 5,000 values is refused at the value that passes the limit', () => {
    // The minimal record, the key and the list are 37 values: the 4,964th item (column 10 + 3 × 4,963) is the 5,001st.
    expect(check(MINIMAL + `x_many: [${'a, '.repeat(6000)}]\n`)).toEqual([
      'x.yaml:18:14899: error: the record holds more than 5,000 values from here on; no meeting needs that many, so it was not checked further [limit/values]',
    ]);
  });

  it('lists at most 100 structural problems, then says more were left out', () => {
    const d = checkSource('x.yaml', MINIMAL + 'k: v\n'.repeat(300)).diagnostics;
    expect(d).toHaveLength(101);
    expect(d.filter((x) => x.rule === 'yaml/duplicate-key')).toHaveLength(100);
    expect(d.filter((x) => x.rule === 'limit/diagnostics')).toHaveLength(1);
  });

  it('something that is not a regular file is refused without being read', async () => {
    expect((await checkFile('/dev/zero')).diagnostics.map(formatDiagnostic)).toEqual(['/dev/zero: error: cannot read the record: it is not a regular file [io/read]']);
  });
});

describe('printing text from input', () => {
  it('escapes control, bidi and non-character code points', () => {
    expect(escapeForTerminal('a\u001b[2Jb\u0000c\u202Ed\u0085e\ud800f\nok ӘҒ 😀')).toBe('a\\u{1b}[2Jb\\u{0}c\\u{202e}d\\u{85}e\\u{d800}f\\u{a}ok ӘҒ 😀');
  });

  it('a record file name and a value with ESC reach the terminal escaped, never raw', () => {
    const dir = workspace();
    try {
      writeFileSync(join(dir, 'meetings', '2025', 'bad\u001b[31mname.yaml'), MINIMAL.replace('Сейітова А.Б', '"Сейітова\\e[2J А.Б"'));
      writeFileSync(join(dir, 'meetings', '2025', 'key.yaml'), MINIMAL.replace('body:', '"\u202Ebody":'));
      const r = hattama(['validate', 'meetings'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      expect(r.stderr).toContain('meetings/2025/key.yaml:5:1: error: unknown key "\\u{202e}body"');
      expect(r.stderr).toContain('meetings/2025/bad\\u{1b}[31mname.yaml:10:8: error: an invisible control character (U+001B)');
      const one = hattama(['render', 'meetings/2025/bad\u001b[31mname.yaml'], { cwd: dir });
      expect(one.code).toBe(1);
      expect(one.stderr).not.toContain('\u001b');
      expect(one.stderr).toContain('meetings/2025/bad\\u{1b}[31mname.yaml: not rendered; nothing was written');
      const build = hattama(['build'], { cwd: dir });
      expect(build.code).toBe(1);
      expect(build.stdout + build.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      expect(build.stdout).toContain('failed meetings/2025/bad\\u{1b}[31mname.yaml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('one broken record never stops the others', () => {
  const broken = {
    'alias.yaml': MINIMAL.replace('chair: Сейітова А.Б', 'chair: *a'),
    'bomb.yaml': readFileSync(join(ROOT, 'test', 'fixtures', 'broken', 'alias-bomb.yaml')),
    'surrogate.yaml': MINIMAL.replace('heard: Меңгеруші жылдық жоспарды таныстырды.', 'heard: "\\udfff Меңгеруші"'),
    // "Omarové" saved as Latin-1: é is the single byte 0xE9.
    'latin1.yaml': Buffer.concat(MINIMAL.split('Омарова').flatMap((part, i) => (i ? [Buffer.from('Omarov\u00e9', 'latin1'), Buffer.from(part)] : [Buffer.from(part)]))),
  };

  it('validate checks every record and exits 1 with each problem placed', () => {
    const dir = workspace();
    try {
      for (const [name, text] of Object.entries(broken)) writeFileSync(join(dir, 'meetings', '2025', name), text);
      const r = hattama(['validate', 'meetings'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.stderr).toContain('meetings/2025/alias.yaml:10:8: error: the alias "*a" has no anchor');
      expect(r.stderr).toContain('meetings/2025/bomb.yaml:20:38: error: aliases up to "*c" here repeat more than 10,000 values');
      expect(r.stderr).toContain('meetings/2025/surrogate.yaml:14:13: error: half of a surrogate pair (U+DFFF)');
      expect(r.stderr).toContain('meetings/2025/latin1.yaml:11:18: error: the file is not UTF-8 text from here (byte 0xE9)');
      expect(r.stderr).toMatch(/^5 records checked: 4 invalid, /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('build reports them and still writes the good record', () => {
    const dir = workspace();
    try {
      for (const [name, text] of Object.entries(broken)) writeFileSync(join(dir, 'meetings', '2025', name), text);
      const r = hattama(['build', '--jobs', '1'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.stderr).toContain('meetings/2025/bomb.yaml:20:38: error: aliases up to "*c"');
      expect(existsSync(join(dir, 'out', '2025', 'seed.pdf'))).toBe(true);
      expect(existsSync(join(dir, 'out', '2025', 'alias.pdf'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
