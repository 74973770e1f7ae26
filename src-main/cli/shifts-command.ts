/**
 * `smpp-attendance shifts list|add|update|remove|default|assign|unassign`: the shifts of
 * docs/attendance-rules.md section 2, driven by flags a script can write. Hours are given as
 * `--hours 'sat-wed 08:00-16:00'` (the same day syntax as serve's `--working-hours`), repeated for
 * other hours on other days; every change goes to the audit log with `--who` (or the OS user).
 */
import { parseWorkingHours } from '../core/alerts/working-hours-text.js';
import type { Shift, ShiftAssignment, ShiftDay, ShiftInput } from '../core/model.js';
import type { AttendanceStore } from '../core/store/attendance-store.js';
import { terminalSafe } from '../core/text/terminal-safe.js';
import type { CliIo } from './cli-io.js';
import { clock, dayOption, parseClock, printJson } from './cli-context.js';
import { openExistingStore } from './open-existing-store.js';
import { integerOption, optionalString, stringOptions } from './options.js';
import { formatTable } from './table.js';
import { UsageError } from './usage.js';
import {
  employeesById,
  findEmployee,
  idArgument,
  personText,
  STORE_OPTIONS,
  storeCommandOf,
} from './command-support.js';
import { ReasonError } from '../core/reason-error.js';
import type { Employee } from '../core/model.js';

const options = {
  ...STORE_OPTIONS,
  ...stringOptions('name', 'late-grace', 'early-grace', 'break', 'early-overtime', 'overtime-min', 'overtime-cap'),
  ...stringOptions('employee', 'department', 'from'),
  hours: { type: 'string', multiple: true },
} as const;

const SUBCOMMANDS = ['list', 'add', 'update', 'remove', 'default', 'assign', 'unassign'] as const;
const WITH_ID = SUBCOMMANDS.filter((sub) => sub !== 'list' && sub !== 'add');

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Saturday first, the Iranian week. */
const WEEK_ORDER = [6, 0, 1, 2, 3, 4, 5];
const MINUTES_LIMIT = { min: 0, max: 24 * 60 };

export const DEFAULT_SHIFT_INPUT: Omit<ShiftInput, 'name'> = {
  days: [0, 1, 2, 3, 4, 5, 6].map((d) => (d === 4 || d === 5 ? null : { start: 8 * 60, end: 16 * 60 })),
  lateGraceMinutes: 10,
  earlyGraceMinutes: 10,
  unpaidBreak: null,
  earlyWorkIsOvertime: false,
  overtimeMinimumMinutes: 0,
  overtimeCapMinutes: null,
};

