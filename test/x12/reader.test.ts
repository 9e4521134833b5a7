import { describe, expect, it } from 'vitest';
import { codesOf } from '../../src/x12/codes.js';
import { X12Error } from '../../src/x12/errors.js';
import { buildLoops, loopsOf } from '../../src/x12/loops.js';
import { parseX12, readTransactionSets, X12Parser } from '../../src/x12/reader.js';
import { SegmentView } from '../../src/x12/segment-view.js';
import { SPEC_835, SPEC_837P } from '../../src/x12/specs.js';
import { collect } from '../remits/support.js';

const ISA = (el = '*', rep = '^', comp = ':', seg = '~', ctl = '000000905') =>
  [
    'ISA',
    '00',
    '          ',
    '00',
    '          ',
    'ZZ',
    'SENDER         ',
    'ZZ',
    'RECEIVER       ',
    '240101',
    '1253',
    rep,
    '00501',
    ctl,
    '0',
    'T',
    comp,
  ].join(el) + seg;

function small835(el = '*', comp = ':', seg = '~', nl = '') {
  const body = [
    `ST${el}835${el}0001${el}005010X221A1`,
    `BPR${el}I${el}80${el}C${el}CHK`,
    `TRN${el}1${el}123${el}1512345678`,
    `N1${el}PR${el}PAYER`,
    `N1${el}PE${el}CLINIC${el}XX${el}1234567893`,
    `LX${el}1`,
    `CLP${el}PCN1${el}1${el}100${el}80${el}${el}12${el}CLAIM1`,
    `CAS${el}CO${el}45${el}20`,
    `SVC${el}HC${comp}99213${comp}25${el}100${el}80`,
    `SE${el}10${el}0001`,
  ];
  return (
    [
      ISA(el, '^', comp, seg).slice(0, -1),
      `GS${el}HP${el}S${el}R${el}20240101${el}1253${el}7${el}X${el}005010X221A1`,
      ...body,
      `GE${el}1${el}7`,
      `IEA${el}1${el}000000905`,
    ].join(seg + nl) +
    seg +
    nl
  );
}

