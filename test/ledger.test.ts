/**
 * The ledger read strictly (issue 10, item 1): a duplicated key, an unknown
 * field, a value of the wrong type or a line not written as `hattama seal`
 * writes it is refused at its line and column; and how one version of the
 * ledger fails to extend another is said plainly (the history check's words).
 */
import { describe, expect, it } from 'vitest';
import { makeEntry, entryLine, parseLedger, type SealEntry } from '../src/archive/seal.js';
import { readEntryLine } from '../src/archive/ledger.js';
import { growthProblem, ledgerLines } from '../src/archive/ledger-history.js';
import { checkCountedHead, checkGivenHead, headText, readPublishedHead } from '../src/archive/ledger-head.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const H = (c: string): string => c.repeat(64);
const first = makeEntry(
  {
    record: '2025/a.yaml',
    recordSha256: H('a'),
    outputs: { docx: { path: '2025/a.docx', sha256: H('b') }, pdf: { path: '2025/a.pdf', sha256: H('c') } },
    sealedAt: '2025-12-26T09:00:00.000Z',
  },
  undefined,
);
const second = makeEntry({ record: '2025/b.yaml', recordSha256: H('d'), outputs: { pdf: { path: '2025/b.pdf', sha256: H('e') } }, sealedAt: '2025-12-27T09:00:00.000Z' }, first);
const LINE1 = entryLine(first);
const LINE2 = entryLine(second);
const FILE = 'meetings/seals.jsonl';

/** The ledger's diagnostics as `line:column rule: message`. */
const problems = (text: string): string[] => parseLedger(FILE, text).diagnostics.map((d) => `${d.position?.line}:${d.position?.column} ${d.rule}: ${d.message}`);

