/**
 * The timesheet CSV (docs/attendance-rules.md section 6): one row per employee and day, the
 * columns of section 6 in their order, then `jalali_date`, `shift` and `corrected`. For machines:
 * codes, not words; minutes as integers; times as local `HH:MM`. UTF-8 with a BOM so that Excel
 * shows Persian names intact; names and shift names go through the formula-injection guard.
 *
 * Streamed: rows are written as the employees come (from the store's iterator, one employee at a
 * time), in chunks of about 64 KiB, waiting for the output to drain whenever it is full.
 */
import type { DayResult } from '../model.js';
import { jalaliText } from '../attendance/calendar.js';
import { neutraliseFormula } from './csv-injection.js';
import { csvCell, csvLine } from './csv-line.js';

export const TIMESHEET_CSV_HEADER = [
  'phone',
  'name',
  'date',
  'day_type',
  'status',
  'first_in',
  'last_out',
  'worked_minutes',
  'late_minutes',
  'early_leave_minutes',
  'overtime_minutes',
  'flags',
  'shortfall_minutes',
  'jalali_date',
  'shift',
  'corrected',
] as const;

/** One employee's days, as the store's timesheet iterator yields them. */
export interface TimesheetEmployeeDays {
  employee: { phone: string; name: string; department: string };
  days: readonly DayResult[];
}

export interface TimesheetWriteOptions {
  /** Called with the number of day rows written now and then (CSV: every 1000 employees) and at the end. */
  onProgress?: (rows: number) => void;
  /** Aborting stops reading and rejects with an AbortError; `out` is left open for the caller. */
  signal?: AbortSignal;
}

const CHUNK_CHARS = 64 * 1024;
const BOM = '\uFEFF';

/** Writes the timesheet to `out` (which it does not end); resolves with the number of day rows. */
export async function writeTimesheetCsv(
  employees: Iterable<TimesheetEmployeeDays> | AsyncIterable<TimesheetEmployeeDays>,
  out: NodeJS.WritableStream,
  opts: TimesheetWriteOptions = {},
): Promise<{ rows: number }> {
  const { signal } = opts;
  let failure: unknown = null;
  const onError = (error: unknown): void => {
    failure ??= error;
  };
  out.on('error', onError);
  const check = (): void => {
    if (signal?.aborted) throw new DOMException('The export was cancelled', 'AbortError');
    if (failure !== null) throw failure;
  };
  const send = async (text: string): Promise<void> => {
    if (out.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        out.off('error', fail);
        resolve();
      };
      const fail = (error: unknown): void => {
        out.off('drain', done);
        reject(error);
      };
      out.once('drain', done);
      out.once('error', fail);
    });
  };
  try {
    let chunk = BOM + csvLine(TIMESHEET_CSV_HEADER);
    let rows = 0;
    let count = 0;
    for await (const { employee, days } of employees) {
      check();
      const who = `${csvCell(neutraliseFormula(employee.phone))},${csvCell(neutraliseFormula(employee.name))},`;
      for (const d of days) {
        chunk +=
          `${who}${d.date},${d.dayType},${d.status},${clock(d.firstIn)},${clock(d.lastOut)},` +
          `${d.workedMinutes},${d.lateMinutes},${d.earlyLeaveMinutes},${d.overtimeMinutes},${d.flags.join(';')},` +
          `${d.shortfallMinutes},${jalaliText(d.date)},${d.shiftName === null ? '' : csvCell(neutraliseFormula(d.shiftName))},` +
          `${d.corrected ? 'yes' : 'no'}\n`;
        rows++;
      }
      count++;
      if (count % 1000 === 0) opts.onProgress?.(rows);
      if (chunk.length >= CHUNK_CHARS) {
        await send(chunk);
        chunk = '';
      }
    }
    check();
    if (chunk.length > 0) await send(chunk);
    opts.onProgress?.(rows);
    return { rows };
  } finally {
    out.off('error', onError);
  }
}

/** Local `HH:MM` of an instant, or empty. */
function clock(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const h = d.getHours();
  const m = d.getMinutes();
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}
