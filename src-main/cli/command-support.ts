/** Small pieces the timesheet commands share: ids from the command line, employees by number. */
import type { Employee } from '../core/model.js';
import type { AttendanceStore } from '../core/store/attendance-store.js';
import { terminalSafe } from '../core/text/terminal-safe.js';
import { UsageError } from './usage.js';

/** A positive whole number given as the command's argument (a shift's, a leave's, a period's id). */
export function idArgument(text: string | undefined, command: string, what = 'ID'): number {
  if (text === undefined) throw new UsageError(`${command} needs the ${what}`);
  if (!/^[1-9]\d{0,14}$/.test(text))
    throw new UsageError(`${command}: the ${what} must be a whole number, got '${text}'`);
  return Number(text);
}

/** A failure while running (exit 1), not a usage error: the number is well formed but nobody has it. */
export class NoSuchEmployeeError extends Error {
  override readonly name = 'NoSuchEmployeeError';
  constructor(phone: string) {
    super(`no employee has the number '${terminalSafe(phone)}' (see employees list)`);
  }
}

export function findEmployee(store: AttendanceStore, phone: string): Employee {
  const employee = store.findEmployeeByPhone(phone);
  if (!employee) throw new NoSuchEmployeeError(phone);
  return employee;
}

/** Names of employees by id, for tables that refer to them. */
export function employeesById(store: AttendanceStore): Map<number, Employee> {
  return new Map(store.listEmployees({ includeInactive: true }).map((e) => [e.id, e]));
}

export function personText(employee: Employee | undefined, id: number): string {
  return employee ? `${employee.name} (${employee.phone})` : `employee ${id}`;
}