export function runShifts(argv: string[], io: CliIo): number {
  const { sub, values, argument, dbPath, who } = storeCommandOf(argv, 'shifts', SUBCOMMANDS, options, WITH_ID);
  const meta = { who, now: Date.now() };
  const id =
    sub === 'list' || sub === 'add'
      ? 0
      : idArgument(argument, `shifts ${sub}`, sub === 'unassign' ? 'ASSIGNMENT-ID' : 'ID');
  // Flags are checked before the database is opened.
  const changes = sub === 'add' || sub === 'update' ? shiftChanges(values) : {};
  if (sub === 'add' && changes.name === undefined) throw new UsageError('shifts add needs --name');
  const assignFrom = sub === 'assign' ? dayOption(values, 'from') : undefined;
  if (sub === 'assign') {
    if (assignFrom === undefined)
      throw new UsageError('shifts assign needs --from YYYY-MM-DD (the first day of the shift)');
    const employee = optionalString(values, 'employee');
    const department = optionalString(values, 'department');
    if ((employee === undefined) === (department === undefined))
      throw new UsageError('shifts assign needs either --employee PHONE or --department NAME');
  }

  const store = openExistingStore(dbPath);
  try {
    switch (sub) {
      case 'list':
        return list(store, values.json === true, io);
      case 'add': {
        const shift = store.addShift({ ...DEFAULT_SHIFT_INPUT, ...changes } as ShiftInput, meta);
        io.stdout(`added shift ${shift.id} ${terminalSafe(shift.name)}: ${hoursText(shift.days)}\n`);
        return 0;
      }
      case 'update': {
        const current = shiftById(store, id);
        const { id: _id, isDefault: _default, ...input } = current;
        const shift = store.updateShift(id, { ...input, ...changes }, meta);
        io.stdout(`updated shift ${shift.id} ${terminalSafe(shift.name)}: ${hoursText(shift.days)}\n`);
        return 0;
      }
      case 'remove': {
        const shift = shiftById(store, id);
        store.removeShift(id, meta);
        io.stdout(`removed shift ${id} ${terminalSafe(shift.name)}\n`);
        return 0;
      }
      case 'default': {
        const shift = shiftById(store, id);
        store.setDefaultShift(id, meta);
        io.stdout(`shift ${id} ${terminalSafe(shift.name)} is now the default shift\n`);
        return 0;
      }
      case 'assign': {
        const shift = shiftById(store, id);
        const phone = optionalString(values, 'employee');
        const target: ShiftAssignment['target'] = phone
          ? { kind: 'employee', employeeId: findEmployee(store, phone).id }
          : { kind: 'department', department: optionalString(values, 'department')! };
        const assignment = store.assignShift({ shiftId: id, target, from: assignFrom! }, meta);
        io.stdout(
          `assignment ${assignment.id}: ${terminalSafe(targetText(employeesById(store), assignment.target))} works shift ${id} ${terminalSafe(shift.name)} from ${assignment.from}\n`,
        );
        return 0;
      }
      case 'unassign': {
        store.removeAssignment(id, meta);
        io.stdout(`removed assignment ${id}\n`);
        return 0;
      }
    }
  } finally {
    store.close();
  }
}

function list(store: AttendanceStore, json: boolean, io: CliIo): number {
  const shifts = store.listShifts();
  const assignments = store.listAssignments();
  if (json) {
    printJson(io, { shifts, assignments });
    return 0;
  }
  io.stdout(
    formatTable(
      ['id', 'name', 'hours', 'late grace', 'early grace', 'break', 'overtime', 'default'],
      shifts.map((s) => [
        String(s.id),
        s.name,
        hoursText(s.days),
        String(s.lateGraceMinutes),
        String(s.earlyGraceMinutes),
        s.unpaidBreak ? `${clock(s.unpaidBreak.start)}-${clock(s.unpaidBreak.end)}` : '',
        overtimeText(s),
        s.isDefault ? 'yes' : '',
      ]),
    ),
  );
  if (assignments.length === 0) {
    io.stdout('\nNo assignments: everyone works the default shift.\n');
    return 0;
  }
  const names = new Map(shifts.map((s) => [s.id, s.name]));
  const employees = employeesById(store);
  io.stdout('\n');
  io.stdout(
    formatTable(
      ['assignment', 'who', 'shift', 'from'],
      assignments.map((a) => [
        String(a.id),
        targetText(employees, a.target),
        `${a.shiftId} ${names.get(a.shiftId) ?? ''}`.trim(),
        a.from,
      ]),
    ),
  );
  return 0;
}

/** The fields the flags set (only those given). */
function shiftChanges(values: Record<string, unknown>): Partial<ShiftInput> {
  const changes: Partial<ShiftInput> = {};
  const name = optionalString(values, 'name');
  if (name !== undefined) {
    if (name.trim() === '') throw new UsageError('--name must not be empty');
    changes.name = name.trim();
  }
  const hours = values.hours as string[] | undefined;
  if (hours !== undefined) changes.days = parseHours(hours);
  if (values['late-grace'] !== undefined)
    changes.lateGraceMinutes = integerOption(values, 'late-grace', 0, MINUTES_LIMIT);
  if (values['early-grace'] !== undefined)
    changes.earlyGraceMinutes = integerOption(values, 'early-grace', 0, MINUTES_LIMIT);
  const pause = optionalString(values, 'break');
  if (pause !== undefined) changes.unpaidBreak = pause === 'none' ? null : parseSpan(pause, '--break');
  const early = optionalString(values, 'early-overtime');
  if (early !== undefined) {
    if (early !== 'yes' && early !== 'no') throw new UsageError(`--early-overtime must be yes or no, got '${early}'`);
    changes.earlyWorkIsOvertime = early === 'yes';
  }
  if (values['overtime-min'] !== undefined)
    changes.overtimeMinimumMinutes = integerOption(values, 'overtime-min', 0, MINUTES_LIMIT);
  const cap = optionalString(values, 'overtime-cap');
  if (cap !== undefined)
    changes.overtimeCapMinutes = cap === 'none' ? null : integerOption(values, 'overtime-cap', 0, MINUTES_LIMIT);
  return changes;
}

