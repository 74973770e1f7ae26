/**
 * Punches imported from a file (docs/attendance-rules.md section 5): each row becomes a correction
 * of kind `add` with source `import` (reported = received = counted = its time, no flag). All or
 * nothing: a row whose number is not in the directory refuses the whole file, naming its line;
 * an exact repeat of a punch already counted (same employee, status and time, corrections
 * applied) or of an earlier row of the same file is skipped.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AttendanceStatus } from '../model.js';
import { ReasonError } from '../reason-error.js';
import { normalisePhone } from '../employees/phone-number.js';
import { IN_FORCE, NOT_CORRECTED } from './corrections.js';

/** One parsed row of a punches file: its line (for messages), any spelling of a number, a status, an instant. */
export interface PunchImportRow {
  line: number;
  phone: string;
  status: AttendanceStatus;
  at: number;
}

/** A row checked and resolved to its employee. */
export interface ResolvedPunch {
  line: number;
  phone: string;
  employeeId: number;
  status: AttendanceStatus;
  at: number;
}

export class PunchImport {
  private readonly employee: Statement<[string], { id: number }>;
  private readonly existing: Statement<[number, number, string, number, number, string], { one: number }>;
  private readonly insert: Statement<[string, number, string, number, string, string, number]>;

  constructor(db: Database) {
    this.employee = db.prepare('SELECT id FROM employees WHERE phone = ?');
    this.existing = db.prepare(
      `SELECT 1 AS one FROM events e WHERE e.employee_id = ? AND e.at = ? AND e.status = ? AND ${NOT_CORRECTED}
       UNION ALL
       SELECT 1 FROM corrections c WHERE c.employee_id = ? AND c.at = ? AND c.status = ? AND ${IN_FORCE}
       LIMIT 1`,
    );
    this.insert = db.prepare(
      `INSERT INTO corrections (kind, event_id, phone, employee_id, status, at, decision, who, why, made_at, source)
       VALUES ('add', NULL, ?, ?, ?, ?, NULL, ?, ?, ?, 'import')`,
    );
  }

  /** Checks every row (throws `punch-import-invalid` naming the first bad line) and resolves its employee. */
  resolve(rows: readonly PunchImportRow[], defaultCountry: string): ResolvedPunch[] {
    return rows.map((row) => {
      const fail = (detail: string): never => {
        throw new ReasonError({ code: 'punch-import-invalid', params: { line: row.line, detail } });
      };
      if (row.status !== 'arrival' && row.status !== 'exit') fail(`'${String(row.status)}' is not arrival or exit`);
      if (!Number.isSafeInteger(row.at)) fail('the time is not an instant');
      const phone = normalisePhone(row.phone, defaultCountry);
      if (!phone.ok) return fail(`'${row.phone}' is not a phone number`);
      const employee = this.employee.get(phone.phone);
      if (!employee) return fail(`${phone.phone} is not in the employee directory`);
      return { line: row.line, phone: phone.phone, employeeId: employee.id, status: row.status, at: row.at };
    });
  }

  /** Writes the rows that are not exact repeats; call inside the import's transaction. */
  write(
    rows: readonly ResolvedPunch[],
    meta: { who: string; why: string; now: number },
  ): { added: number; skipped: number } {
    let added = 0;
    let skipped = 0;
    for (const row of rows) {
      if (this.existing.get(row.employeeId, row.at, row.status, row.employeeId, row.at, row.status)) {
        skipped += 1;
        continue;
      }
      this.insert.run(row.phone, row.employeeId, row.status, row.at, meta.who, meta.why, meta.now);
      added += 1;
    }
    return { added, skipped };
  }
}