describe('X12 reader', () => {
  it('reads delimiters from ISA and checks the envelope', () => {
    const [set, ...rest] = parseX12(small835());
    expect(rest).toHaveLength(0);
    expect(set!.type).toBe('835');
    expect(set!.controlNumber).toBe('0001');
    expect(set!.implementation).toBe('005010X221A1');
    expect(set!.interchange?.controlNumber).toBe('000000905');
    expect(set!.group?.controlNumber).toBe('7');
    expect(set!.delimiters).toEqual({ element: '*', component: ':', repetition: '^', segment: '~' });
    expect(set!.segments.map((s) => s.id)).toEqual(['BPR', 'TRN', 'N1', 'N1', 'LX', 'CLP', 'CAS', 'SVC']);
    expect(set!.issues).toEqual([]);
  });

  it.each([
    ['LF after terminators', small835('*', ':', '~', '\n')],
    ['CRLF after terminators', small835('*', ':', '~', '\r\n')],
    ['bare newline terminator', small835('*', ':', '\n')],
    ['bare CR terminator', small835('*', ':', '\r')],
    ['0x1D terminator', small835('*', ':', '\x1d')],
    ['unusual separators', small835('~', '^', '_')],
    ['pipe element separator', small835('|', '>', '~', '\r\n')],
    ['leading whitespace and BOM', `\uFEFF \r\n${small835()}`],
  ])('handles %s', (_name, text) => {
    const [set] = parseX12(text);
    expect(set!.segments).toHaveLength(8);
    const svc = set!.segments[7]!;
    expect(svc.elements[1]!.split(set!.delimiters.component)).toEqual(['HC', '99213', '25']);
  });

  it('gives the same result whatever the chunk boundaries', async () => {
    const text =
      small835('*', ':', '~', '\r\n') +
      small835('|', '>', '~').replace('000000905', '000000906').replace('IEA|1|000000905', 'IEA|1|000000906');
    const whole = parseX12(text);
    expect(whole).toHaveLength(2);
    expect(whole[1]!.delimiters.element).toBe('|');
    for (const size of [1, 2, 3, 7, 50, 105, 106, 107]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const sets = [];
      for await (const s of readTransactionSets(chunks)) sets.push(s);
      expect(sets.map((s) => s.segments.map((g) => g.elements.join('|')))).toEqual(
        whole.map((s) => s.segments.map((g) => g.elements.join('|'))),
      );
    }
  });

  it('reads UTF-16LE bytes', () => {
    const [set] = parseX12(Buffer.from(`\uFEFF${small835()}`, 'utf16le'));
    expect(set!.segments).toHaveLength(8);
  });

  it('refuses envelope count problems by default, and reports them when strict is off', () => {
    const bad = small835().replace('SE*10*0001', 'SE*9*0001');
    expect(() => parseX12(bad)).toThrow(
      /segment 12 SE \(SE01\), char \d+: SE01 says "9" segments, the transaction set has 10/,
    );
    const [set] = parseX12(bad, { strict: false });
    expect(set!.issues.map((e) => e.reason)).toEqual(['SE01 says "9" segments, the transaction set has 10']);
    const issues: string[] = [];
    parseX12(small835().replace('GE*1*7', 'GE*2*8'), {
      strict: false,
      onIssue: (e) => issues.push(e.reason),
    });
    expect(issues).toEqual(['GE01 says "2" transaction sets, found 1', 'GE02 "8" does not match GS06 7']);
  });

  // Each broken envelope is one clear error by default (a file whose envelope does not add up
  // may be truncated or spliced), whatever it is that does not match.
  it.each([
    ['no IEA', (t: string) => t.replace('IEA*1*000000905~', ''), /interchange 000000905 has no IEA/],
    [
      'no GE and no IEA',
      (t: string) => t.replace('GE*1*7~', '').replace('IEA*1*000000905~', ''),
      /functional group 7 has no GE/,
    ],
    ['GE01 count', (t: string) => t.replace('GE*1*7', 'GE*3*7'), /GE01 says "3" transaction sets, found 1/],
    [
      'IEA01 count',
      (t: string) => t.replace('IEA*1*', 'IEA*2*'),
      /IEA01 says "2" functional groups, found 1/,
    ],
    [
      'SE01 count',
      (t: string) => t.replace('SE*10*', 'SE*11*'),
      /SE01 says "11" segments, the transaction set has 10/,
    ],
    [
      'SE02 vs ST02',
      (t: string) => t.replace('SE*10*0001', 'SE*10*0002'),
      /SE02 "0002" does not match ST02 0001/,
    ],
    ['GE02 vs GS06', (t: string) => t.replace('GE*1*7', 'GE*1*8'), /GE02 "8" does not match GS06 7/],
    [
      'IEA02 vs ISA13',
      (t: string) => t.replace('IEA*1*000000905', 'IEA*1*000000906'),
      /IEA02 "000000906" does not match ISA13 000000905/,
    ],
  ])('refuses an envelope with %s', async (_name, edit, message) => {
    const text = edit(small835());
    expect(() => parseX12(text)).toThrow(message);
    await expect(collect(readTransactionSets([text]))).rejects.toThrow(message);
    expect(() => parseX12(text, { strict: false })).not.toThrow();
  });

  it('throws X12Error with the segment number for structural errors', () => {
    const noSe = small835().replace('SE*10*0001~', '');
    expect(() => parseX12(noSe)).toThrow(X12Error);
    expect(() => parseX12(noSe)).toThrow(
      /segment 12 GE, char \d+: GE inside transaction set 0001 \(missing SE\)/,
    );
    expect(() => parseX12(small835().replace('LX*1', 'lx*1'))).toThrow(
      /segment 8 lx, char \d+: "lx" is not a segment id/,
    );
    expect(() => parseX12('hello')).toThrow(/expected an ISA segment at the start/);
    expect(() => parseX12(small835().slice(0, 60))).toThrow(/input ends inside the ISA segment/);
    expect(() => parseX12('')).toThrow(/no X12 segments/);
    expect(() => parseX12(small835().replace(/~/g, ''), { maxSegmentLength: 100 })).toThrow(X12Error);
  });

  it('keeps memory bounded: the parser holds only the unfinished tail', () => {
    const parser = new X12Parser();
    const text = small835();
    let sets = 0;
    for (let i = 0; i < 200; i++)
      sets += parser.push(text.replaceAll('000000905', String(100000000 + i))).length;
    expect(sets).toBe(200);
    expect((parser as unknown as { buf: string }).buf.length).toBe(0);
  });

  it('reads a segment with more elements than the view first has room for', () => {
    // The segment view's element bounds start at 64 and grow (outside the character loop).
    const many = Array.from({ length: 100 }, (_, i) => `E${i + 1}`).join('*');
    const text = small835().replace('TRN*1*123*1512345678', `TRN*${many}`);
    const seen: string[] = [];
    const parser = new X12Parser<number>({}, () => ({
      segment: (v) => {
        seen.push(`${v.id} ${v.size - 1} ${v.el(1)} ${v.el(64)} ${v.el(v.size - 1)}`);
      },
      finish: () => seen.length,
    }));
    expect([...parser.push(text), ...parser.end()]).toEqual([8]);
    expect(seen.slice(0, 3)).toEqual(['BPR 4 I  CHK', 'TRN 100 E1 E64 E100', 'N1 2 PR  PAYER']);
    const [set] = parseX12(text);
    expect(set!.segments[1]!.elements).toHaveLength(101);
  });

  it('points a segment view at part of a text: the scan stops at the given end', () => {
    // reset() hands the view codes that end where the segment does (the scan runs to the end
    // of its codes), while values are still sliced from the whole text.
    const view = new SegmentView('*');
    const text = 'CLP*PCN1*1*100~CLP*PCN2*1*200';
    view.reset(text, 15, text.length, 'CLP', 2, 15);
    expect([view.size, view.el(1), view.cents(3, 'charge')]).toEqual([4, 'PCN2', 20000]);
    view.reset(text, 0, 14, 'CLP', 1, 0);
    expect([view.size, view.el(1), view.el(3), view.raw]).toEqual([4, 'PCN1', '100', 'CLP*PCN1*1*100']);
  });

  it('finds every separator and the terminator wherever they fall in the four-character turns', () => {
    // The scan reads four characters a turn and the rest one at a time: element counts on
    // both sides of the bounds' growth (64, 128), empty elements, and terminators at every
    // position modulo 4, against a plain split.
    const widths = [0, 1, 2, 3, 4, 5, 7, 9];
    for (const count of [0, 1, 2, 3, 5, 62, 63, 64, 65, 127, 128, 130]) {
      for (let shift = 0; shift < 4; shift++) {
        const elements = Array.from({ length: count }, (_, i) =>
          'E'.repeat(widths[(i + shift) % widths.length]!),
        );
        const seg = ['XY', ...elements].join('*');
        const text = `${' '.repeat(shift)}${seg}~ZZ*1~`;
        const view = new SegmentView('*', '~');
        view.setText(text, codesOf(text));
        const end = view.scan(0, false);
        expect(end).toBe(shift + seg.length);
        expect(view.size).toBe(count + 1);
        expect(view.elements).toEqual(seg.split('*'));
        for (let n = 1; n <= count; n++) expect(view.el(n)).toBe(elements[n - 1]);
        // Without a terminator the scan runs to the end of the codes (final) or waits for more.
        view.setText(seg, codesOf(seg));
        expect(view.scan(0, false)).toBe(-1);
        expect(view.scan(0, true)).toBe(seg.length);
        expect(view.size).toBe(count + 1);
      }
    }
  });

  it('reads short values (interned by their characters) exactly, whatever their length and characters', () => {
    const values = [
      'A',
      'CO',
      'PR',
      '45',
      '2',
      'N130',
      'HC',
      '99213',
      'ABCDEF',
      'ABCDEFG',
      'ABCDEFGH',
      'É1',
      'Ω',
      'ÿÿÿÿÿÿÿ',
    ];
    const view = new SegmentView('*');
    for (let round = 0; round < 3; round++) {
      for (const a of values) {
        for (const b of values) {
          const text = `XX*${a}*${b}*${b}${a}`;
          view.reset(text, 0, text.length, 'XX', 1, 0);
          expect([view.code(1), view.code(2), view.code(3), view.code(4)]).toEqual([a, b, `${b}${a}`, '']);
        }
      }
    }
  });

  it('reads CCYYMMDD dates and compares qualifiers in place', () => {
    const view = new SegmentView('*');
    const at = (text: string) => view.reset(text, 0, text.length, 'DTM', 1, 0);
    const good: Array<[string, string]> = [
      ['20240301', '2024-03-01'],
      ['20000229', '2000-02-29'],
      ['99991231', '9999-12-31'],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [raw, iso] of good) expect(at(`DTM*472*${raw}`).date(2)).toBe(iso);
      for (const bad of [
        '20240230',
        '19000229',
        '2024030',
        '202403011',
        '2024030a',
        '20240:01',
        '2024 301',
        '-2024031',
        '00000000',
      ])
        expect(() => at(`DTM*472*${bad}`).date(2)).toThrow(X12Error);
    }
    expect(at('DTM*472').date(2)).toBeUndefined();
    const ref = at('REF*6R*X');
    expect([
      ref.is(1, '6R'),
      ref.is(1, '6S'),
      ref.is(1, '6'),
      ref.is(1, '6RX'),
      ref.is(2, 'X'),
      ref.is(3, ''),
      ref.is(0, 'REF'),
    ]).toEqual([true, false, false, false, true, true, true]);
  });

  it('accepts a bare ST..SE without an envelope', () => {
    const text = small835().split('~').slice(2, 12).join('~') + '~';
    const [set] = parseX12(text);
    expect(set!.type).toBe('835');
    expect(set!.interchange).toBeUndefined();
    expect(set!.delimiters.component).toBe(':');
  });
});

