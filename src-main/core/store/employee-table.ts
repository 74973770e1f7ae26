/**
 * The employees table: phone (normalised, unique), name, department, optional own key, active flag.
 * What a valid employee is (the phone's one spelling, trimmed text) is decided in
 * core/employees/validate-employee.ts; this class only stores checked input.
 *
 * `events.employee_id` is a lookup link from an event's phone to the employee with that phone, not
 * attendance data. So adding an employee (or changing their number) links the earlier events of
 * that phone that had no employee yet; events already linked keep their link, so a person's past
 * stays theirs when their number changes.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Employee, UnknownSender } from '../model.js';
import type { EmployeeInput } from '../employees/employee-input.js';
import { assertValidKey } from '../protocol/cipher.js';
import type { OwnKeyCipher } from '../employees/own-key-cipher.js';
import { normalisePhone } from '../employees/phone-number.js';
import { validateEmployee, type ValidEmployee } from '../employees/validate-employee.js';
import { personSearchCondition } from './person-search.js';
import { EmployeeExistsError, EmployeeInputError, EmployeeNotFoundError } from '../employees/employee-errors.js';

interface EmployeeRow {
  id: number;
  phone: string;
  name: string;
  department: string;
  has_key: number;
  active: number;
  employment_start: string | null;
  employment_end: string | null;
}

const COLUMNS =
  'id, phone, name, department, (own_key IS NOT NULL OR own_key_sealed IS NOT NULL) AS has_key, active, employment_start, employment_end';

export class EmployeeTable {
  private readonly byId: Statement<[number], EmployeeRow>;
  private readonly byPhone: Statement<[string], EmployeeRow>;
  private readonly insertStmt: Statement<[string, string, string, string | null, string | null, number, number]>;
  private readonly updateStmt: Statement<[string, string, string, string | null, string | null, number, number]>;
  private readonly activeStmt: Statement<[number, number, number]>;
  private readonly keyStmt: Statement<[Buffer | null, number, number]>;
  private readonly ownKeyStmt: Statement<[string], { own_key: string | null; own_key_sealed: Buffer | null }>;
  private readonly knownStmt: Statement<[string], { id: number }>;
  private readonly linkStmt: Statement<[number, string]>;
  private readonly unknownStmt: Statement<[], { phone: string; messages: number; lastAt: number }>;

  constructor(
    private readonly db: Database,
    private readonly deps: {
      now: () => number;
      defaultCountry: () => string;
      /** The cipher of the database's data key, loaded on first use (it may create the key file); absent: own keys cannot be set or read. */
      ownKeys?: () => OwnKeyCipher;
    },
  ) {
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM employees WHERE id = ?`);
    this.byPhone = db.prepare(`SELECT ${COLUMNS} FROM employees WHERE phone = ?`);
    this.insertStmt = db.prepare(
      'INSERT INTO employees (phone, name, department, employment_start, employment_end, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateStmt = db.prepare(
      'UPDATE employees SET phone = ?, name = ?, department = ?, employment_start = ?, employment_end = ?, updated_at = ? WHERE id = ?',
    );
    this.activeStmt = db.prepare('UPDATE employees SET active = ?, updated_at = ? WHERE id = ?');
    // Setting or removing a key also empties a plaintext key left from before migration 6.
    this.keyStmt = db.prepare('UPDATE employees SET own_key_sealed = ?, own_key = NULL, updated_at = ? WHERE id = ?');
    this.ownKeyStmt = db.prepare('SELECT own_key, own_key_sealed FROM employees WHERE phone = ?');
    this.knownStmt = db.prepare('SELECT id FROM employees WHERE phone = ?');
    this.linkStmt = db.prepare('UPDATE events SET employee_id = ? WHERE phone = ? AND employee_id IS NULL');
    this.unknownStmt = db.prepare(
      'SELECT phone, COUNT(*) AS messages, MAX(received_at) AS lastAt FROM events WHERE employee_id IS NULL GROUP BY phone ORDER BY lastAt DESC',
    );
  }

  /** Checks and normalises an input; throws EmployeeInputError with the first problem. */
  validate(input: EmployeeInput): ValidEmployee {
    return validateEmployee(input, this.deps.defaultCountry());
  }

  add(input: EmployeeInput): Employee {
    const valid = this.validate(input);
    return this.db.transaction(() => this.insertValid(valid)).immediate();
  }

  /** Inserts a checked employee and links their earlier events. Call inside a transaction. */
  private insertValid(valid: ValidEmployee): Employee {
    const existing = this.byPhone.get(valid.phone);
    if (existing) throw new EmployeeExistsError(valid.phone, existing.name);
    const now = this.deps.now();
    const id = Number(
      this.insertStmt.run(
        valid.phone,
        valid.name,
        valid.department,
        valid.employmentStart ?? null,
        valid.employmentEnd ?? null,
        now,
        now,
      ).lastInsertRowid,
    );
    this.linkStmt.run(id, valid.phone);
    return this.get(id);
  }

  update(id: number, input: EmployeeInput): Employee {
    const valid = this.validate(input);
    return this.db
      .transaction(() => {
        const before = this.get(id);
        const holder = this.byPhone.get(valid.phone);
        if (holder && holder.id !== id) throw new EmployeeExistsError(valid.phone, holder.name);
        const { start, end } = employment(valid, before);
        if (start !== null && end !== null && end < start)
          throw new EmployeeInputError(`employment end ${end} is before employment start ${start}`, {
            code: 'employee-invalid',
            params: { detail: `employment end ${end} is before employment start ${start}` },
          });
        this.updateStmt.run(valid.phone, valid.name, valid.department, start, end, this.deps.now(), id);
        this.linkStmt.run(id, valid.phone);
        return this.get(id);
      })
      .immediate();
  }

  /**
   * Adds the employees whose number is new and updates the name and department of the others, in
   * one transaction (a CSV import: all of it, or on a storage error nothing).
   */
  upsertAll(valid: readonly ValidEmployee[]): { added: number; updated: number } {
    return this.db
      .transaction(() => {
        const counts = { added: 0, updated: 0 };
        for (const employee of valid) {
          const changed = this.updateByPhone(employee);
          if (changed === null) {
            this.insertValid(employee);
            counts.added += 1;
          } else if (changed) {
            counts.updated += 1;
          }
        }
        return counts;
      })
      .immediate();
  }

  /** Updates name and department of the employee with `valid.phone`; returns whether anything changed. */
  private updateByPhone(valid: ValidEmployee): boolean | null {
    const existing = this.byPhone.get(valid.phone);
    if (!existing) return null;
    if (existing.name === valid.name && existing.department === valid.department) return false;
    this.updateStmt.run(
      valid.phone,
      valid.name,
      valid.department,
      existing.employment_start,
      existing.employment_end,
      this.deps.now(),
      existing.id,
    );
    return true;
  }

  setActive(id: number, active: boolean): Employee {
    this.get(id);
    this.activeStmt.run(active ? 1 : 0, this.deps.now(), id);
    return this.get(id);
  }

  /** Sets (sealed with the data key) or clears the employee's own key (exactly 32 bytes of UTF-8, like the shared key). */
  setKey(id: number, key: string | null): Employee {
    if (key !== null) {
      try {
        assertValidKey(key);
      } catch (error) {
        throw new EmployeeInputError((error as Error).message);
      }
    }
    this.get(id);
    const sealed = key === null ? null : this.cipher().seal(key);
    this.keyStmt.run(sealed, this.deps.now(), id);
    return this.get(id);
  }

  /**
   * Moves plaintext own keys (written before migration 6) into the sealed column, in one
   * transaction, each checked to open again before its plaintext is dropped. With `secure_delete`
   * the old text is overwritten in the file, and the WAL is truncated after, so it is gone from the
   * disk too (not from backups taken before). Returns how many keys were moved.
   */
  sealPlaintextKeys(): number {
    const rows = this.db
      .prepare<[], { id: number; own_key: string }>('SELECT id, own_key FROM employees WHERE own_key IS NOT NULL')
      .all();
    if (rows.length === 0) return 0;
    const cipher = this.cipher();
    const move = this.db.prepare<[Buffer, number]>(
      'UPDATE employees SET own_key_sealed = ?, own_key = NULL WHERE id = ?',
    );
    const secureDelete = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      this.db
        .transaction(() => {
          for (const row of rows) {
            const sealed = cipher.seal(row.own_key);
            if (cipher.open(sealed) !== row.own_key)
              throw new Error(`sealing the own key of employee ${row.id} did not round-trip; nothing was changed`);
            move.run(sealed, row.id);
          }
        })
        .immediate();
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.pragma(`secure_delete = ${secureDelete}`);
    }
    return rows.length;
  }

  /** The employee with this number (any spelling), or null. */
  findByPhone(phone: string): Employee | null {
    const normalised = normalisePhone(phone, this.deps.defaultCountry());
    if (!normalised.ok) return null;
    const row = this.byPhone.get(normalised.phone);
    return row ? toEmployee(row) : null;
  }

  /** Whether the sender (any spelling) is in the employee directory, active or not. */
  isKnown(phone: string): boolean {
    const normalised = normalisePhone(phone, this.deps.defaultCountry());
    return normalised.ok && this.knownStmt.get(normalised.phone) !== undefined;
  }

  private cipher(): OwnKeyCipher {
    if (!this.deps.ownKeys) throw new Error('own keys need the data key, and this database was opened without it');
    return this.deps.ownKeys();
  }

  get(id: number): Employee {
    const row = this.byId.get(id);
    if (!row) throw new EmployeeNotFoundError(id);
    return toEmployee(row);
  }

  /** The employee's own key for a sender (any spelling), or null to use the shared key. */
  ownKey(phone: string): string | null {
    const normalised = normalisePhone(phone, this.deps.defaultCountry());
    if (!normalised.ok) return null;
    const row = this.ownKeyStmt.get(normalised.phone);
    if (!row) return null;
    if (row.own_key_sealed !== null) return this.cipher().open(row.own_key_sealed);
    return row.own_key; // not moved yet: opened without the data key so far
  }

  list(q: { search?: string; includeInactive?: boolean }): Employee[] {
    const where: string[] = [];
    const params: string[] = [];
    if (!q.includeInactive) where.push('active = 1');
    const search = personSearchCondition(q.search, 'name', 'phone', this.deps.defaultCountry());
    if (search) {
      where.push(search.sql);
      params.push(...search.params);
    }
    // Built per call: the WHERE clause depends on the filters, and the employees table is small.
    const sql = `SELECT ${COLUMNS} FROM employees ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name COLLATE NOCASE, phone`;
    return this.db
      .prepare<string[], EmployeeRow>(sql)
      .all(...params)
      .map(toEmployee);
  }

  /**
   * The employees of a timesheet from … to (YYYY-MM-DD), by name then phone: those employed on a
   * day of the range (by their employment dates, none: always) who are active, or inactive with an
   * employment end in the range or after it (a person who left keeps the rows of their last month).
   */
  employedIn(q: {
    from: string;
    to: string;
    search?: string;
    department?: string;
    employeeIds?: readonly number[];
  }): Employee[] {
    const where = [
      '(employment_start IS NULL OR employment_start <= ?)',
      '(employment_end IS NULL OR employment_end >= ?)',
      '(active = 1 OR employment_end IS NOT NULL)',
    ];
    const params: unknown[] = [q.to, q.from];
    const search = personSearchCondition(q.search, 'name', 'phone', this.deps.defaultCountry());
    if (search) {
      where.push(search.sql);
      params.push(...search.params);
    }
    if (q.department !== undefined) {
      where.push('department = ?');
      params.push(q.department);
    }
    if (q.employeeIds !== undefined) {
      where.push('id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(q.employeeIds));
    }
    return this.db
      .prepare<unknown[], EmployeeRow>(
        `SELECT ${COLUMNS} FROM employees WHERE ${where.join(' AND ')} ORDER BY name COLLATE NOCASE, phone`,
      )
      .all(...params)
      .map(toEmployee);
  }

  /** Phones with attendance events but no employee, most recent first. */
  unknownSenders(): UnknownSender[] {
    return this.unknownStmt.all();
  }
}

function toEmployee(row: EmployeeRow): Employee {
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    department: row.department,
    active: row.active === 1,
    hasOwnKey: row.has_key === 1,
    employmentStart: row.employment_start,
    employmentEnd: row.employment_end,
  };
}

/** The employment dates after an update: the input's where given (null clears), else the employee's. */
function employment(valid: ValidEmployee, before: Employee): { start: string | null; end: string | null } {
  return {
    start: valid.employmentStart === undefined ? before.employmentStart : valid.employmentStart,
    end: valid.employmentEnd === undefined ? before.employmentEnd : valid.employmentEnd,
  };
}
