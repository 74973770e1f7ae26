/** The day rules of docs/attendance-rules.md section 3, case by case (TZ=Asia/Tehran; 2026-11-22 is a Sunday). */
import { describe, expect, it } from 'vitest';
import { arrive, day, leave } from './timesheet-fixtures.js';

const SUN = '2026-11-22';

describe('a plain workday', () => {
  it('pairs an arrival with an exit: present, 480 worked, nothing late', () => {
    const d = day({ from: SUN, punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 16:00`)] });
    expect(d).toMatchObject({
      status: 'present',
      dayType: 'workday',
      scheduledMinutes: 480,
      workedMinutes: 480,
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
      overtimeMinutes: 0,
      shortfallMinutes: 0,
      flags: [],
      covered: true,
      inProgress: false,
    });
  });

  it('is absent with no punches on a covered day, no_data without coverage', () => {
    expect(day({ from: SUN }).status).toBe('absent');
    expect(day({ from: SUN }).shortfallMinutes).toBe(480);
    expect(day({ from: SUN, connection: [] }).status).toBe('no_data');
  });
});
