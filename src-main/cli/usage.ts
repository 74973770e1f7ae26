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
  Every change goes to the audit log; --who NAME says who made it (default: your user name).
  Own keys are stored sealed; the data key that seals them is FILE.datakey beside the database
  (mode 0600, its only protection outside the desktop app): back it up with the database.
`,
  timesheet: `timesheet: the month's day results (docs/attendance-rules.md) as CSV or XLSX, one row per employee and day.
  timesheet --db FILE (--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD) [--out FILE.csv|FILE.xlsx] [--language en|fa]
  --month M             1405-09 (a year before 1700 is Jalali: Azar 1405) or 2026-11 (Gregorian)
  --from D --to D       any days, both included; Jalali dates such as 1405-09-01 work too
  --out FILE            .csv (UTF-8 with BOM) or .xlsx (day rows, per-employee and per-department
                        summaries); without --out, CSV on stdout
  --language en|fa      headers and sheet direction of the XLSX (default en)
`,
  punches: `punches: import punches from another clock or a paper list (creates the database if missing),
  and correct punches added by hand or imported.
  punches import --db FILE CSVFILE [--who NAME] [--default-country CC]
                        columns phone,status,time (header optional); status arrival or exit; time
                        ISO 8601 with an offset (2026-11-25T08:05:00+03:30) or local 'YYYY-MM-DD HH:MM'.
                        All or nothing: a bad line is named and nothing of the file is imported;
                        a punch already recorded is skipped.
  punches added   --db FILE --phone NUMBER [--limit N] [--json]
                        the number's punches added by hand or imported, newest first, with their
                        ids, as added and as corrected (who, when, why)
  punches correct --db FILE --id ID (--void | --at TIME [--status arrival|exit]) --why TEXT [--who NAME]
                        corrects one of them (ID from punches added): a new time (local
                        'YYYY-MM-DD HH:MM' or ISO 8601 with an offset) and status, or void; the
                        punch as added stays, the correction and its reason go to the audit log.
                        Refused inside a closed period.
`,
  shifts: `shifts: working hours, and who works which shift from which day on.
  shifts list     --db FILE [--json]                  the shifts, then the assignments
  shifts add      --db FILE --name NAME [SHIFT OPTIONS]
  shifts update   --db FILE ID [SHIFT OPTIONS]        only what is given changes
  shifts remove   --db FILE ID
  shifts default  --db FILE ID                         the shift of everyone without an assignment
  shifts assign   --db FILE ID (--employee PHONE | --department NAME) --from YYYY-MM-DD
  shifts unassign --db FILE ASSIGNMENT-ID
  SHIFT OPTIONS:
  --name NAME
  --hours 'DAYS HH:MM-HH:MM'   e.g. 'sat-wed 08:00-16:00' (the default of add); repeat it for other
                        hours on other days ('thu 08:00-12:00'); days not named are weekend days;
                        an end before the start crosses midnight (22:00-06:00)
  --late-grace MIN      an arrival after start + MIN is late (default 10)
  --early-grace MIN     an exit before end - MIN is early leave (default 10)
  --break HH:MM-HH:MM   an unpaid break, or 'none'
  --early-overtime yes|no  whether work before the start counts as overtime (default no)
  --overtime-min MIN    overtime below this per day counts as 0 (default 0)
  --overtime-cap MIN    at most this much overtime per day, or 'none' (the default)
  All changes: [--who NAME] for the audit log (default: your user name).
`,
  holidays: `holidays: the office's days off (Iran's fixed holidays are built in).
  holidays list   --db FILE [--year Y | --month M | --from D --to D] [--json]   (default: this year)
  holidays add    --db FILE --date D --name NAME
  holidays remove --db FILE --date D                   also removes a built-in holiday for that year
  holidays import --db FILE CSVFILE                    columns date,name; all or nothing
  Dates as 2026-11-22 or Jalali 1405-09-01 (also 1405/09/01). [--who NAME] for the audit log.
`,
  leave: `leave: whole days (paid, unpaid, sick, mission) and hourly leave.
  leave list   --db FILE [--month M | --from D --to D] [--employee PHONE] [--json]   (default: this month)
  leave add    --db FILE --employee PHONE --date D [--until D] --kind paid|unpaid|sick|mission
               [--hours HH:MM-HH:MM] [--note TEXT]    --until: every day up to D; --hours: part of a day
  leave remove --db FILE ID
  [--who NAME] for the audit log.
`,
  audit: `audit: the audit log (who changed what, when), newest first.
  audit --db FILE [--entity E] [--search TEXT] [--limit N] [--json] [--out FILE.csv]
  --entity E            employee, key, shift, assignment, holiday, leave, settings, punch or period
  --out FILE.csv        the whole log as CSV (UTF-8 with BOM)
`,
  periods: `periods: close a month so that nothing in it changes until it is reopened with a reason.
  periods list   --db FILE [--json]
  periods close  --db FILE (--month M | --from D --to D)
  periods reopen --db FILE ID --why TEXT
  [--who NAME] for the audit log.
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
  timesheet  Write the month's timesheet (day results) as CSV or XLSX.
  punches    Import punches from a CSV file; list and correct punches added by hand or imported.
  shifts     List, add, change or assign shifts.
  holidays   List, add, remove or import holidays.
  leave      List, add or remove leave.
  audit      Show or export the audit log.
  periods    Close or reopen a period (a month).
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
