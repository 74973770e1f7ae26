/**
 * A holidays CSV (columns `date,name`, a header line optional): `date` is Gregorian `YYYY-MM-DD`
 * or Jalali `1405/09/01` (also `1405-09-01`: a year before 1700 is Jalali). All or nothing: the
 * first bad line refuses the file with `holiday-invalid` naming it.
 */
import { parseCsvRecords } from '../text/csv-records.js';
import { ReasonError } from '../reason-error.js';
import { gregorianOfJalali } from './calendar.js';

export interface HolidayCsvRow {
  line: number;
  /** YYYY-MM-DD (Gregorian). */
  date: string;
  name: string;
}

export function parseHolidaysCsv(text: string): HolidayCsvRow[] {
  const records = parseCsvRecords(text, (_line, message) => {
    throw new ReasonError({ code: 'holiday-invalid', params: { detail: message } });
  });
  const rows: HolidayCsvRow[] = [];
  const seen = new Set<string>();
  records.forEach(({ record, info }, i) => {
    const line = info.lines;
    const [dateText = '', name = ''] = record;
    if (i === 0 && dateText.toLowerCase() === 'date') return;
    const fail = (detail: string): never => {
      throw new ReasonError({ code: 'holiday-invalid', params: { detail: `line ${line}: ${detail}` } });
    };
    const date = dateOfText(dateText) ?? fail(`'${dateText}' is not a date (YYYY-MM-DD or Jalali 1405/09/01)`);
    if (name === '') fail('the name is empty');
    if (name.length > 200) fail('the name is too long');
    if (seen.has(date)) fail(`${date} appears twice`);
    seen.add(date);
    rows.push({ line, date, name });
  });
  return rows;
}

function dateOfText(text: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1700) return gregorianOfJalali(year, month, day);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
