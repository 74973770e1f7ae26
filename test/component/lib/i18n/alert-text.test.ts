/** Every alert code in words in both languages: what is wrong with its values, and what to do. */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../src-main/core/model.js';
import { alertText } from '../../../../src-renderer/lib/i18n/alert-text.js';
import { en } from '../../../../src-renderer/lib/i18n/en.js';
import { fa } from '../../../../src-renderer/lib/i18n/fa.js';
import { createFormatter } from '../../../../src-renderer/lib/i18n/format.js';

const at = new Date(2026, 10, 29, 9, 5).getTime();
const alerts: Alert[] = [
  { code: 'gatewayDown', since: at, minutes: 12 },
  { code: 'acksFailing', failed: 4, windowMinutes: 30 },
  { code: 'ackQueueGrowing', queued: 42, was: 7, minutes: 10 },
  { code: 'diskLow', freeBytes: 300 * 1024 * 1024, folder: '/srv/attendance' },
  { code: 'backupOld', lastGoodAt: at, days: 3 },
  { code: 'backupOld', lastGoodAt: null, days: 3 },
  { code: 'backupFailed', at, error: 'the disk is full' },
];

describe('alertText', () => {
  it('English: the values in the sentence, and what to do', () => {
    const f = createFormatter('en');
    const texts = alerts.map((a) => alertText(a, en, f));
    expect(texts[0]!.text).toBe(`The gateway phone has not been connected since ${f.time(at)}.`);
    expect(texts[1]!.todo).toMatch(/Android’s SMS limit/);
    expect(texts[2]!.text).toContain('7 → 42');
    expect(texts[3]!.text).toContain('300 MB');
    expect(texts[3]!.text).toContain('/srv/attendance');
    expect(texts[4]!.text).toContain('3 days old');
    expect(texts[5]!.text).toBe('No good backup has been taken for 3 days.');
    expect(texts[6]!.text).toContain('the disk is full');
  });

  it('Persian: every alert in Persian with Persian digits, none left in English', () => {
    const f = createFormatter('fa');
    for (const alert of alerts) {
      const { text, todo } = alertText(alert, fa, f);
      expect(text).toMatch(/[\u0600-\u06FF]/);
      expect(todo).toMatch(/[\u0600-\u06FF]/);
      const english = alertText(alert, en, createFormatter('en'));
      expect(text).not.toBe(english.text);
    }
    expect(alertText(alerts[2]!, fa, f).text).toContain('۴۲');
  });
});
