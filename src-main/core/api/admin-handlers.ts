/**
 * The handlers of contract/admin-api.ts: shifts and assignments, holidays, leave, the audit log,
 * corrections of punches and the operator's name. Every change goes to the store with who (the
 * operator), when and, where the contract asks for one, why; the store writes it and its audit row
 * in one transaction.
 */
import type { AdminRequestResults, ExportResult, RequestArg } from '../../contract/app-api.js';
import type { adminRequestNames } from '../../contract/admin-channels.js';
import type { AttendanceStore } from '../store/attendance-store.js';
import { createPrivateWriteStream } from '../private-files.js';
import { finished } from 'node:stream/promises';
import { writeAuditCsv } from '../export/audit-csv.js';

type AdminName = (typeof adminRequestNames)[number];
export type AdminHandlers = { [K in AdminName]: (arg: RequestArg<K>) => Promise<AdminRequestResults[K]> };

export interface AdminHost {
  store: AttendanceStore;
  /** The OS user's name (the core's operator) unless a name was given this run. */
  osOperator: () => string;
  now: () => number;
  /**
   * Writes a file the user keeps: Electron asks where with the save dialog, the preview offers a
   * download. `write` fills the path and resolves with the rows written. Omitted: no exports here.
   */
  saveFile?: (suggestedName: string, write: (path: string) => Promise<number>) => Promise<ExportResult>;
}

export interface Operator {
  /** Who is at the PC: the name given this run, else the OS user's. */
  who(): string;
}

export function createAdminHandlers(host: AdminHost): AdminHandlers & Operator {
  const { store, now } = host;
  let given: string | null = null;
  const who = (): string => given ?? host.osOperator();
  // The store names the same person in the entries of changes made without an explicit who
  // (people, keys, settings).
  store.setOperator(null, host.osOperator);
  const meta = (why?: string): { who: string; now: number; why?: string } => ({
    who: who(),
    now: now(),
    ...(why !== undefined ? { why } : {}),
  });
  const operator = (): AdminRequestResults['getOperator'] => ({ name: who(), given: given !== null });

  return {
    who,
    listShifts: async () => store.listShifts(),
    addShift: async (input) => store.addShift(input, meta()),
    updateShift: async ({ id, input }) => store.updateShift(id, input, meta()),
    removeShift: async ({ id }) => {
      store.removeShift(id, meta());
    },
    setDefaultShift: async ({ id }) => store.setDefaultShift(id, meta()),
    listAssignments: async () => store.listAssignments(),
    assignShift: async (input) => store.assignShift(input, meta()),
    unassignShift: async ({ id }) => {
      store.removeAssignment(id, meta());
    },
    listHolidays: async ({ from, to }) => store.listHolidays(from, to),
    addHoliday: async (input) => store.addHoliday(input, meta()),
    removeHoliday: async ({ date }) => {
      store.removeHoliday(date, meta());
    },
    importHolidaysCsv: async (text) => store.importHolidaysCsv(text, meta()),
    listLeave: async (q) => store.listLeave(q),
    addLeave: async (input) => store.addLeave(input, meta()),
    removeLeave: async ({ id }) => {
      store.removeLeave(id, meta());
    },
    listAudit: async (q) => store.listAudit(q),
    exportAudit: async () => {
      if (!host.saveFile) throw new Error('Exports are not available here.');
      const day = new Date(now());
      const name = `audit-${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}.csv`;
      return host.saveFile(name, async (path) => {
        const file = createPrivateWriteStream(path);
        try {
          return (await writeAuditCsv(store.iterateAudit(), file)).rows;
        } finally {
          file.end();
          await finished(file);
        }
      });
    },
    correctPunch: async ({ correction, why }) => store.correctPunch(correction, meta(why)),
    correctAddedPunch: async ({ correction, why }) => store.correctAddedPunch(correction, meta(why)),
    listAddedPunches: async (q) => store.addedPunches(q),
    getOperator: async () => operator(),
    setOperator: async ({ name }) => {
      given = name;
      store.setOperator(name, host.osOperator);
      return operator();
    },
  };
}
