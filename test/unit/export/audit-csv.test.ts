import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { AuditEntry } from '../../../src-main/core/model.js';
import { AUDIT_CSV_HEADER, writeAuditCsv } from '../../../src-main/core/export/audit-csv.js';

async function csvOf(entries: AuditEntry[]): Promise<{ text: string; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const { rows } = await writeAuditCsv(entries, out, { timeZone: 'Asia/Tehran' });
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), rows };
}

describe('the audit log as CSV', () => {
  it('writes one row per entry with the local time, JSON before/after, and typed text guarded against formulas', async () => {
    const entries: AuditEntry[] = [
      {
        id: 1,
        at: Date.UTC(2026, 10, 29, 5, 1, 2),
        who: 'مریم احمدی',
        entity: 'shift',
        action: 'update',
        subject: 'Office',
        before: { lateGraceMinutes: 10 },
        after: { lateGraceMinutes: 15 },
        why: '',
      },
      {
        id: 2,
        at: Date.UTC(2026, 10, 29, 6, 0, 0),
        who: '=cmd()',
        entity: 'punch',
        action: 'add',
        subject: '989121234567',
        before: null,
        after: { status: 'exit' },
        why: 'forgot, "really"',
      },
    ];
    const { text, rows } = await csvOf(entries);
    expect(rows).toBe(2);
    expect(text.startsWith('\ufeff')).toBe(true);
    const records = parse(text.slice(1)) as string[][];
    expect(records[0]).toEqual([...AUDIT_CSV_HEADER]);
    expect(records[1]).toEqual([
      '1',
      '2026-11-29T08:31:02+03:30',
      'مریم احمدی',
      'shift',
      'update',
      'Office',
      '{"lateGraceMinutes":10}',
      '{"lateGraceMinutes":15}',
      '',
    ]);
    expect(records[2]?.[2]).toBe("'=cmd()");
    expect(records[2]?.[6]).toBe('');
    expect(records[2]?.[8]).toBe('forgot, "really"');
  });

  it('writes only the header for an empty log', async () => {
    const { text, rows } = await csvOf([]);
    expect(rows).toBe(0);
    expect(text).toBe(`\ufeff${AUDIT_CSV_HEADER.join(',')}\n`);
  });
});
