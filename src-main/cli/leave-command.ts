/**
 * `smpp-attendance leave list|add|remove`: whole days (paid, unpaid, sick, mission) and hourly
 * leave (docs/attendance-rules.md section 2). `--until` adds one leave per day up to that day, so
 * that each can be removed on its own later. Every change goes to the audit log.
 */
import { LEAVE_KINDS, type Employee, type LeaveInput, type LeaveKind } from '../core/model.js';
import { addDays } from '../core/attendance/calendar.js';
import type { CliIo } from './cli-io.js';
import { clock, dayOption, parseClock, rangeOptions, thisMonth } from './cli-context.js';
import {
  employeesById,
  findEmployee,
  idArgument,
  personText,
  printList,
  RANGE_OPTIONS,
  STORE_OPTIONS,
  storeCommandOf,
  withStore,
} from './command-support.js';
import { optionalString, requireString, stringOptions } from './options.js';
import { UsageError } from './usage.js';
import { terminalSafe } from '../core/text/terminal-safe.js';

const options = {
  ...STORE_OPTIONS,
  ...RANGE_OPTIONS,
  ...stringOptions('employee', 'date', 'until', 'kind', 'hours', 'note'),
} as const;

const SUBCOMMANDS = ['list', 'add', 'remove'] as const;
/** A longer stretch is a typo more often than a leave. */
const MAX_DAYS = 366;

export function runLeave(argv: string[], io: CliIo, now: () => number = Date.now): number {
  const { sub, values, argument, dbPath, who } = storeCommandOf(argv, 'leave', SUBCOMMANDS, options, ['remove']);
  const meta = { who, now: now() };

  if (sub === 'list') {
    const range = rangeOptions(values, () => thisMonth(meta.now));
    const phone = optionalString(values, 'employee');
    withStore(dbPath, (store) => {
      const employeeId = phone === undefined ? undefined : findEmployee(store, phone).id;
      const leave = store.listLeave({ ...range, ...(employeeId === undefined ? {} : { employeeId }) });
      const people = employeesById(store);
      printList(io, values.json === true, {
        items: leave,
        empty: `No leave from ${range.from} to ${range.to}.\n`,
        header: ['id', 'date', 'employee', 'kind', 'hours', 'note'],
        row: (l) => [
          String(l.id),
          l.date,
          personText(people.get(l.employeeId), l.employeeId),
          l.kind,
          l.from === null || l.to === null ? 'whole day' : `${clock(l.from)}-${clock(l.to)}`,
          l.note,
        ],
      });
    });
    return 0;
  }

  if (sub === 'remove') {
    const id = idArgument(argument, 'leave remove');
    withStore(dbPath, (store) => store.removeLeave(id, meta));
    io.stdout(`removed leave ${id}\n`);
    return 0;
  }

  // add: every flag checked before the database is opened.
  const phone = requireString(values, 'employee');
  const date = dayOption(values, 'date');
  if (date === undefined) throw new UsageError('leave add needs --date YYYY-MM-DD');
  const until = dayOption(values, 'until') ?? date;
  if (until < date) throw new UsageError(`--until (${until}) is before --date (${date})`);
  const kind = requireString(values, 'kind') as LeaveKind;
  if (!LEAVE_KINDS.includes(kind))
    throw new UsageError(`--kind must be one of ${LEAVE_KINDS.join(', ')}, got '${kind}'`);
  const hours = optionalString(values, 'hours');
  let span: { from: number | null; to: number | null } = { from: null, to: null };
  if (hours !== undefined) {
    const [a, b, ...more] = hours.split('-');
    if (a === undefined || b === undefined || more.length > 0)
      throw new UsageError(`--hours takes HH:MM-HH:MM, got '${hours}'`);
    span = { from: parseClock(a, '--hours'), to: parseClock(b, '--hours') };
    if (span.to! <= span.from!) throw new UsageError(`--hours '${hours}': the end must be after the start`);
  }
  const dates: string[] = [];
  for (let d = date; d <= until; d = addDays(d, 1)) {
    dates.push(d);
    if (dates.length > MAX_DAYS) throw new UsageError(`--date to --until spans more than ${MAX_DAYS} days`);
  }
  const note = optionalString(values, 'note') ?? '';
  withStore(dbPath, (store) => {
    const employee: Employee = findEmployee(store, phone);
    const added: number[] = [];
    try {
      for (const day of dates) {
        const input: LeaveInput = { employeeId: employee.id, date: day, kind, ...span, note };
        added.push(store.addLeave(input, meta).id);
      }
    } finally {
      if (added.length > 0) {
        const what = span.from === null ? `${kind} leave` : `${kind} leave ${hours}`;
        io.stdout(
          `added ${what} for ${terminalSafe(personText(employee, employee.id))}: ${dates.slice(0, added.length).join(', ')} (leave ${added.join(', ')})\n`,
        );
      }
    }
  });
  return 0;
}
