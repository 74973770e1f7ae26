/**
 * The contract's requests for the timesheet's inputs: shifts and their assignments, holidays,
 * leave, the audit log, corrections of punches and the operator's name. Part of app-api.ts (which
 * spreads these schemas into `requestSchemas` and these results into `RequestResults`), kept in a
 * file of its own so that the timesheet's grid and the manager's screens grow apart.
 */
import { z } from 'zod';
import type {
  AddedPunch,
  AuditEntry,
  CorrectionRecord,
  Holiday,
  Leave,
  Page,
  Shift,
  ShiftAssignment,
} from '../core/model.js';
import { AUDIT_ENTITIES, LEAVE_KINDS } from '../core/model.js';
import type { ExportResult } from './app-api.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const id = z.number().int().positive();
/** Minutes after local midnight. */
const minute = z.number().int().min(0).max(1439);
const minutes = z.number().int().min(0).max(1440);
const why = z.string().trim().min(1, 'write a reason').max(500);

export const shiftInputSchema = z.object({
  name: z.string().trim().min(1, 'enter a name').max(100),
  days: z.array(z.object({ start: minute, end: minute }).nullable()).length(7),
  lateGraceMinutes: minutes,
  earlyGraceMinutes: minutes,
  unpaidBreak: z.object({ start: minute, end: minute }).nullable(),
  earlyWorkIsOvertime: z.boolean(),
  overtimeMinimumMinutes: minutes,
  overtimeCapMinutes: minutes.nullable(),
});

export const assignmentSchema = z.object({
  shiftId: id,
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('employee'), employeeId: id }),
    z.object({ kind: z.literal('department'), department: z.string().trim().min(1).max(200) }),
  ]),
  from: day,
});

export const leaveInputSchema = z.object({
  employeeId: id,
  date: day,
  kind: z.enum(LEAVE_KINDS as [Leave['kind'], ...Leave['kind'][]]),
  from: minute.nullable(),
  to: minutes.nullable(),
  note: z.string().trim().max(500),
});

/** The renderer's audit filter lists the same entities the core records. */
export { AUDIT_ENTITIES };

export const auditQuerySchema = z.object({
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
  entity: z.enum(AUDIT_ENTITIES).optional(),
  search: z.string().max(200).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const punchStatus = z.enum(['arrival', 'exit']);
const punchTime = z.number().int().positive();
/** What a replacing correction gives: a new time, and a new status or the old one. */
const replacement = { status: punchStatus.optional(), at: punchTime };

/** A correction of a punch from the Attendance page; who is the core's operator, never the renderer's word. */
export const correctPunchSchema = z.object({
  correction: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('add'),
      phone: z.string().trim().min(3).max(32),
      employeeId: id.nullable(),
      status: punchStatus,
      at: punchTime,
    }),
    z.object({ kind: z.literal('replace'), eventId: id, ...replacement }),
    z.object({ kind: z.literal('void'), eventId: id }),
  ]),
  why,
});
export type CorrectPunchInput = z.infer<typeof correctPunchSchema>;

/**
 * A correction of a punch added by hand or imported: `correctionId` is the id of its `add` row or
 * of any later correction of it (the correction a month's punch list shows with it).
 */
export const correctAddedPunchSchema = z.object({
  correction: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('replace'), correctionId: id, ...replacement }),
    z.object({ kind: z.literal('void'), correctionId: id }),
  ]),
  why,
});

export const adminRequestSchemas = {
  listShifts: z.undefined(),
  addShift: shiftInputSchema,
  updateShift: z.object({ id, input: shiftInputSchema }),
  removeShift: z.object({ id }),
  setDefaultShift: z.object({ id }),
  listAssignments: z.undefined(),
  assignShift: assignmentSchema,
  unassignShift: z.object({ id }),
  listHolidays: z.object({ from: day, to: day }),
  addHoliday: z.object({ date: day, name: z.string().trim().min(1, 'enter a name').max(200) }),
  removeHoliday: z.object({ date: day }),
  importHolidaysCsv: z.string().max(1_000_000),
  listLeave: z.object({ from: day, to: day, employeeId: id.optional() }),
  addLeave: leaveInputSchema,
  removeLeave: z.object({ id }),
  listAudit: auditQuerySchema,
  exportAudit: z.undefined(),
  correctPunch: correctPunchSchema,
  correctAddedPunch: correctAddedPunchSchema,
  listAddedPunches: z.object({ phone: z.string().trim().min(1).max(32), limit: z.number().int().min(1).max(1000) }),
  getOperator: z.undefined(),
  setOperator: z.object({ name: z.string().trim().min(1, 'enter a name').max(100) }),
} as const;

export interface AdminRequestResults {
  listShifts: Shift[];
  addShift: Shift;
  updateShift: Shift;
  removeShift: void;
  setDefaultShift: Shift;
  listAssignments: ShiftAssignment[];
  assignShift: ShiftAssignment;
  unassignShift: void;
  listHolidays: Holiday[];
  addHoliday: Holiday;
  removeHoliday: void;
  importHolidaysCsv: { imported: number };
  listLeave: Leave[];
  addLeave: Leave;
  removeLeave: void;
  listAudit: Page<AuditEntry>;
  exportAudit: ExportResult;
  correctPunch: CorrectionRecord;
  correctAddedPunch: CorrectionRecord;
  /** A number's punches added by hand or imported, newest first, each with its latest correction. */
  listAddedPunches: AddedPunch[];
  /** Who is at the PC: the name given this run, or the OS user's; `given` is false until a name was given. */
  getOperator: { name: string; given: boolean };
  setOperator: { name: string; given: boolean };
}
