/**
 * Working hours written as the command line takes them: `sat-wed 07:00-19:00`, `sun,tue 08:00-16:00`,
 * `all` (every day, all day). Day ranges run forward through the week (`sat-wed` is Sat, Sun, Mon,
 * Tue, Wed). Throws RangeError with the reason.
 */
import type { WorkingHours } from '../model.js';
import { CLOCK_TIME_PATTERN } from '../settings/settings-defaults.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function parseWorkingHours(text: string): WorkingHours {
  const t = text.trim().toLowerCase();
  if (t === 'all') return { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' };
  const m = /^([a-z,-]+)\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(t);
  if (!m) throw new RangeError(`working hours are written like 'sat-wed 07:00-19:00' or 'all', got '${text}'`);
  const days = new Set<number>();
  for (const part of m[1]!.split(',')) {
    const [a, b] = part.split('-');
    const start = DAYS.indexOf(a ?? '');
    const end = b === undefined ? start : DAYS.indexOf(b);
    if (start < 0 || end < 0) throw new RangeError(`unknown day in '${part}' (use sun, mon, tue, wed, thu, fri, sat)`);
    for (let d = start; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === end) break;
    }
  }
  for (const time of [m[2]!, m[3]!]) {
    if (!CLOCK_TIME_PATTERN.test(time)) throw new RangeError(`'${time}' is not a time between 00:00 and 23:59`);
  }
  return { days: [...days].sort((x, y) => x - y), from: m[2]!, to: m[3]! };
}