describe('loop builder', () => {
  it('nests 835 loops and keeps PLB in the header', () => {
    const [set] = parseX12(small835().replace('SE*10*0001', 'PLB*1234567893*20241231*WO:X*5~SE*11*0001'));
    const root = buildLoops(SPEC_835, set!.segments);
    expect(root.segments.map((s) => s.id)).toEqual(['BPR', 'TRN', 'PLB']);
    expect(root.loops.map((l) => l.id)).toEqual(['1000A', '1000B', '2000']);
    const clp = loopsOf(root.loops[2]!, '2100')[0]!;
    expect(clp.segments.map((s) => s.id)).toEqual(['CLP', 'CAS']);
    expect(clp.loops[0]!.id).toBe('2110');
  });

  it('checks HL numbering and parent pointers', () => {
    const segs = (hl: string[]) =>
      parseX12(
        [
          ISA().slice(0, -1),
          'GS*HC*S*R*20240101*1253*1*X*005010X222A1',
          'ST*837*0001*005010X222A1',
          ...hl,
          `SE*${hl.length + 2}*0001`,
          'GE*1*1',
          'IEA*1*000000905',
        ].join('~') + '~',
      )[0]!.segments;
    const ok = segs([
      'HL*1**20*1',
      'NM1*85*2*CLINIC',
      'HL*2*1*22*1',
      'SBR*P',
      'HL*3*2*23*0',
      'PAT*19',
      'CLM*A*10',
    ]);
    const root = buildLoops(SPEC_837P, ok);
    const a = root.loops[0]!;
    expect(a.id).toBe('2000A');
    const b = loopsOf(a, '2000B')[0]!;
    const c = loopsOf(b, '2000C')[0]!;
    expect(loopsOf(c, '2300')).toHaveLength(1);
    const strict = { strict: true };
    expect(() => buildLoops(SPEC_837P, segs(['HL*1**20*1', 'HL*3*1*22*0']), strict)).toThrow(
      /HL01 is "3", expected 2/,
    );
    expect(() => buildLoops(SPEC_837P, segs(['HL*1**20*1', 'HL*2*5*22*0']), strict)).toThrow(
      /HL02 parent is "5", expected "1"/,
    );
    expect(() => buildLoops(SPEC_837P, segs(['HL*1**22*1']), strict)).toThrow(
      /HL level code "22" is not expected here/,
    );
    const issues: string[] = [];
    const lenient = buildLoops(SPEC_837P, segs(['HL*1**20*1', 'HL*2*5*22*0']), {
      onIssue: (e) => issues.push(e.message),
    });
    expect(issues).toEqual([
      expect.stringMatching(/segment 5 HL \(HL02\), char \d+: HL02 parent is "5", expected "1"/),
    ]);
    expect(loopsOf(lenient.loops[0]!, '2000B')).toHaveLength(1);
  });
});
