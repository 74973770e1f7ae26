/**
 * Migration 6: employees' own keys sealed at rest. `own_key_sealed` holds the key sealed with the
 * database's data key (core/employees/own-key-cipher.ts). The plaintext `own_key` column stays
 * (a released column is never dropped) but is emptied: the store moves each plaintext key into
 * `own_key_sealed` the first time it opens the file with the data key (EmployeeTable.sealPlaintextKeys),
 * which SQL alone cannot do.
 */
import { migration } from './migration.js';

const sql = /* sql */ `
ALTER TABLE employees ADD COLUMN own_key_sealed BLOB;
`;

export const migration006 = migration(6, 'sealed-own-keys', sql);
