import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { AUDIT_CSV_HEADER, writeAuditCsv } from '../../../src-main/core/export/audit-csv.js';
import type { AuditEntry } from '../../../src-main/core/model.js';

async function csvOf(entries: AuditEntry[]): Promise<{ text: string; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const rows = await writeAuditCsv(entries, out);
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), rows };
}

const entry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: Date.parse('2026-11-25T09:30:00+03:30'),
  who: 'Mina Karimi',
  entity: 'leave',
  action: 'add',
  subject: '989121234567 2026-11-23',
  before: null,
  after: { kind: 'sick', note: 'flu, "bad"' },
  why: '',
  ...over,
});

describe('writeAuditCsv', () => {
  it('writes a BOM, the header, one row per entry with local ISO times and JSON before/after', async () => {
    const { text, rows } = await csvOf([
      entry(1),
      entry(2, { action: 'remove', before: { kind: 'sick' }, after: null }),
    ]);
    expect(rows).toBe(2);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records = parse(text.slice(1)) as string[][];
    expect(records[0]).toEqual([...AUDIT_CSV_HEADER]);
    expect(records[1]).toEqual([
      '1',
      '2026-11-25T09:30:00+03:30',
      'Mina Karimi',
      'leave',
      'add',
      '989121234567 2026-11-23',
      '',
      '{"kind":"sick","note":"flu, \\"bad\\""}',
      '',
    ]);
    expect(records[2]!.slice(4, 8)).toEqual(['remove', '989121234567 2026-11-23', '{"kind":"sick"}', '']);
  });

  it('neutralises cells a spreadsheet would run as formulas (names and reasons come from people)', async () => {
    const { text } = await csvOf([entry(3, { who: '=HYPERLINK("x")', why: '@SUM(A1)' })]);
    const record = (parse(text.slice(1)) as string[][])[1]!;
    expect(record[2]).toBe(`'=HYPERLINK("x")`);
    expect(record[8]).toBe("'@SUM(A1)");
  });

  it('writes many entries in chunks with the same content as one string', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => entry(i + 1));
    const { text, rows } = await csvOf(many);
    expect(rows).toBe(3000);
    expect((parse(text.slice(1)) as string[][]).length).toBe(3001);
  });
});
