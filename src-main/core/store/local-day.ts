/** Calendar days of the process's local time zone (the office's), as millisecond ranges. */

export interface DayBounds {
  /** Local midnight at the start of the day. */
  start: number;
  /** Local midnight at the start of the next day (exclusive end). */
  end: number;
}

/**
 * Bounds of a `YYYY-MM-DD` local day. Throws a RangeError naming the problem for text that is not
 * a real date (`2026-02-30`, `2026-13-01`, `26-1-1`).
 */
export function localDayBounds(date: string): DayBounds {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`'${date}' is not a date as YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) throw new RangeError(`'${date}' is not a date: there is no month ${month}`);
  const start = new Date(year, month - 1, day);
  if (day < 1 || start.getMonth() !== month - 1 || start.getDate() !== day) {
    const days = new Date(year, month, 0).getDate();
    throw new RangeError(`'${date}' is not a date: month ${match[2]} of ${year} has ${days} days`);
  }
  start.setHours(0, 0, 0, 0);
  return { start: start.getTime(), end: new Date(year, month - 1, day + 1).getTime() };
}

/** Local midnight at the start of the day containing `ms`. */
export function startOfLocalDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}
