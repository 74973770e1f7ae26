/**
 * The core's reasons and states in English: the one place where codes become English sentences,
 * for the CLI, the logs and error messages. The renderer has its own translations in both of its
 * languages (src-renderer/lib/i18n/problem-text.ts); nothing compares these texts.
 */
import type { ConnectionState, Reason, ReasonCode, ReasonParams } from './model.js';

const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;
const secs = (s: number): string => `${s} s`;

type English = { [C in ReasonCode]: (p: ReasonParams<C>) => string };

const SETTING_NAMES: Record<string, string> = {
  host: 'the gateway address',
  systemId: 'the system id',
  key: 'the encryption key',
};

const ENGLISH: English = {
  // message text
  'unsupported-data-coding': (p) => `unsupported data_coding ${hex(p.dataCoding)}`,
  'invalid-ia5-octet': (p) => `invalid ia5 octet 0x${p.octet.toString(16)} at offset ${p.offset}`,
  'odd-ucs2-length': (p) => `odd ucs-2 length ${p.length}`,
  'unpaired-surrogate': () => 'unpaired utf-16 surrogate in ucs-2 text',
  'invalid-gsm-octet': (p) => `invalid gsm 03.38 octet ${hex(p.octet)} at offset ${p.offset}`,
  'gsm-escape-at-end': () => 'gsm 03.38 escape at end of text',
  'no-envelope': () => 'no $$ envelope',
  'envelope-unterminated': () => 'unterminated $$ envelope',
  'envelope-empty': () => 'empty envelope',
  'not-base64': () => 'not base64',
  'wrong-length': () => 'wrong length',
  'wrong-key': () => 'wrong key or bad padding',
  'invalid-utf8': () => 'invalid UTF-8',
  'empty-text': () => 'empty text',
  'unknown-status': () => 'unknown status',
  'ignored-number': () => 'from an ignored number (the gateway itself)',
  'control-characters': (p) =>
    `the text holds a control character (U+${p.codePoint.toString(16).toUpperCase().padStart(4, '0')}): not what the phone app writes`,
  'own-key-unreadable': () =>
    "the sender's own key cannot be opened with this database's data key (set a new key for them)",
  'sender-not-a-phone': (p) => `the sender is not a phone number: ${describeReason(p.cause)}`,
  'repeat-in-window': (p) => `the same message as #${p.of}, sent again within the repeat window`,
  'repeat-redelivered': (p) =>
    `the same message as #${p.of} (same sender, ciphertext and reported time), delivered again`,
  'legacy-text': (p) => p.text,
  // long messages
  'udh-empty': () => 'udh indicated but message is empty',
  'udh-length-zero': () => 'udh length 0',
  'udh-too-long': (p) => `udh length ${p.udhLength} exceeds message length ${p.messageLength}`,
  'udh-element-overrun': (p) => `udh element ${hex(p.iei)} overruns the header`,
  'udh-concat-length': (p) => `udh concatenation element ${hex(p.iei)} has length ${p.length}, expected ${p.expected}`,
  'part-count-invalid': (p) => `${p.header}: total ${p.total} parts`,
  'part-number-invalid': (p) => `${p.header}: part ${p.seq} out of 1..${p.total}`,
  'parts-over-limit': (p) => `multipart: total ${p.total} parts exceeds the limit of ${p.limit}`,
  'parts-coding-conflict': (p) =>
    `multipart: conflicting data_coding ${hex(p.dataCoding)} (the first part had ${hex(p.firstDataCoding)})`,
  'part-differs': (p) => `multipart: part ${p.seq} of ${p.total} arrived twice with different contents`,
  'multipart-incomplete': (p) => `incomplete multipart message: ${p.received} of ${p.total} parts arrived`,
  // the link
  'connection-refused': () => 'connection refused',
  'connection-reset': () => 'connection reset',
  'connect-timed-out': () => 'could not connect: timed out',
  'connection-timed-out': () => 'connection timed out',
  'host-unreachable': () => 'host unreachable',
  'network-unreachable': () => 'network unreachable',
  'host-not-found': (p) => `host not found (${p.detail})`,
  'socket-error': (p) => `socket error: ${p.detail}`,
  'cannot-connect': (p) => `cannot connect: ${p.detail}`,
  'connect-timeout': (p) => `could not connect within ${secs(p.seconds)}`,
  'gateway-closed': () => 'the gateway closed the connection',
  'closed-before-connected': () => 'the connection closed before it was established',
  'not-connected': () => 'not connected',
  'no-response': (p) => `no ${p.command}_resp within ${secs(p.seconds)}`,
  'bind-send-failed': (p) => `could not send bind_transceiver: ${p.detail}`,
  'bind-refused': (p) => `bind refused: ${p.status}`,
  'bind-nacked': (p) => `bind answered with generic_nack: ${p.status}`,
  'gateway-unbound': () => 'gateway sent unbind',
  'impossible-command-length': (p) => `gateway sent a PDU with an impossible command_length (${p.length})`,
  stopped: () => 'stopped',
  // acknowledgements
  'not-bound': () => 'not connected to the gateway',
  'link-lost': (p) => `the link closed before the ${p.command}_resp arrived (${describeReason(p.cause)})`,
  'ack-refused': (p) => `refused by the gateway: ${p.status}`,
  'ack-unencodable': (p) => `cannot encode: ${p.detail}`,
  'ack-gave-up': (p) => `gave up after ${p.attempts} attempts: ${describeReason(p.cause)}`,
  'receipt-failed': (p) => `receipt: ${p.stat}`,
  'internal-error': (p) => `internal error: ${p.detail}`,
  // the database
  'disk-full': () => 'The disk is full',
  'database-locked': () => 'The database is locked by another program',
  'database-read-only': () => 'The database file is read-only',
  'disk-error': () => 'The database file could not be read or written (disk error)',
  'database-damaged': () => 'The database file is damaged',
  'not-a-database': () => 'The file is not an SMPP Attendance database',
  'cannot-open-database': () => 'The database file cannot be opened',
  'database-permission-denied': () => 'The database file may not be written (permission denied)',
  'out-of-memory': () => 'Out of memory while using the database',
  'database-error': (p) => `The database reported an error (${p.sqlite})`,
  // settings
  'settings-unreadable': (p) =>
    p.keptAs === null
      ? `The settings file could not be read (${p.detail}) and could not be set aside; the defaults are in use.`
      : `The settings file could not be read (${p.detail}); the defaults are in use and the old file was kept as ${p.keptAs}.`,
  'settings-not-an-object': (p) =>
    p.keptAs === null
      ? 'The settings file does not hold a settings object and could not be set aside; the defaults are in use.'
      : `The settings file does not hold a settings object; the defaults are in use and the old file was kept as ${p.keptAs}.`,
  'settings-version': (p) =>
    `The settings file has version ${p.found}, expected ${p.expected}; values that still fit were kept.`,
  'settings-reset': (p) => `Some saved settings were not valid and were reset to their defaults: ${p.fields}.`,
  'secrets-unreadable': () => 'The saved password and key could not be read; enter them again.',
  'secrets-need-keychain': () =>
    'No keychain is available now, so the saved password and key cannot be opened; enter them again (they will be kept only until the app closes).',
  'secret-not-opened': (p) =>
    `The saved ${p.secret === 'key' ? 'encryption key' : 'password'} could not be opened with this computer's keychain; enter it again.`,
  'saved-key-wrong-length': () => 'The saved encryption key is not 32 bytes long; enter it again.',
  'settings-incomplete': (p) =>
    `Enter ${p.fields
      .split(', ')
      .map((field) => SETTING_NAMES[field] ?? field)
      .join(', ')} in the settings and save them before connecting.`,
  // phone numbers and employees
  'phone-empty': () => 'no phone number given',
  'phone-not-a-number': (p) =>
    `'${p.input}' is not a phone number (only digits, spaces, dashes and a leading + are allowed)`,
  'phone-too-short': (p) => `'${p.input}' is too short for a phone number`,
  'phone-too-long': (p) => `'${p.input}' is too long for a phone number (at most ${p.max} digits)`,
  'employee-field-missing': (p) => `${p.field}: ${p.field === 'phone' ? 'enter a phone number' : 'enter a name'}`,
  'employee-field-too-long': (p) => `${p.field}: at most ${p.max} characters`,
  'employee-invalid': (p) => p.detail,
  'csv-invalid': (p) => `the file is not valid CSV, nothing was imported: ${p.detail}`,
  'csv-no-name-column': () => "the header has no 'name' column (expected phone,name,department)",
  'csv-too-large': (p) =>
    `the file is too large (${p.bytes} bytes; at most ${p.max}), nothing was imported; split it into smaller files`,
  'csv-too-many-rows': (p) => `the file has more than ${p.max} rows, nothing was imported; split it into smaller files`,
  'csv-duplicate-number': (p) => `the number ${p.phone} is already on line ${p.line}; this line was skipped`,
  'employee-exists': (p) => `An employee with the number ${p.phone} already exists (${p.name})`,
  'employee-not-found': (p) => `No employee with id ${p.id}`,
  // exports
  'punch-not-found': (p) => `no punch with id ${p.id}`,
  'no-reported-time': (p) => `punch ${p.id} has no reported time to accept (its time text did not parse)`,
  'correction-why-missing': () => 'a correction needs a reason',
  'period-closed': (p) => `the period ${p.from} to ${p.to} is closed; reopen it (with a reason) to change it`,
  'shift-not-found': (p) => `there is no shift ${p.id}`,
  'shift-invalid': (p) => `the shift is not valid: ${p.detail}`,
  'shift-in-use': (p) => `shift ${p.id} is assigned or is the default shift; change that first`,
  'leave-not-found': (p) => `there is no leave ${p.id}`,
  'leave-invalid': (p) => `the leave is not valid: ${p.detail}`,
  'holiday-invalid': (p) => `the holiday is not valid: ${p.detail}`,
  'period-invalid': (p) => `the period is not valid: ${p.detail}`,
  'punch-import-invalid': (p) => `line ${p.line}: ${p.detail}; nothing was imported`,
  'export-running': () => 'an export is already running; wait for it or cancel it first',
  'export-failed': (p) => `the export failed: ${p.detail}`,
  // problem banners
  'messages-not-accepted': (p) =>
    `Messages are not being accepted: ${describeReason(p.cause)}. The gateway keeps them and retries.`,
  'storage-works-again': () => 'Storage works again.',
  'transport-lost': () => 'The window lost its connection to the app; reconnecting…',
  'transport-refused': () =>
    'The app refused this page: open the address that `npm run preview` printed (it carries the access token).',
};

/** A reason in English. */
export function describeReason(reason: Reason): string {
  const say = ENGLISH[reason.code] as (p: unknown) => string;
  return say('params' in reason ? reason.params : undefined);
}

/** The connection state in English, for the CLI and logs. */
export function describeState(state: ConnectionState): string {
  switch (state.kind) {
    case 'disconnected':
      return 'disconnected';
    case 'connecting':
      return `connecting (attempt ${state.attempt})`;
    case 'bound':
      return 'bound';
    case 'retrying':
      return `retrying in ${Math.ceil(state.inMs / 1000)} s (attempt ${state.attempt}): ${describeReason(state.reason)}`;
    case 'refused':
      return `bind refused: ${state.status}`;
  }
}

/** Every code with its English, for the tests that check that each code is said somewhere. */
export const ENGLISH_REASON_CODES = Object.keys(ENGLISH) as ReasonCode[];
