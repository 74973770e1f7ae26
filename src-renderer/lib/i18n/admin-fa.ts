/** Persian for the manager's timesheet screens (admin-text.ts). */
import type { AdminDictionary } from './admin-text.js';

export const adminFa: AdminDictionary = {
  datePicker: {
    open: 'انتخاب تاریخ',
    dialog: 'تقویم',
    previousMonth: 'ماه قبل',
    nextMonth: 'ماه بعد',
    today: 'امروز',
    clear: 'پاک کردن',
    placeholder: '۱۴۰۵/۰۹/۰۸',
    invalid: 'تاریخ درست نیست: به شکل ۱۴۰۵/۰۹/۰۸ بنویسید.',
    months: ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
    weekdays: ['یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه'],
    weekdaysShort: ['ی', 'د', 'س', 'چ', 'پ', 'ج', 'ش'],
    monthTitle: (month, year) => `${month} ${year}`,
  },
};
