/**
 * `smpp-attendance audit`: the append-only audit log (docs/attendance-rules.md section 4), newest
 * first, as a table, JSON, or the whole log as CSV (`--out FILE.csv`, streamed).
 */
import { finished } from 'node:stream/promises';
import { AUDIT_ENTITIES, type AuditEntity, type AuditEntry } from '../core/model.js';
import { createPrivateWriteStream } from '../core/private-files.js';
import { writeAuditCsv } from '../core/export/audit-csv.js';
import type { CliIo } from './cli-io.js';
import { printJson } from './cli-context.js';
import { openExistingStore } from './open-existing-store.js';
import { integerOption, optionalString, parseCommandArgs, requireString, stringOptions } from './options.js';
import { formatTable } from './table.js';
import { UsageError } from './usage.js';

const options = {
  ...stringOptions('db', 'entity', 'search', 'limit', 'out'),
  json: { type: 'boolean' },
} as const;

export async function runAudit(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, options);
  const dbPath = requireString(values, 'db');
  const entity = optionalString(values, 'entity') as AuditEntity | undefined;
  if (entity !== undefined && !AUDIT_ENTITIES.includes(entity))
    throw new UsageError(`--entity must be one of ${AUDIT_ENTITIES.join(', ')}, got '${entity}'`);
  const search = optionalString(values, 'search');
  const limit = integerOption(values, 'limit', 50, { min: 1, max: 100_000 });
  const out = optionalString(values, 'out');
  if (out !== undefined && (entity !== undefined || search !== undefined || values.limit !== undefined || values.json))
    throw new UsageError('--out writes the whole log; it takes no --entity, --search, --limit or --json');
  if (out !== undefined && !out.toLowerCase().endsWith('.csv'))
    throw new UsageError(`--out must name a .csv file, got '${out}'`);

  const store = openExistingStore(dbPath);
  try {
    if (out !== undefined) {
      const file = createPrivateWriteStream(out);
      const { rows } = await writeAuditCsv(store.iterateAudit(), file);
      file.end();
      await finished(file);
      io.stderr(`${rows} audit entries written to ${out}\n`);
      return 0;
    }
    const page = store.listAudit({
      offset: 0,
      limit,
      ...(entity ? { entity } : {}),
      ...(search ? { search } : {}),
    });
    if (values.json === true) {
      printJson(io, page);
      return 0;
    }
    if (page.rows.length === 0) {
      io.stdout('The audit log has no matching entries.\n');
      return 0;
    }
    io.stdout(
      formatTable(
        ['when', 'who', 'what', 'subject', 'why'],
        page.rows.map((e: AuditEntry) => [when(e.at), e.who, `${e.entity} ${e.action}`, e.subject, e.why]),
      ),
    );
    if (page.total > page.rows.length)
      io.stdout(`${page.rows.length} of ${page.total} entries (--limit N for more).\n`);
    return 0;
  } finally {
    store.close();
  }
}

function when(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
