/**
 * How long migration 5 (counted time and flags for existing events) takes on a large database:
 * a file at schema 4 with `events` events as the product wrote them (one message each; about 3 %
 * reported late, 1 % ahead, 1 % unparsed, 1 % from unknown numbers, a few phones over 8 punches a
 * day), then the product's own `migrate` with the time measured. Run:
 *   esbuild test/bench/migration-bench.ts --bundle --platform=node --format=esm --packages=external --outfile=dist/bench/migration-bench.js && node dist/bench/migration-bench.js [events]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../src-main/core/store/migrate.js';
import { migrations } from '../../src-main/core/store/migrations/index.js';

const events = Number(process.argv[2] ?? 2_000_000);
const employees = 1000;
const dir = mkdtempSync(join(tmpdir(), 'migration-bench-'));
const path = join(dir, 'attendance.db');
try {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  migrate(db, migrations.slice(0, 4));
  const t0 = performance.now();
  db.transaction(() => {
    const emp = db.prepare('INSERT INTO employees (id, phone, name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)');
    for (let k = 1; k <= employees; k += 1) emp.run(k, `98912${String(k).padStart(7, '0')}`, `Employee ${k}`);
    const msg = db.prepare(
      "INSERT INTO messages (id, received_at, source, destination, data_coding, raw, outcome) VALUES (?, ?, ?, '9102211824', 0, x'00', 'recorded')",
    );
    const ev = db.prepare(
      'INSERT INTO events (id, message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const start = Date.parse('2020-01-01T08:00:00+03:30');
    for (let i = 1; i <= events; i += 1) {
      const k = (i % employees) + 1;
      const day = Math.floor(i / (employees * 2));
      const received = start + day * 86_400_000 + (i % 2) * 8 * 3_600_000 + (k % 60) * 60_000;
      const r = i % 100;
      const unknown = r === 7;
      const occurred =
        r < 3 ? received - 3 * 3_600_000 : r === 3 ? received + 3 * 3_600_000 : r === 4 ? null : received - 30_000;
      const phone = unknown ? `98935${String(i % 5000).padStart(7, '0')}` : `98912${String(k).padStart(7, '0')}`;
      msg.run(i, received, phone);
      ev.run(
        i,
        i,
        phone,
        unknown ? null : k,
        i % 2 ? 'exit' : 'arrival',
        occurred === null ? ' soon' : ' 08:00',
        occurred,
        received,
        occurred ?? received,
      );
    }
  })();
  db.close();
  console.log(`generated ${events} events at schema 4 in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const again = new Database(path);
  again.pragma('journal_mode = WAL');
  again.pragma('synchronous = FULL');
  const m0 = performance.now();
  migrate(again);
  const ms = performance.now() - m0;
  const flagged = again.prepare('SELECT COUNT(*) FROM events WHERE flags IS NOT NULL').pluck().get();
  again.close();
  console.log(`migration 5: ${(ms / 1000).toFixed(2)} s for ${events} events (${flagged} flagged)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