describe('a ledger line is read strictly', () => {
  it('accepts the lines hattama seal writes, and nothing is reported', () => {
    const ledger = parseLedger(FILE, `${LINE1}\n${LINE2}\n`);
    expect(ledger.diagnostics).toEqual([]);
    expect(ledger.entries.map((l) => l.entry)).toEqual([first, second]);
    expect(ledger.head).toBe(second.hash);
  });

  it('refuses a key given twice at the second one, though JSON.parse would keep the last silently', () => {
    const forged = LINE2.replace('"record":"2025/b.yaml"', '"record":"2025/b.yaml","record":"2025/z.yaml"');
    expect(JSON.parse(forged).record).toBe('2025/z.yaml');
    const column = forged.indexOf('"record":"2025/z.yaml"') + 1;
    expect(problems(`${LINE1}\n${forged}\n`)).toEqual([
      `2:${column} seal/ledger-syntax: not a ledger entry: the key "record" appears twice in this line (first at column ${forged.indexOf('"record"') + 1}): a ledger line holds each key once, since tools disagree on which copy counts; restore the ledger from version control (git checkout -- ${FILE})`,
    ]);
    // A twin inside outputs too.
    const inner = LINE1.replace('"pdf":{"path":"2025/a.pdf"', '"pdf":{"path":"2025/a.pdf","path":"2025/x.pdf"');
    expect(problems(inner)[0]).toMatch(new RegExp(`^1:${inner.indexOf('"path":"2025/x.pdf"') + 1} seal/ledger-syntax: not a ledger entry: the key "path" appears twice`));
  });

  it('refuses a field the hash does not cover, at its key', () => {
    const extra = LINE1.replace('"hash":', '"note":"ok","hash":');
    expect(problems(extra)).toEqual([
      `1:${extra.indexOf('"note"') + 1} seal/ledger-entry: not a valid ledger entry: unknown field "note" (an entry has exactly seq, record, recordSha256, outputs, sealedAt, prev, hash); restore the ledger from version control (git checkout -- ${FILE})`,
    ]);
    const nested = LINE1.replace('"sha256":"' + H('c') + '"', `"sha256":"${H('c')}","size":1`);
    expect(problems(nested)[0]).toContain(`1:${nested.indexOf('"size"') + 1} seal/ledger-entry: not a valid ledger entry: unknown field "size" in outputs.pdf`);
    const format = LINE1.replace('"docx":', '"odt":');
    expect(problems(format)[0]).toContain(`1:${format.indexOf('"odt"') + 1} seal/ledger-entry: not a valid ledger entry: unknown output format "odt"`);
  });

  it('refuses a value of the wrong type at the value', () => {
    const cases: [string, string, string][] = [
      ['"seq":1', '"seq":"1"', '"seq" must be a whole number from 1, not a string'],
      ['"seq":1', '"seq":1.5', '"seq" must be a whole number from 1'],
      ['"seq":1', '"seq":true', '"seq" must be a whole number from 1, not true'],
      ['"record":"2025/a.yaml"', '"record":"../a.yaml"', '"record" must be a .yaml path inside the records folder'],
      [`"prev":"${H('0')}"`, `"prev":"${H('0').toUpperCase().replace(/0/g, 'A')}"`, '"prev" must be 64 lowercase hex digits in quotes'],
      ['"sealedAt":"2025-12-26T09:00:00.000Z"', '"sealedAt":"yesterday"', '"sealedAt" must be a date and time in UTC'],
    ];
    for (const [from, to, message] of cases) {
      const line = LINE1.replace(from, to);
      expect(line).not.toBe(LINE1);
      const column = line.indexOf(to) + to.indexOf(':') + 2;
      expect(problems(line)[0], to).toContain(`1:${column} `);
      expect(problems(line)[0], to).toContain(message);
    }
    const list = LINE1.replace(/"outputs":\{.*?\}\},/, '"outputs":[],');
    expect(problems(list)[0]).toContain(`1:${list.indexOf('[') + 1} seal/ledger-entry: not a valid ledger entry: "outputs" must be an object, not a list`);
    expect(problems(LINE1.replace(/,"hash":"[0-9a-f]+"/, ''))[0]).toContain('1:1 seal/ledger-entry: not a valid ledger entry: the field "hash" is missing');
    expect(problems('[1,2]')[0]).toContain('1:1 seal/ledger-entry: not a valid ledger entry: a ledger line is one JSON object, not a list');
  });

  it('refuses a line not written as hattama seal writes it (spaces, key order), at the first difference', () => {
    const spaced = LINE1.replace('"seq":1,', '"seq": 1,');
    expect(problems(spaced)).toEqual([
      `1:8 seal/ledger-form: not written as hattama seal writes an entry (compact JSON, fields in the order seq, record, recordSha256, outputs, sealedAt, prev, hash): the line was edited; restore the ledger from version control`,
    ]);
    const reordered = `{"record":"2025/a.yaml","seq":1,${LINE1.slice(LINE1.indexOf('"recordSha256"'))}`;
    expect(problems(reordered)[0]).toMatch(/^1:3 seal\/ledger-form: /);
    // "\u0061" is "a" to JSON.parse, but not the line an auditor's jq check would hash.
    expect(problems(LINE1.replace('2025/a.yaml', '2025/\\u0061.yaml'))[0]).toMatch(/^1:\d+ seal\/ledger-form: /);
  });

  it('reports syntax at its column and never throws, however deep or odd the line', () => {
    expect(problems(LINE1.slice(0, 40))[0]).toMatch(/^1:\d+ seal\/ledger-syntax: not a ledger entry: this string is never closed/);
    expect(problems(`${LINE1} x`)[0]).toContain(`1:${LINE1.length + 2} seal/ledger-syntax: not a ledger entry: unexpected "x" after the end of the entry`);
    expect(problems('['.repeat(100_000))[0]).toMatch(/^1:18 seal\/ledger-syntax: not a ledger entry: nested deeper than 16 levels/);
    expect(problems('{"seq":1\u0000}')[0]).toContain('expected "," or "}", found U+0000');
    // The entries after a broken line are still read, and the next good one is not blamed for the link.
    const ledger = parseLedger(FILE, `{oops\n${LINE2}\n`);
    expect(ledger.entries.map((l) => l.entry.seq)).toEqual([2]);
    expect(ledger.diagnostics.map((d) => d.position?.line)).toEqual([1]);
  });

  it('reads a valid line directly', () => {
    expect(readEntryLine(LINE2)).toEqual({ entry: second satisfies SealEntry });
  });
});

