/**
 * Strings of the office manager's screens for the timesheet's inputs: the date picker, shifts,
 * holidays, leave, corrections of punches and the audit log. Kept in their own part of the
 * dictionary (like office-text.ts). Values arrive formatted for the language.
 */
export interface DatePickerDictionary {
  /** The button that opens the month grid. */
  open: string;
  dialog: string;
  previousMonth: string;
  nextMonth: string;
  today: string;
  clear: string;
  /** What the text box expects, in the UI's calendar. */
  placeholder: string;
  invalid: string;
  /** The UI's calendar: Jalali month names in Persian, Gregorian in English. */
  months: readonly string[];
  /** By Date#getDay: 0 Sunday … 6 Saturday. */
  weekdays: readonly string[];
  weekdaysShort: readonly string[];
  monthTitle: (month: string, year: string) => string;
}

export interface AdminDictionary {
  datePicker: DatePickerDictionary;
}
