/**
 * Command-line usage text (its defaults from settings-defaults.ts) and the error that means "the user typed something wrong" (exit 2),
 * as opposed to a failure while running (exit 1). Neither prints a stack trace.
 */
import { SETTINGS_DEFAULTS as D, SETTINGS_LIMITS as L } from '../core/settings/settings-defaults.js';
import { DEFAULT_BACKUP_TIME } from '../core/backup/backup-schedule.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Each command's own help (`smpp-attendance help <command>`). */
export const COMMAND_HELP: Record<string, string> = {
  serve: `serve: bind to the SMPP gateway and record attendance until stopped (Ctrl+C).
  --host H              gateway address (the office phone), e.g. 192.168.1.20
  --port P              gateway port (the original server used ${D.port})
  --system-id S         SMPP system id configured in the gateway app
  --password W          SMPP password; better the environment variable SMPP_PASSWORD or
  --password-file FILE  (its first line): a flag can be read by other users in the process list
  --key K               ${L.keyBytes}-character encryption key of the phone app; better ATTENDANCE_KEY
  --key-file FILE       or a file (its first line)
  --db FILE             database file (created if missing)
  --ignore N,N          numbers whose messages are ignored (default ${D.ignoreNumbers.join(',')}, the gateway itself)
  --repeat-window MIN   a resend within this many minutes is acknowledged, not recorded again (default ${D.repeatWindowMinutes})
  --ack-rate N          at most N acknowledgements per minute, 0 = no limit (default ${D.ackRatePerMinute}: Android's default
                        limit on the gateway phone is 30 SMS per 30 minutes; raise both together, see the README)
  --no-ack-unknown      record numbers not in the employee list without acknowledging them (default: acknowledge)
  --ack-window N        acknowledgements awaiting the gateway's answer at once (default ${D.ackWindow})
  --enquire-link SEC    keepalive period in seconds (default ${D.enquireLinkSeconds})
  --late-tolerance MIN  a reported time up to MIN minutes before its receipt counts as reported (default ${D.lateToleranceMinutes})
  --future-tolerance MIN  a reported time up to MIN minutes after its receipt counts as reported (default ${D.futureToleranceMinutes})
  --default-country CC  country for national numbers such as 0910... (default ${D.defaultCountry})
  --backup-dir DIR      folder of the daily backups (default: 'backups' beside the database)
  --backup-at HH:MM     time of the daily backup (default ${DEFAULT_BACKUP_TIME}), or 'off'
  --alert-after MIN     log an alert when the gateway has not been bound this long during
                        working hours (default 5)
  --working-hours TEXT  e.g. 'sat-wed 07:00-19:00' (the default) or 'all'
  --log human|json      log format (default human)
  While serving, the signal SIGUSR2 takes a backup at once (kill -USR2 <pid>).
`,
  export: `export: write the attendance events as CSV (stdout without --out).
  --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE]
`,
  status: `status: show who is in now.
  --db FILE [--search TEXT]
`,
  employees: `employees: list, add or import employees (add and import create the database if missing), and manage their own keys.
  employees list   --db FILE [--search TEXT] [--all]
  employees add    --db FILE --phone NUMBER --name NAME [--department D]
  employees import --db FILE CSVFILE     (columns phone,name,department)
  employees set-key      --db FILE PHONE [--key-file FILE]   the employee's own 32-character key,
                         from FILE or the environment variable EMPLOYEE_KEY (never on the command line)
  employees generate-key --db FILE PHONE   a new random own key, printed once with a QR code for the phone app
  employees remove-key   --db FILE PHONE   the phone goes back to the shared key
  Own keys are stored sealed; the data key that seals them is FILE.datakey beside the database
  (mode 0600, its only protection outside the desktop app): back it up with the database.
`,
  backup: `backup: write a verified backup of the database and print its path (safe while serve runs).
  --db FILE             the database
  --to DIR              folder for the backup (default: 'backups' beside the database); created if missing
  Exit code 1 when the backup could not be written or did not pass its check.
`,
  restore: `restore: put a backup in place of the database.
  --db FILE             the database to replace (it need not exist)
  --from BACKUP         the backup file
  The backup is checked first; a damaged one is refused and the database is not touched. The
  replaced database is kept beside it as FILE.before-restore-<date>. Refused while serve (or the
  app) is using the database: stop it first.
`,
  help: `help: show this help, or one command's (smpp-attendance help serve).
`,
};

export const USAGE = `Usage: smpp-attendance <command> [options]
       smpp-attendance help [command]

Commands:
  serve      Bind to the SMPP gateway and record attendance until stopped (Ctrl+C).
  export     Write the attendance events as CSV.
  status     Show who is in now.
  employees  List, add or import employees; set, generate or remove their own keys.
  backup     Write a verified backup of the database.
  restore    Put a backup in place of the database.
  help       Show this help, or one command's.

${Object.entries(COMMAND_HELP)
  .filter(([name]) => name !== 'help')
  .map(([, text]) => text)
  .join('\n')}
Exit codes: 0 done, 1 failed while running, 2 wrong or missing arguments.
`;

/** The help for `command` (or everything), or null for a command that does not exist. */
export function helpFor(command: string | undefined): string | null {
  if (command === undefined) return USAGE;
  const text = COMMAND_HELP[command];
  return text === undefined ? null : `Usage: smpp-attendance ${command} [options]\n\n${text}`;
}
