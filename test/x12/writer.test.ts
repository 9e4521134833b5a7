import { describe, expect, it } from 'vitest';
import { formatCents, isCalendarDate, parseCents } from '../../src/x12/amounts.js';
import { MemoryControlNumbers } from '../../src/x12/control-numbers.js';
import { X12Error } from '../../src/x12/errors.js';
import { parseX12 } from '../../src/x12/reader.js';
import { SegmentWriter, writeInterchange } from '../../src/x12/writer.js';

describe('X12 writer', () => {
  it('replaces delimiters in free text and rejects them in codes', () => {
    const w = new SegmentWriter();
    w.segment('NM1', 'IL', '1', 'O*BRIEN~JR', 'ANN:MARIE', undefined, undefined, undefined, 'MI', 'W123');
    expect(w.lines[0]).toBe('NM1*IL*1*O BRIEN JR*ANN MARIE****MI*W123');
    expect(() => w.segment('REF', 'F8', 'AB*1')).not.toThrow();
    expect(() => w.segment('HL', '1', '', '2*0')).toThrow(X12Error);
    expect(() => w.segment('SV1', ['HC', '992:13'], '100')).toThrow(
      /SV101-2 value "992:13" contains an X12 delimiter/,
    );
  });

  it('checks lengths, codes, numbers and dates', () => {
    const w = new SegmentWriter();
    expect(() => w.segment('NM1', 'IL', '1', 'X'.repeat(61))).toThrow(
      /NM103 .* must be 1-60 characters long/,
    );
    expect(() => w.segment('NM1', 'ZQ', '1', 'SMITH')).toThrow(/NM101 "ZQ" is not one of/);
    expect(() => w.segment('DTP', '472', 'D8', '2024-01-01', 'x')).not.toThrow();
    expect(() => w.segment('CLM', 'A1', '12.3.4')).toThrow(/CLM02 "12.3.4" is not a decimal number/);
    expect(() => w.segment('LX', 'one')).toThrow(/LX01 "one" is not a whole number/);
    expect(() => w.segment('BHT', '0019', '00', 'B1', '2024O101', '1200', 'CH')).toThrow(/BHT04 .* CCYYMMDD/);
    w.segment('CLM', 'A1', '100', '', '', ['11', 'B', '1'], undefined, '', '');
    expect(w.lines.at(-1)).toBe('CLM*A1*100***11:B:1');
  });

  it('writes an envelope that the reader accepts, with unique control numbers', async () => {
    const numbers = new MemoryControlNumbers();
    const first = await numbers.allocate('SENDER', 2);
    const second = await numbers.allocate('SENDER', 1);
    const all = [
      first.interchange,
      first.group,
      ...first.sets,
      second.interchange,
      second.group,
      ...second.sets,
    ];
    expect(new Set(all).size).toBe(all.length);
    const text = writeInterchange(
      {
        senderId: 'SENDER',
        receiverId: 'RECEIVER',
        functionalId: 'HC',
        implementation: '005010X222A1',
        timestamp: new Date('2024-03-05T10:20:00Z'),
        newlines: true,
      },
      first,
      [
        { type: '837', write: (w) => w.segment('BHT', '0019', '00', 'B1', '20240305', '1020', 'CH') },
        { type: '837', write: (w) => w.segment('BHT', '0019', '00', 'B2', '20240305', '1020', 'CH') },
      ],
    );
    expect(text.split('\n')[0]).toHaveLength(106);
    const sets = parseX12(text, { strict: true });
    expect(sets.map((s) => s.controlNumber)).toEqual(first.sets.map((n) => String(n).padStart(4, '0')));
    expect(sets[0]!.interchange!.controlNumber).toBe(String(first.interchange).padStart(9, '0'));
    expect(sets[0]!.interchange!.date).toBe('240305');
    expect(() =>
      writeInterchange(
        { senderId: 'S', receiverId: 'R', functionalId: 'HC', implementation: 'X' },
        { interchange: 1, group: 2, sets: [3, 3] },
        [
          { type: '837', write: () => {} },
          { type: '837', write: () => {} },
        ],
      ),
    ).toThrow(/ST control numbers repeat/);
  });

  it('knows the calendar', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(2023, 2, 29)).toBe(false);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isCalendarDate(2024, 4, 31)).toBe(false);
    expect(isCalendarDate(2024, 13, 1)).toBe(false);
  });

  it('formats and parses money exactly', () => {
    expect(formatCents(12345)).toBe('123.45');
    expect(formatCents(10000)).toBe('100');
    expect(formatCents(10050)).toBe('100.5');
    expect(formatCents(-5)).toBe('-0.05');
    expect(parseCents('123.45')).toBe(12345);
    expect(parseCents('-.5')).toBe(-50);
    expect(parseCents('100')).toBe(10000);
    expect(parseCents('1.005')).toBeNaN();
    expect(parseCents('1.2.3')).toBeNaN();
    expect(parseCents('')).toBeUndefined();
    expect(parseCents('1.230')).toBe(123);
    expect(parseCents('1.')).toBe(100);
    for (const bad of ['.', '-', '1-', '1..2', ' 1', '1,5', '+1']) expect(parseCents(bad)).toBeNaN();
    for (const c of [0, 1, 99, 100, 101, 123456789, -42]) expect(parseCents(formatCents(c))).toBe(c);
    // Exact up to the largest safe integer of cents, whatever the number of digits written.
    expect(parseCents('1234567890123.99')).toBe(123456789012399);
    expect(parseCents('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseCents('-90071992547409.91')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(parseCents('000000000000000000001.5')).toBe(150);
    for (const big of ['90071992547409.92', '999999999999999999', '1e3']) expect(parseCents(big)).toBeNaN();
  });
});
