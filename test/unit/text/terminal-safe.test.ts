import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonTerminalSafe, terminalSafe, terminalSafeLines } from '../../../src-main/core/text/terminal-safe.js';
import { createCliLogger } from '../../../src-main/cli/log-format.js';
import { formatTable } from '../../../src-main/cli/table.js';
import type { MessageRecord } from '../../../src-main/core/model.js';

/** Anything a terminal would act on or a bidi-aware viewer would reorder by. */
// eslint-disable-next-line no-control-regex -- the point of the test
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
const FORGED_LINE = 'Arrival 08:31\n12:00:00 state: bound';
const TITLE = '\x1b]0;pwned\x07';

describe('terminalSafe', () => {
  it('writes line breaks, ESC sequences, C1 controls, DEL and bidi controls as visible escapes', () => {
    expect(terminalSafe(FORGED_LINE)).toBe('Arrival 08:31\\n12:00:00 state: bound');
    expect(terminalSafe(`Ali${TITLE}`)).toBe('Ali\\x1b]0;pwned\\x07');
    expect(terminalSafe('a\r\tb\x7f\x9b2J\x85')).toBe('a\\r\\tb\\x7f\\x9b2J\\x85');
    expect(terminalSafe('‮gnp.exe')).toBe('\\u{202e}gnp.exe');
    expect(terminalSafe('x⁦y⁩z\u200f\u061c\u2028')).toBe('x\\u{2066}y\\u{2069}z\\u{200f}\\u{61c}\\u{2028}');
    expect(terminalSafe('tag\u{e0041}')).toBe('tag\\u{e0041}');
    expect(terminalSafe('lone\ud800')).toBe('lone\\u{d800}');
  });

  it('keeps ordinary text, Persian letters and digits, and the joiners Persian needs', () => {
    const persian = 'علی رضایی\u200cپور ۰۹۱۲ ساعت ۰۸:۳۱';
    expect(terminalSafe(persian)).toBe(persian);
    expect(terminalSafe('C:\\Users\\ali "quoted" 👩\u200d💻')).toBe('C:\\Users\\ali "quoted" 👩\u200d💻');
  });

  it('never leaves a dangerous character, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const safe = terminalSafe(s);
        expect(DANGEROUS.test(safe)).toBe(false);
        expect(/[\p{Cc}\p{Cf}]/u.test(safe.replace(/[\u200c\u200d]/g, ''))).toBe(false);
      }),
    );
  });

  it('terminalSafeLines keeps the line breaks of a stack trace but nothing else', () => {
    expect(terminalSafeLines(`Error: ${TITLE}\n    at x (a.js:1:2)`)).toBe(
      'Error: \\x1b]0;pwned\\x07\n    at x (a.js:1:2)',
    );
  });

  it('jsonTerminalSafe escapes what JSON.stringify leaves raw, and the JSON still means the same', () => {
    const value = { plaintext: `‮x\x85\x7f\u2028${TITLE}\u{e0041}`, name: 'سارا\u200cها' };
    const raw = JSON.stringify(value);
    expect(raw).toContain('\u202e'); // JSON.stringify alone leaves it raw
    const safe = jsonTerminalSafe(raw);
    expect(DANGEROUS.test(safe)).toBe(false);
    expect(safe).toContain('\\u202e');
    expect(safe).toContain('\\udb40\\udc41');
    expect(JSON.parse(safe)).toEqual(value);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const json = jsonTerminalSafe(JSON.stringify({ s }));
        expect(DANGEROUS.test(json)).toBe(false);
        expect((JSON.parse(json) as { s: string }).s).toBe(s);
      }),
    );
  });
});

describe('the CLI log and tables', () => {
  const forged: MessageRecord = {
    id: 7,
    receivedAt: 0,
    source: '989121234567',
    employeeName: `Ali${TITLE}`,
    plaintext: FORGED_LINE,
    outcome: 'recorded',
    reason: null,
    ackState: null,
  } as unknown as MessageRecord;

  it('a message whose plaintext and name try to forge a line and retitle the terminal stays one escaped line', () => {
    let out = '';
    createCliLogger(
      'human',
      (t) => (out += t),
      () => Date.UTC(2026, 10, 25, 9),
    ).message(forged);
    expect(out.split('\n')).toHaveLength(2); // one line and the final newline
    expect(out).not.toMatch(/\n12:00:00/);
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('\x07');
    expect(out).toContain('Ali\\x1b]0;pwned\\x07');
    expect(out).toContain('"Arrival 08:31\\n12:00:00 state: bound"');
  });

  it('JSON lines carry the same text losslessly, with nothing raw a terminal or viewer acts on', () => {
    let out = '';
    const bidi = { ...forged, plaintext: `Arrival ‮13:80${FORGED_LINE}` } as MessageRecord;
    createCliLogger(
      'json',
      (t) => (out += t),
      () => 0,
    ).message(bidi);
    expect(out.split('\n')).toHaveLength(2);
    expect(DANGEROUS.test(out.slice(0, -1))).toBe(false);
    const parsed = JSON.parse(out) as { plaintext: string; employeeName: string };
    expect(parsed.plaintext).toBe(bidi.plaintext);
    expect(parsed.employeeName).toBe(forged.employeeName);
  });

  it('table cells are escaped and the table keeps one row per line', () => {
    const table = formatTable(['phone', 'name'], [['989121234567', `Ali${TITLE}\n989120000000  Forged`]]);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).not.toContain('\x1b');
    expect(table).toContain('Ali\\x1b]0;pwned\\x07\\n989120000000  Forged');
  });
});
