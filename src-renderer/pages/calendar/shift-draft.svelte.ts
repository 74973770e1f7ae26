/**
 * The shift form's fields as typed (times as HH:MM text, minutes as text), and the ShiftInput they
 * make, or which fields are wrong. The main process checks the input again with the contract's
 * schema and the store's rules.
 */
import type { Shift, ShiftInput } from '../../../src-main/contract/domain.js';
import { asciiDigits } from '../../lib/calendar/calendar-month.js';
import { parseTimeOfDay, timeOfDayText } from '../../lib/calendar/time-of-day.js';

export interface DayDraft {
  works: boolean;
  start: string;
  end: string;
}

const OFFICE_HOURS = { start: 480, end: 960 };
/** A new shift: Saturday to Wednesday, 08:00–16:00 (Sunday … Saturday order). */
const OFFICE_WEEK = [OFFICE_HOURS, OFFICE_HOURS, OFFICE_HOURS, OFFICE_HOURS, null, null, OFFICE_HOURS];

export class ShiftDraft {
  name = $state('');
  /** Index 0 Sunday … 6 Saturday. */
  days = $state<DayDraft[]>([]);
  lateGrace = $state('10');
  earlyGrace = $state('10');
  hasBreak = $state(false);
  breakStart = $state('12:00');
  breakEnd = $state('12:30');
  earlyWorkIsOvertime = $state(false);
  overtimeMinimum = $state('0');
  overtimeCap = $state('');
  /** Field names the last check refused (`name`, `day-3-start`, `lateGrace`, …). */
  invalid = $state.raw<string[]>([]);

  constructor() {
    this.fill(null);
  }

  fill(shift: Shift | null): void {
    const days = shift?.days ?? OFFICE_WEEK;
    this.name = shift?.name ?? '';
    this.days = days.map((d) => ({
      works: d !== null,
      start: timeOfDayText(d?.start ?? 480),
      end: timeOfDayText(d?.end ?? 960),
    }));
    this.lateGrace = String(shift?.lateGraceMinutes ?? 10);
    this.earlyGrace = String(shift?.earlyGraceMinutes ?? 10);
    this.hasBreak = shift?.unpaidBreak != null;
    this.breakStart = timeOfDayText(shift?.unpaidBreak?.start ?? 720);
    this.breakEnd = timeOfDayText(shift?.unpaidBreak?.end ?? 750);
    this.earlyWorkIsOvertime = shift?.earlyWorkIsOvertime ?? false;
    this.overtimeMinimum = String(shift?.overtimeMinimumMinutes ?? 0);
    this.overtimeCap = shift?.overtimeCapMinutes == null ? '' : String(shift.overtimeCapMinutes);
    this.invalid = [];
  }

  /** The input the fields make, or null (and `invalid` says which fields are wrong). */
  check(): ShiftInput | null {
    const bad: string[] = [];
    const time = (text: string, field: string): number => {
      const m = parseTimeOfDay(text);
      if (m === null) bad.push(field);
      return m ?? 0;
    };
    const count = (text: string, field: string, optional = false): number | null => {
      const plain = asciiDigits(text).trim();
      if (optional && plain === '') return null;
      if (!/^\d{1,4}$/.test(plain) || Number(plain) > 1440) {
        bad.push(field);
        return 0;
      }
      return Number(plain);
    };
    if (this.name.trim() === '') bad.push('name');
    const days = this.days.map((d, i) =>
      d.works ? { start: time(d.start, `day-${i}-start`), end: time(d.end, `day-${i}-end`) } : null,
    );
    for (const [i, d] of days.entries()) if (d && d.start === d.end) bad.push(`day-${i}-end`);
    const unpaidBreak = this.hasBreak
      ? { start: time(this.breakStart, 'breakStart'), end: time(this.breakEnd, 'breakEnd') }
      : null;
    const input: ShiftInput = {
      name: this.name.trim(),
      days,
      lateGraceMinutes: count(this.lateGrace, 'lateGrace') ?? 0,
      earlyGraceMinutes: count(this.earlyGrace, 'earlyGrace') ?? 0,
      unpaidBreak,
      earlyWorkIsOvertime: this.earlyWorkIsOvertime,
      overtimeMinimumMinutes: count(this.overtimeMinimum, 'overtimeMinimum') ?? 0,
      overtimeCapMinutes: count(this.overtimeCap, 'overtimeCap', true),
    };
    this.invalid = bad;
    return bad.length === 0 ? input : null;
  }
}
