/**
 * The desktop notification for a newly raised alert, in the app's language (the window, when open,
 * shows the full words from the renderer's dictionaries). Pure: main.ts only shows it.
 */
import type { Alert, AlertCode } from '../core/model.js';

type Lang = 'en' | 'fa';

const words: Record<Lang, { title: string; body: Record<AlertCode, string> }> = {
  en: {
    title: 'SMPP Attendance needs attention',
    body: {
      gatewayDown:
        'The gateway phone is not connected. Check that it is on, on the office Wi-Fi, and the gateway app is running.',
      acksFailing: 'Acknowledgements are failing. The phone may have hit Android’s SMS limit (see the README).',
      ackQueueGrowing: 'Acknowledgements are piling up. The phone may have hit Android’s SMS limit (see the README).',
      diskLow: 'The disk is nearly full. Free some space so that messages can still be stored.',
      backupOld: 'The last good backup is old. Open the Backups view and take one now.',
      backupFailed: 'The latest backup failed. Open the Backups view to see why.',
    },
  },
  fa: {
    title: 'SMPP Attendance به توجه شما نیاز دارد',
    body: {
      gatewayDown: 'گوشی درگاه وصل نیست. روشن بودن گوشی، اتصال آن به Wi-Fi دفتر و اجرای برنامه‌ی درگاه را بررسی کنید.',
      acksFailing:
        'ارسال پیام‌های تأیید ناموفق است. شاید گوشی به سقف پیامک اندروید رسیده باشد (راهنمای README را ببینید).',
      ackQueueGrowing:
        'پیام‌های تأیید روی هم انباشته می‌شوند. شاید گوشی به سقف پیامک اندروید رسیده باشد (راهنمای README را ببینید).',
      diskLow: 'دیسک تقریباً پر است. کمی فضا آزاد کنید تا پیام‌ها همچنان ذخیره شوند.',
      backupOld: 'آخرین پشتیبان سالم قدیمی است. بخش «پشتیبان‌ها» را باز کنید و همین حالا پشتیبان بگیرید.',
      backupFailed: 'آخرین پشتیبان‌گیری ناموفق بود. علت را در بخش «پشتیبان‌ها» ببینید.',
    },
  },
};

/** Notifications for the alerts in `next` whose code was not already raised in `previous`. */
export function newAlertNotifications(
  previous: readonly Alert[],
  next: readonly Alert[],
  language: Lang,
): { title: string; body: string }[] {
  const before = new Set(previous.map((a) => a.code));
  return next
    .filter((a) => !before.has(a.code))
    .map((a) => ({ title: words[language].title, body: words[language].body[a.code] }));
}

/** The tray's tooltip addition: how many alerts are raised. */
export function alertCountText(count: number, language: Lang): string {
  if (count === 0) return '';
  if (language === 'fa') return ` — ${count.toLocaleString('fa-IR')} هشدار`;
  return ` — ${count} alert${count === 1 ? '' : 's'}`;
}
