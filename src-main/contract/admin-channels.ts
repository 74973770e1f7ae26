/**
 * The request names of admin-api.ts (shifts, holidays, leave, the audit log, corrections, the
 * operator), in its order; channels.ts appends them to the contract's list. No zod here.
 */
export const adminRequestNames = [
  'listShifts',
  'addShift',
  'updateShift',
  'removeShift',
  'setDefaultShift',
  'listAssignments',
  'assignShift',
  'unassignShift',
  'listHolidays',
  'addHoliday',
  'removeHoliday',
  'importHolidaysCsv',
  'listLeave',
  'addLeave',
  'removeLeave',
  'listAudit',
  'exportAudit',
  'correctPunch',
  'correctAddedPunch',
  'listAddedPunches',
  'getOperator',
  'setOperator',
] as const;
