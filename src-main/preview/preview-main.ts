/**
 * `npm run preview`: the app in a plain browser, for developers and the UI tests. A real core (real
 * SMPP session, real SQLite file) behind the preview server; prints the URL with its token.
 */
import { terminalSafe } from '../core/text/terminal-safe.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ownDatabase } from '../core/backup/database-owner.js';
import { restoreDatabase } from '../core/backup/restore.js';
import { damageReport, damagedDatabaseMessage, isDamagedDatabaseError } from '../core/backup/damaged-database.js';
import { createAlertMonitor } from '../core/alerts/alert-monitor.js';
import { DEFAULT_ALERT_CONFIG } from '../core/alerts/alert-rules.js';
import { describeAlert } from '../core/alerts/describe-alert.js';
import type { RestoreOutcome } from '../contract/app-api.js';
import { createAppCore } from '../core/app-core.js';
import { assertValidKey } from '../core/protocol/cipher.js';
import { createMemorySecretBox } from '../core/settings/secret-box.js';
import { createJsonSettingsRepository, toCoreSettings } from '../core/settings/settings-repository.js';
import { addDemoEmployees, startDemoOffice } from '../demo/demo-setup.js';
import type { DemoGateway } from '../demo/demo-gateway.js';
import { startPreviewServer } from './preview-server.js';
import { DataDirError, defaultPreviewDataDir, preparePreviewDataDir } from './preview-data-dir.js';

const DEFAULT_DATA_DIR = defaultPreviewDataDir();

const usage = `Usage: npm run preview -- [--port N] [--data DIR] [--demo]

Serves the built renderer (npm run build) on 127.0.0.1 with a real attendance core behind it, and
prints the URL to open (it carries a random access token; without it every request is refused).

  --port N     TCP port on 127.0.0.1 (default 0: any free port)
  --data DIR   where the database (attendance.db) and settings.json live
               (default ${DEFAULT_DATA_DIR}); created private (0700), and refused
               when another user owns it or may write to it
  --demo       a demo without a phone (what \`npm run demo\` runs): an SMPP gateway in this
               process plays the office phone, and a dozen demo employees send encrypted
               arrivals and exits in real time; a fresh key, password and database each run
               (default data: a new folder in the OS temp folder)
  --help       this text

Secrets are kept in memory only: enter the password and key in the page, or start with
SMPP_PASSWORD and ATTENDANCE_KEY set in the environment.
`;

function fail(message: string): never {
  process.stderr.write(`preview: ${message}\n\n${usage}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        demo: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port takes a number from 0 to 65535, got '${values.port}'`);
  const key = process.env.ATTENDANCE_KEY;
  if (key !== undefined) {
    try {
      assertValidKey(key);
    } catch (error) {
      fail(`ATTENDANCE_KEY: ${(error as Error).message}`);
    }
  }

  const demo = values.demo === true;
  const dataDir = resolve(
    values.data ?? (demo ? mkdtempSync(join(tmpdir(), 'smpp-attendance-demo-')) : DEFAULT_DATA_DIR),
  );
  try {
    preparePreviewDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirError) {
      process.stderr.write(`preview: ${terminalSafe(error.message)}\n`);
      process.exit(2);
    }
    throw error;
  }
  const settings = await createJsonSettingsRepository({
    filePath: join(dataDir, 'settings.json'),
    secretBox: createMemorySecretBox(),
    initialSecrets: {
      ...(process.env.SMPP_PASSWORD !== undefined ? { password: process.env.SMPP_PASSWORD } : {}),
      ...(key !== undefined ? { key } : {}),
    },
  });
  if (settings.loadProblem) process.stderr.write(`preview: ${settings.loadProblem}\n`);
  const gateway: DemoGateway | null = demo ? await startDemoOffice(settings) : null;
  const dbPath = join(dataDir, 'attendance.db');
  // The lock file and the daily backup into DATA/backups (not for the demo's throw-away database).
  const defaultBackupDir = join(dataDir, 'backups');
  const stored = settings.current();
  const ownership = demo
    ? null
    : ownDatabase('the preview', { dbPath, dir: stored.backupDir || defaultBackupDir, time: stored.backupTime });
  let core: ReturnType<typeof createAppCore>;
  try {
    core = createAppCore({ dbPath, settings: toCoreSettings(settings.current()) });
  } catch (error) {
    ownership?.release();
    if (isDamagedDatabaseError(error)) {
      // Said plainly, with the newest good backup and the line that puts it back; no stack trace.
      process.stderr.write(`preview: ${damagedDatabaseMessage(damageReport(dbPath, error), 'npx smpp-attendance')}`);
      process.exit(1);
    }
    throw error;
  }
  core.on('log', (line) => {
    if (line.level !== 'info') process.stderr.write(`${terminalSafe(`[${line.level}] ${line.message}`)}\n`);
  });
  const alerts = createAlertMonitor({
    core,
    backups: ownership?.backups ?? null,
    folder: dataDir,
    config: () => ({ ...DEFAULT_ALERT_CONFIG, workingHours: settings.current().workingHours }),
    onChange: (list) => {
      for (const alert of list) process.stderr.write(`[alert] ${describeAlert(alert)}\n`);
    },
  });
  let restoring: { from: string } | null = null;
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const server = await startPreviewServer({
    core,
    settings,
    port,
    rendererDir,
    host: {
      alerts,
      appInfo: { demo },
      backups: ownership ? { service: ownership.backups, dbPath, defaultDir: defaultBackupDir } : null,
      // The preview cannot swap the database under its open core: it restores while stopping, and is started again.
      restore: async (checked): Promise<RestoreOutcome> => {
        restoring = { from: checked.from };
        setTimeout(() => stop('restore'), 200);
        return { from: checked.from, counts: checked.counts, safetyCopy: null };
      },
    },
  });
  process.stdout.write(`Data: ${dataDir}\nPreview: ${server.url}\n`);
  if (gateway) {
    const added = addDemoEmployees(core);
    core.connect();
    process.stdout.write(
      `Demo: a gateway on ${gateway.host}:${gateway.port} with ${added} demo employees; connecting\n`,
    );
    setInterval(() => {
      const s = gateway.stats();
      process.stdout.write(
        `Demo: ${s.delivered} messages sent (${s.resends} resent, ${s.wrongKey} with an old key, ${s.lateReports} late), ` +
          `${s.acksVerified} of ${s.acks} acks verified by the phones\n`,
      );
    }, 30_000).unref();
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`preview: ${signal}, unbinding and closing the database\n`);
    alerts.stop();
    void server
      .close()
      .then(() => core.close())
      .then(() => ownership?.release())
      .then(() => {
        if (!restoring) return;
        const done = restoreDatabase(dbPath, restoring.from);
        process.stdout.write(
          `preview: restored ${done.from} (${done.counts.events} events, ${done.counts.employees} employees); ` +
            `the replaced database is kept as ${done.safetyCopy ?? '(none)'}. Start the preview again.\n`,
        );
      })
      .then(() => gateway?.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`preview: error while stopping: ${terminalSafe((error as Error).message)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`preview: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
