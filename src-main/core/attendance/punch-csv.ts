/**
 * Punches from elsewhere (another clock, a paper list typed up): a CSV file `phone,status,time`
 * read into rows for the store's all-or-nothing import (docs/attendance-rules.md section 5).
 *
 * - A header is optional; when the first line names the columns (`phone`, `status`, `time`, any
 *   order, extra columns ignored) it is used, otherwise the columns are phone, status, time.
 * - `status`: `arrival` or `exit`, any case (the phones send `Arrival` / `Exit`).
 * - `time`: ISO 8601 with an offset (`2026-11-25T08:05:00+03:30`, `…Z`), or local time as
 *   `YYYY-MM-DD HH:MM` (also with seconds, or a `T`): local means the office's time zone, the
 *   process's. A local time that does not exist (a clock moved forward) is refused, as is a time
 *   in the future.
 * - `phone` is normalised as everywhere else (core/employees/phone-number.ts); whether it belongs to
 *   an employee is the store's question.
 *
 * The first bad line stops the parse with a `punch-import-invalid` ReasonError naming it: nothing
 * of a file with a mistake in it is imported, and the clerk fixes the line and imports again.
 */
import { parseCsvRecords } from '../text/csv-records.js';
import type { AttendanceStatus } from '../model.js';
import { ReasonError } from '../reason-error.js';
import { normalisePhone } from '../employees/phone-number.js';
import { describeReason } from '../describe.js';
import { asciiDigits } from '../text/ascii-digits.js';

/** One punch of the file: its line (1-based, where the record starts), normalised phone, status and instant. */
export interface PunchCsvRow {
  line: number;
  phone: string;
  status: AttendanceStatus;
  at: number;
}

/** A month of a large office's clock is some 250,000 punches; these bounds leave room and stop a wrong file early. */
export const PUNCH_IMPORT_LIMITS = { maxBytes: 64 * 1024 * 1024, maxRows: 1_000_000 } as const;

export interface PunchCsvOptions {
  /** For national numbers such as 0910… (the settings' default country). */
  defaultCountry: string;
  /** Times after this instant are refused; omitted: no check. */
  now?: number;
  limits?: { maxBytes: number; maxRows: number };
}

type Column = 'phone' | 'status' | 'time';
const COLUMNS: readonly Column[] = ['phone', 'status', 'time'];

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses the whole file; throws a ReasonError (punch-import-invalid, csv-too-large, csv-too-many-rows). */
export function parsePunchesCsv(text: string, options: PunchCsvOptions): PunchCsvRow[] {
  const limits = options.limits ?? PUNCH_IMPORT_LIMITS;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes)
    throw new ReasonError({ code: 'csv-too-large', params: { bytes, max: limits.maxBytes } });

  const records = parseCsvRecords(text, (line, message) => {
    throw invalid(line, `not valid CSV: ${message}`);
  });

  let columns: Record<Column, number> = { phone: 0, status: 1, time: 2 };
  const rows: PunchCsvRow[] = [];
  for (let index = 0; index < records.length; index++) {
    const { record, info } = records[index]!;
    // info.lines is where the record ends; a quoted cell may span lines.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (index === 0 && record.some((cell) => cell.toLowerCase() === 'phone')) {
      columns = headerColumns(record, line);
      continue;
    }
    if (record.every((cell) => cell === '')) continue;
    if (rows.length >= limits.maxRows)
      throw new ReasonError({ code: 'csv-too-many-rows', params: { max: limits.maxRows } });
    const cell = (c: Column): string => record[columns[c]] ?? '';
    rows.push(parseRow(line, cell('phone'), cell('status'), cell('time'), options));
  }
  return rows;
}

function headerColumns(header: string[], line: number): Record<Column, number> {
  const found: Partial<Record<Column, number>> = {};
  header.forEach((cell, index) => {
    const name = cell.toLowerCase() as Column;
    if (COLUMNS.includes(name) && found[name] === undefined) found[name] = index;
  });
  const missing = COLUMNS.filter((c) => found[c] === undefined);
  if (missing.length > 0)
    throw invalid(
      line,
      `the header has no ${missing.map((c) => `'${c}'`).join(' or ')} column (expected phone,status,time)`,
    );
  return found as Record<Column, number>;
}

function parseRow(
  line: number,
  phoneText: string,
  statusText: string,
  timeText: string,
  options: PunchCsvOptions,
): PunchCsvRow {
  const phone = normalisePhone(phoneText, options.defaultCountry);
  if (!phone.ok) throw invalid(line, describeReason(phone.reason));
  const lower = statusText.toLowerCase();
  if (lower !== 'arrival' && lower !== 'exit')
    throw invalid(
      line,
      statusText === '' ? 'the status is empty (arrival or exit)' : `the status '${statusText}' is not arrival or exit`,
    );
  const at = parseTime(timeText);
  if (typeof at === 'string') throw invalid(line, at);
  if (options.now !== undefined && at > options.now) throw invalid(line, `the time '${timeText}' is in the future`);
  return { line, phone: phone.phone, status: lower, at };
}

/** Epoch ms, or why the text is not a time. */
export function parseTime(raw: string): number | string {
  const text = asciiDigits(raw.trim());
  if (text === '') return 'the time is empty (YYYY-MM-DD HH:MM, or ISO 8601 with an offset)';
  const m = ISO.exec(text);
  if (!m) return `the time '${raw}' is not YYYY-MM-DD HH:MM or ISO 8601 with an offset`;
  const [year, month, day, hour, minute, second] = m
    .slice(1, 7)
    .map((v) => (v === undefined ? 0 : Number(v))) as number[];
  const zone = m[7];
  if (
    month! < 1 ||
    month! > 12 ||
    day! < 1 ||
    day! > daysInMonth(year!, month!) ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  )
    return `the time '${raw}' is not a real date and time`;
  if (zone !== undefined) {
    let offset = 0;
    if (zone.toUpperCase() !== 'Z') {
      const digits = zone.slice(1).replace(':', '');
      const hours = Number(digits.slice(0, 2));
      const minutes = Number(digits.slice(2));
      if (hours > 14 || minutes > 59) return `the offset of '${raw}' is not a real UTC offset`;
      offset = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
    }
    return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) - offset * 60_000;
  }
  const local = new Date(year!, month! - 1, day!, hour!, minute!, second!);
  if (local.getHours() !== hour || local.getMinutes() !== minute || local.getDate() !== day)
    return `the local time '${raw}' does not exist in this time zone (the clocks moved forward)`;
  return local.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function invalid(line: number, detail: string): ReasonError {
  return new ReasonError({ code: 'punch-import-invalid', params: { line, detail } });
}