/** `['sat-wed 08:00-16:00', 'thu 08:00-12:00']` → the seven days (index 0 Sunday); days not named are weekend days. */
export function parseHours(texts: string[]): (ShiftDay | null)[] {
  const days: (ShiftDay | null)[] = [null, null, null, null, null, null, null];
  for (const text of texts) {
    let parsed;
    try {
      parsed = parseWorkingHours(text);
    } catch (error) {
      throw new UsageError(
        `--hours: ${(error as Error).message.replace('working hours are', 'hours are').replace(" or 'all'", '')}`,
      );
    }
    if (text.trim().toLowerCase() === 'all')
      throw new UsageError("--hours needs days and times, such as 'sat-wed 08:00-16:00'");
    const start = parseClock(parsed.from, '--hours');
    const end = parseClock(parsed.to, '--hours');
    if (start === end) throw new UsageError(`--hours '${text}': the start and the end are the same time`);
    for (const d of parsed.days) days[d] = { start, end };
  }
  return days;
}

function parseSpan(text: string, flag: string): { start: number; end: number } {
  const [a, b, ...more] = text.split('-');
  if (a === undefined || b === undefined || more.length > 0)
    throw new UsageError(`${flag} takes HH:MM-HH:MM, got '${text}'`);
  const span = { start: parseClock(a, flag), end: parseClock(b, flag) };
  if (span.end <= span.start) throw new UsageError(`${flag} '${text}': the end must be after the start`);
  return span;
}

/** `sat-wed 08:00-16:00, thu 08:00-12:00`: runs of days with the same hours, Saturday first. */
export function hoursText(days: (ShiftDay | null)[]): string {
  const groups: { first: number; last: number; day: ShiftDay }[] = [];
  for (const d of WEEK_ORDER) {
    const day = days[d];
    if (!day) continue;
    const prev = groups.at(-1);
    const prevIndex = prev ? WEEK_ORDER.indexOf(prev.last) : -2;
    if (prev && prev.day.start === day.start && prev.day.end === day.end && WEEK_ORDER.indexOf(d) === prevIndex + 1) {
      prev.last = d;
    } else {
      groups.push({ first: d, last: d, day });
    }
  }
  if (groups.length === 0) return 'no workdays';
  return groups
    .map(
      (g) =>
        `${WEEKDAYS[g.first]}${g.first === g.last ? '' : `-${WEEKDAYS[g.last]}`} ${clock(g.day.start)}-${clock(g.day.end)}`,
    )
    .join(', ');
}

function overtimeText(s: Shift): string {
  const parts: string[] = [];
  if (s.earlyWorkIsOvertime) parts.push('early work counts');
  if (s.overtimeMinimumMinutes > 0) parts.push(`min ${s.overtimeMinimumMinutes}`);
  if (s.overtimeCapMinutes !== null) parts.push(`cap ${s.overtimeCapMinutes}`);
  return parts.join(', ');
}

function shiftById(store: AttendanceStore, id: number): Shift {
  const shift = store.listShifts().find((s) => s.id === id);
  if (!shift) throw new ReasonError({ code: 'shift-not-found', params: { id } });
  return shift;
}

function targetText(employees: Map<number, Employee>, target: ShiftAssignment['target']): string {
  if (target.kind === 'department') return `department ${target.department}`;
  return personText(employees.get(target.employeeId), target.employeeId);
}
