/**
 * Command-line usage text (its defaults from settings-defaults.ts) and the error that means "the user typed something wrong" (exit 2),
 * as opposed to a failure while running (exit 1). Neither prints a stack trace.
 */
import { SETTINGS_DEFAULTS as D, SETTINGS_LIMITS as L } from '../core/settings/settings-defaults.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: smpp-attendance <command> [options]

Commands:
  serve      Bind to the SMPP gateway and record attendance until stopped (Ctrl+C).
  export     Write the attendance events as CSV.
  status     Show who is in now.
  employees  List, add or import employees.

serve:
  --host H              gateway address (the office phone), e.g. 192.168.1.20
  --port P              gateway port (the original server used ${D.port})
  --system-id S         SMPP system id configured in the gateway app
  --password W          SMPP password (or the environment variable SMPP_PASSWORD)
  --key K               ${L.keyBytes}-character encryption key of the phone app (or ATTENDANCE_KEY)
  --db FILE             database file (created if missing)
  --ignore N,N          numbers whose messages are ignored (default ${D.ignoreNumbers.join(',')}, the gateway itself)
  --repeat-window MIN   a resend within this many minutes is acknowledged, not recorded again (default ${D.repeatWindowMinutes})
  --ack-rate N          at most N acknowledgements per minute, 0 = no limit (default ${D.ackRatePerMinute})
  --ack-window N        acknowledgements awaiting the gateway's answer at once (default ${D.ackWindow})
  --enquire-link SEC    keepalive period in seconds (default ${D.enquireLinkSeconds})
  --default-country CC  country for national numbers such as 0910... (default ${D.defaultCountry})
  --log human|json      log format (default human)

export:
  --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE]   (stdout without --out)

status:
  --db FILE [--search TEXT]

employees:
  employees list   --db FILE [--search TEXT] [--all]
  employees add    --db FILE --phone NUMBER --name NAME [--department D]
  employees import --db FILE CSVFILE     (columns phone,name,department)

Exit codes: 0 done, 1 failed while running, 2 wrong or missing arguments.
`;
