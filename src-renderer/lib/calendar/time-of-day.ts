/**
 * Times of day as the shift and leave forms take them: minutes after local midnight (what the core
 * stores), written `HH:MM` on a 24-hour clock, typed with any digits.
 */
import { asciiDigits } from './calendar-month.js';

/** `08:30` (or `8:30`, `۰۸:۳۰`) as minutes after midnight; null when it is not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^\s*(\d{1,2})\s*[:٫.]\s*(\d{2})\s*$/.exec(asciiDigits(text));
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** Minutes after midnight as `HH:MM`. */
export function timeOfDayText(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Local epoch ms of a Gregorian `YYYY-MM-DD` at minutes after midnight. */
export function localInstant(isoDay: string, minutes: number): number {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, Math.floor(minutes / 60), minutes % 60).getTime();
}

/** The local `YYYY-MM-DD` and minutes after midnight of an instant. */
export function localDayAndTime(ms: number): { day: string; minutes: number } {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return {
    day: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    minutes: d.getHours() * 60 + d.getMinutes(),
  };
}