describe('how a version fails to extend the one before', () => {
  const base = [LINE1, LINE2];
  it('says nothing when the ledger only grew', () => {
    expect(growthProblem(base, base, FILE)).toBeUndefined();
    expect(growthProblem(base, [...base, 'x'], FILE)).toBeUndefined();
    expect(growthProblem([], undefined, FILE)).toBeUndefined();
  });
  it('names a rewritten entry and what changed in it', () => {
    const edited = entryLine(makeEntry({ ...first, recordSha256: H('f') }, undefined));
    expect(growthProblem(base, [edited, LINE2], FILE)).toEqual({
      what: `rewrote entry 1 of ${FILE} (2025/a.yaml was sealed with SHA-256 aaaaaaaaaaaa… and is now in the ledger with ffffffffffff…: the record was changed after it was sealed, and the ledger made anew)`,
      entry: 1,
    });
    // Several rewritten: the one whose record was sealed again with other contents is named.
    const rechained = entryLine(makeEntry({ ...second, sealedAt: '2025-12-28T09:00:00.000Z' }, first));
    expect(growthProblem(base, [LINE1, rechained], FILE)?.what).toBe(`rewrote entry 2 of ${FILE} (its hash was ${second.hash.slice(0, 12)}…, now ${JSON.parse(rechained).hash.slice(0, 12)}…)`);
    const reseal = entryLine(makeEntry({ ...second, recordSha256: H('7') }, first));
    expect(growthProblem(base, [rechained.replace('2025-12-28', '2025-12-29'), reseal], FILE)?.what).toMatch(/^rewrote entries 1–2 of meetings\/seals\.jsonl \(entry 2: 2025\/b\.yaml was sealed with SHA-256 dddddddddddd… and is now in the ledger with 777777777777…: the record was changed/);
    expect(growthProblem(base, [edited, 'y'], FILE)?.what).toMatch(/^rewrote entries 1–2 of meetings\/seals\.jsonl \(entry 1: 2025\/a\.yaml was sealed/);
    expect(growthProblem(base, [edited], FILE)?.what).toMatch(/^rewrote entry 1 of meetings\/seals\.jsonl, and removed entry 2 \(2025\/a\.yaml was sealed/);
  });
  it('names removed entries, an emptied ledger and a deleted one', () => {
    expect(growthProblem(base, [LINE1], FILE)).toEqual({ what: `removed entry 2 of ${FILE}` });
    expect(growthProblem([...base, 'z'], [LINE1], FILE)?.what).toBe(`removed entries 2–3 of ${FILE}`);
    expect(growthProblem(base, [], FILE)?.what).toBe(`removed every entry of ${FILE} (entries 1–2)`);
    expect(growthProblem(base, undefined, FILE)?.what).toBe(`deleted the ledger ${FILE} (it held 2 entries)`);
  });
  it('compares lines as the ledger is read: CRLF, BOM and blank lines do not count', () => {
    expect(ledgerLines(`\uFEFF${LINE1}\r\n\r\n${LINE2}\r\n`)).toEqual(base);
  });
});

describe('published heads', () => {
  const ledger = parseLedger(FILE, `${LINE1}\n${LINE2}\n`);
  it('holds a head published at its place, and names a removed or rewritten one', () => {
    expect(checkCountedHead(ledger, { head: second.hash, entries: 2 }, 'out/ledger-head.json', 'the head')).toEqual([]);
    expect(checkCountedHead(ledger, { head: first.hash, entries: 1 }, 'out/ledger-head.json', 'the head')).toEqual([]);
    const shorter = parseLedger(FILE, `${LINE1}\n`);
    expect(checkCountedHead(shorter, { head: second.hash, entries: 2 }, 'out/ledger-head.json', 'the head')[0]!.message).toBe(
      `the head is entry 2 (${second.hash.slice(0, 12)}…), but ${FILE} now has 1 entry: sealed entries were removed since it was published`,
    );
    const rewritten = makeEntry({ ...second, sealedAt: '2025-12-28T09:00:00.000Z' }, first);
    const other = parseLedger(FILE, `${LINE1}\n${entryLine(rewritten)}\n`);
    expect(checkCountedHead(other, { head: second.hash, entries: 2 }, 'out/ledger-head.json', 'the head')[0]!.message).toContain('the ledger was rewritten since it was published');
  });
  it('finds a head given as a hash alone', () => {
    expect(checkGivenHead(ledger, first.hash, 'the head given with --head').note).toBe('the head given with --head is entry 1 (line 1); 1 sealed after it');
    expect(checkGivenHead(ledger, H('9'), 'the head given with --head').diagnostics[0]!.rule).toBe('seal/head');
  });
  it('reads out/ledger-head.json, refusing one that is not a head', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hattama-head-'));
    expect(await readPublishedHead(out)).toEqual({ diagnostics: [] });
    writeFileSync(join(out, 'ledger-head.json'), headText({ head: second.hash, entries: 2 }));
    expect(await readPublishedHead(out)).toEqual({ head: { head: second.hash, entries: 2 }, diagnostics: [] });
    writeFileSync(join(out, 'ledger-head.json'), '{"hattama":1,"head":"x","entries":2}');
    expect((await readPublishedHead(out)).diagnostics[0]!.rule).toBe('seal/head-file');
  });
});
