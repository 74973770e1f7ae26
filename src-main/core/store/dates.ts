/** Checks of the store's date and time inputs: dates are local calendar days as YYYY-MM-DD. */
import { ReasonError } from '../reason-error.js';

type DateReasonCode = 'period-invalid' | 'holiday-invalid' | 'leave-invalid' | 'shift-invalid';

/** Whether `text` is a real day as YYYY-MM-DD. */
export function isDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === text;
}

/** Throws a ReasonError of `code` for text that is not a real day as YYYY-MM-DD. */
export function assertDate(text: unknown, code: DateReasonCode): asserts text is string {
  if (!isDate(text))
    throw new ReasonError({ code, params: { detail: `'${String(text)}' is not a date as YYYY-MM-DD` } });
}
