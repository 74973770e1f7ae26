/** An export's date range (local days, both ends inclusive) as a millisecond range on event time. */
import { localDayBounds } from '../store/local-day.js';

/**
 * `from` and `to` are `YYYY-MM-DD` local days; `to` is inclusive (the whole day). The result's
 * `fromMs` is inclusive and `toMs` exclusive (the next local midnight). Throws a RangeError with a
 * message for the user on a date that does not exist (`2026-02-30`) or a start after the end.
 */
export function dayRange(from?: string, to?: string): { fromMs?: number; toMs?: number } {
  const range: { fromMs?: number; toMs?: number } = {};
  if (from !== undefined && from !== '') range.fromMs = localDayBounds(from).start;
  if (to !== undefined && to !== '') range.toMs = localDayBounds(to).end;
  if (range.fromMs !== undefined && range.toMs !== undefined && range.fromMs >= range.toMs) {
    throw new RangeError(`the start date ${from} is after the end date ${to}`);
  }
  return range;
}
