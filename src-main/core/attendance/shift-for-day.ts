/**
 * Which shift applies to an employee on a day (docs/attendance-rules.md section 2): the employee's
 * own assignment beats the department's; among assignments of the same kind the latest `from` on or
 * before the day wins (two with the same `from`: the one made later, the higher id); without any,
 * the default shift. An assignment whose shift no longer exists is passed over.
 */
import type { Shift, ShiftAssignment } from '../model.js';

export interface ShiftEmployee {
  id: number;
  department: string;
}

/** The assignments sorted for lookups: per employee and per department, latest `from` first. */
export interface ShiftIndex {
  byEmployee: Map<number, ShiftAssignment[]>;
  byDepartment: Map<string, ShiftAssignment[]>;
}

const indexes = new WeakMap<readonly ShiftAssignment[], ShiftIndex>();

/** Sorts the assignments once (kept for the same array: the timesheet asks for thousands of employees). */
export function indexAssignments(assignments: readonly ShiftAssignment[]): ShiftIndex {
  const known = indexes.get(assignments);
  if (known !== undefined) return known;
  const index: ShiftIndex = { byEmployee: new Map(), byDepartment: new Map() };
  for (const a of assignments) {
    const t = a.target;
    const map = t.kind === 'employee' ? index.byEmployee : index.byDepartment;
    const key = t.kind === 'employee' ? t.employeeId : t.department;
    let list = (map as Map<number | string, ShiftAssignment[]>).get(key);
    if (list === undefined) (map as Map<number | string, ShiftAssignment[]>).set(key, (list = []));
    list.push(a);
  }
  const latestFirst = (x: ShiftAssignment, y: ShiftAssignment): number =>
    x.from === y.from ? y.id - x.id : x.from < y.from ? 1 : -1;
  for (const list of index.byEmployee.values()) list.sort(latestFirst);
  for (const list of index.byDepartment.values()) list.sort(latestFirst);
  indexes.set(assignments, index);
  return index;
}

export function shiftForDay(
  date: string,
  employee: ShiftEmployee,
  assignments: readonly ShiftAssignment[] | ShiftIndex,
  shiftsById: ReadonlyMap<number, Shift>,
  defaultShift: Shift,
): Shift {
  const index = Array.isArray(assignments)
    ? indexAssignments(assignments as readonly ShiftAssignment[])
    : (assignments as ShiftIndex);
  return (
    latestOnOrBefore(index.byEmployee.get(employee.id), date, shiftsById) ??
    latestOnOrBefore(index.byDepartment.get(employee.department), date, shiftsById) ??
    defaultShift
  );
}

function latestOnOrBefore(
  list: ShiftAssignment[] | undefined,
  date: string,
  shiftsById: ReadonlyMap<number, Shift>,
): Shift | null {
  if (list === undefined) return null;
  for (const a of list) {
    if (a.from > date) continue;
    const shift = shiftsById.get(a.shiftId);
    if (shift !== undefined) return shift;
  }
  return null;
}
