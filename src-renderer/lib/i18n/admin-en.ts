/** English for the manager's timesheet screens (admin-text.ts). */
import type { AdminDictionary } from './admin-text.js';

export const adminEn: AdminDictionary = {
  datePicker: {
    open: 'Choose a date',
    dialog: 'Calendar',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    today: 'Today',
    clear: 'Clear',
    placeholder: 'YYYY-MM-DD',
    invalid: 'Not a date: write it as YYYY-MM-DD (or a Jalali date as 1405/09/08).',
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    weekdaysShort: ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'],
    monthTitle: (month, year) => `${month} ${year}`,
  },
};
