/**
 * The core's reasons in English (`Dictionary['reasons']`, filled in by problem-text.ts). Parameters
 * arrive as text already formatted; a few choose between two wordings (which secret, a field).
 */
import type { ReasonTexts } from './problem-text.js';

const FIELD: Record<string, string> = { phone: 'Phone', name: 'Name', department: 'Department' };

export const enReasons: ReasonTexts = {
  'unsupported-data-coding': (p) => `Unsupported data_coding ${p.dataCoding}`,
  'invalid-ia5-octet': (p) => `Invalid IA5 byte ${p.octet} at position ${p.offset}`,
  'odd-ucs2-length': (p) => `UCS-2 text of odd length (${p.length} bytes)`,
  'unpaired-surrogate': () => 'Broken UCS-2 text (an unpaired surrogate)',
  'invalid-gsm-octet': (p) => `Invalid GSM 03.38 byte ${p.octet} at position ${p.offset}`,
  'gsm-escape-at-end': () => 'The GSM 03.38 text ends with an escape',
  'no-envelope': () => 'No $$ envelope',
  'envelope-unterminated': () => 'The $$ envelope is not closed',
  'envelope-empty': () => 'The envelope is empty',
  'not-base64': () => 'The ciphertext is not base64',
  'wrong-length': () => 'The ciphertext has the wrong length',
  'wrong-key': () => 'Wrong key or bad padding',
  'invalid-utf8': () => 'The decrypted text is not valid UTF-8',
  'empty-text': () => 'The decrypted text is empty',
  'unknown-status': () => 'Unknown status (neither Arrival nor Exit)',
  'ignored-number': () => 'From an ignored number (the gateway itself)',
  'control-characters': (p) =>
    `The text holds a control character (code ${p.codePoint}): not what the phone app writes`,
  'own-key-unreadable': () =>
    'The sender’s own key cannot be opened on this computer; set a new key for them (Employees)',
  'sender-not-a-phone': (p) => `The sender is not a phone number: ${p.cause}`,
  'repeat-in-window': (p) => `The same message as #${p.of}, sent again within the repeat window`,
  'repeat-redelivered': (p) =>
    `The same message as #${p.of} (same sender, ciphertext and reported time), delivered again`,
  'legacy-text': (p) => p.text,
  'udh-empty': () => 'A multipart header was announced but the message is empty',
  'udh-length-zero': () => 'A multipart header of length 0',
  'udh-too-long': (p) => `The header length ${p.udhLength} exceeds the message length ${p.messageLength}`,
  'udh-element-overrun': (p) => `Header element ${p.iei} runs past the header`,
  'udh-concat-length': (p) => `Concatenation element ${p.iei} has length ${p.length}, expected ${p.expected}`,
  'part-count-invalid': (p) => `${p.header}: an impossible number of parts (${p.total})`,
  'part-number-invalid': (p) => `${p.header}: part ${p.seq} is outside 1 to ${p.total}`,
  'parts-over-limit': (p) => `${p.total} parts exceed the limit of ${p.limit}`,
  'parts-coding-conflict': (p) =>
    `Parts with different data_coding (${p.dataCoding}; the first part had ${p.firstDataCoding})`,
  'part-differs': (p) => `Part ${p.seq} of ${p.total} arrived twice with different contents`,
  'multipart-incomplete': (p) => `Incomplete long message: ${p.received} of ${p.total} parts arrived`,
  'connection-refused': () => 'Connection refused',
  'connection-reset': () => 'Connection reset',
  'connect-timed-out': () => 'Could not connect: timed out',
  'connection-timed-out': () => 'The connection timed out',
  'host-unreachable': () => 'Host unreachable',
  'network-unreachable': () => 'Network unreachable',
  'host-not-found': (p) => `Host not found (${p.detail})`,
  'socket-error': (p) => `Socket error: ${p.detail}`,
  'cannot-connect': (p) => `Cannot connect: ${p.detail}`,
  'connect-timeout': (p) => `Could not connect within ${p.seconds} s`,
  'gateway-closed': () => 'The gateway closed the connection',
  'closed-before-connected': () => 'The connection closed before it was established',
  'not-connected': () => 'Not connected',
  'no-response': (p) => `No answer to ${p.command} within ${p.seconds} s`,
  'bind-send-failed': (p) => `Could not send the bind request: ${p.detail}`,
  'bind-refused': (p) => `Bind refused: ${p.status}`,
  'bind-nacked': (p) => `Bind answered with generic_nack: ${p.status}`,
  'gateway-unbound': () => 'The gateway ended the session (unbind)',
  'impossible-command-length': (p) => `The gateway sent a PDU with an impossible length (${p.length})`,
  stopped: () => 'Stopped',
  'not-bound': () => 'Not connected to the gateway',
  'link-lost': (p) => `The link closed before the answer to ${p.command} arrived (${p.cause})`,
  'ack-refused': (p) => `Refused by the gateway: ${p.status}`,
  'ack-unencodable': (p) => `Cannot be encoded for SMS: ${p.detail}`,
  'ack-gave-up': (p) => `Gave up after ${p.attempts} attempts: ${p.cause}`,
  'receipt-failed': (p) => `Delivery receipt: not delivered (${p.stat})`,
  'internal-error': (p) => `Internal error: ${p.detail}`,
  'disk-full': (p) => `The disk is full (${p.sqlite})`,
  'database-locked': (p) => `The database is locked by another program (${p.sqlite})`,
  'database-read-only': (p) => `The database file is read-only (${p.sqlite})`,
  'disk-error': (p) => `The database file could not be read or written: a disk error (${p.sqlite})`,
  'database-damaged': (p) => `The database file is damaged (${p.sqlite})`,
  'not-a-database': (p) => `The file is not an SMPP Attendance database (${p.sqlite})`,
  'cannot-open-database': (p) => `The database file cannot be opened (${p.sqlite})`,
  'database-permission-denied': (p) => `The database file may not be written: permission denied (${p.sqlite})`,
  'out-of-memory': (p) => `Out of memory while using the database (${p.sqlite})`,
  'database-error': (p) => `The database reported an error (${p.sqlite})`,
  'settings-unreadable': (p) =>
    p.keptAs === ''
      ? `The settings file could not be read (${p.detail}) and could not be set aside; the defaults are in use.`
      : `The settings file could not be read (${p.detail}); the defaults are in use and the old file was kept as ${p.keptAs}.`,
  'settings-not-an-object': (p) =>
    p.keptAs === ''
      ? 'The settings file does not hold settings and could not be set aside; the defaults are in use.'
      : `The settings file does not hold settings; the defaults are in use and the old file was kept as ${p.keptAs}.`,
  'settings-version': (p) =>
    `The settings file has version ${p.found}, expected ${p.expected}; the values that still fit were kept.`,
  'settings-reset': (p) => `Some saved settings were not valid and were reset to their defaults: ${p.fields}.`,
  'secrets-unreadable': () => 'The saved password and key could not be read; enter them again.',
  'secrets-need-keychain': () =>
    'No keychain is available now, so the saved password and key cannot be opened; enter them again (they will be kept only until the app closes).',
  'secret-not-opened': (p) =>
    `The saved ${p.secret === 'key' ? 'encryption key' : 'password'} could not be opened with this computer's keychain; enter it again.`,
  'saved-key-wrong-length': () => 'The saved encryption key is not 32 bytes long; enter it again.',
  'settings-incomplete': (p) => `Fill in these settings and save them before connecting: ${p.fields}.`,
  'phone-empty': () => 'No phone number given',
  'phone-not-a-number': (p) =>
    `'${p.input}' is not a phone number (only digits, spaces, dashes and a leading + are allowed)`,
  'phone-too-short': (p) => `'${p.input}' is too short for a phone number`,
  'phone-too-long': (p) => `'${p.input}' is too long for a phone number (at most ${p.max} digits)`,
  'employee-field-missing': (p) => (p.field === 'phone' ? 'Enter a phone number' : 'Enter a name'),
  'employee-field-too-long': (p) => `${FIELD[p.field] ?? p.field}: at most ${p.max} characters`,
  'employee-invalid': (p) => `Not valid: ${p.detail}`,
  'csv-invalid': (p) => `The file is not valid CSV, nothing was imported: ${p.detail}`,
  'csv-no-name-column': () => "The header has no 'name' column (expected phone,name,department)",
  'csv-too-large': (p) =>
    `The file is too large (${p.bytes} bytes; at most ${p.max}), nothing was imported. Split it into smaller files.`,
  'csv-too-many-rows': (p) =>
    `The file has more than ${p.max} rows, nothing was imported. Split it into smaller files.`,
  'csv-duplicate-number': (p) => `The number ${p.phone} is already on line ${p.line}; this line was skipped`,
  'employee-exists': (p) => `An employee with the number ${p.phone} already exists (${p.name})`,
  'employee-not-found': (p) => `No employee number ${p.id} (it may have been removed)`,
  'punch-not-found': (p) => `No punch number ${p.id}`,
  'no-reported-time': (p) => `Punch number ${p.id} has no reported time to accept (its time text did not parse).`,
  'correction-why-missing': () => 'Write a reason for the decision.',
  'period-closed': (p) => `The period ${p.from} to ${p.to} is closed. Reopen it, with a reason, to change it.`,
  'shift-not-found': (p) => `There is no shift number ${p.id}.`,
  'shift-invalid': (p) => `The shift is not valid: ${p.detail}.`,
  'shift-in-use': (p) => `Shift number ${p.id} is assigned or is the default shift. Change that first.`,
  'leave-not-found': (p) => `There is no leave number ${p.id}.`,
  'leave-invalid': (p) => `The leave is not valid: ${p.detail}.`,
  'holiday-invalid': (p) => `The holiday is not valid: ${p.detail}.`,
  'period-invalid': (p) => `The period is not valid: ${p.detail}.`,
  'punch-import-invalid': (p) => `Line ${p.line}: ${p.detail}. Nothing was imported.`,
  'export-running': () => 'An export is already running; wait for it or cancel it first.',
  'export-failed': (p) => `The export failed: ${p.detail}`,
  'messages-not-accepted': (p) => `Messages are not being accepted: ${p.cause}. The gateway keeps them and retries.`,
  'storage-works-again': () => 'Storage works again.',
  'transport-lost': () => 'The window lost its connection to the app; reconnecting…',
  'transport-refused': () =>
    'The app refused this page: open the address that `npm run preview` printed (it carries the access token).',
};
