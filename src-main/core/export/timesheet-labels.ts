/**
 * The words of the timesheet XLSX, in English and Persian. An output file is an edge of the app,
 * like the UI: the person who opens it reads it in the language the export was asked for, so the
 * core holds these words for files only (the renderer has its own dictionaries and receives codes).
 * The CSV is for machines and keeps codes (docs/attendance-rules.md section 6).
 */
import type { DayFlag, DayStatus, DayType, LeaveKind } from '../model.js';

export type TimesheetLanguage = 'en' | 'fa';

export interface TimesheetLabels {
  sheets: { days: string; employees: string; departments: string };
  columns: {
    phone: string;
    name: string;
    department: string;
    date: string;
    jalaliDate: string;
    dayType: string;
    shift: string;
    holiday: string;
    status: string;
    firstIn: string;
    lastOut: string;
    scheduled: string;
    worked: string;
    late: string;
    earlyLeave: string;
    overtime: string;
    shortfall: string;
    flags: string;
    leave: string;
    corrected: string;
    employees: string;
    daysPresent: string;
    daysAbsent: string;
    daysIncomplete: string;
    daysLeave: string;
    daysNoData: string;
    lateCount: string;
    lateMinutes: string;
    earlyLeaveMinutes: string;
    shortfallHours: string;
    workedHours: string;
    overtimeWorkdayHours: string;
    overtimeOffDayHours: string;
  };
  dayType: Record<DayType, string>;
  status: Record<DayStatus, string>;
  flag: Record<DayFlag, string>;
  leave: Record<LeaveKind, string>;
  yes: string;
  no: string;
  /** Joins several flags or leave kinds in one cell. */
  listSeparator: string;
  /** Names of Iran's fixed holidays by key (calendar.ts IRAN_FIXED_HOLIDAYS). */
  builtInHoliday: Record<string, string>;
}

const en: TimesheetLabels = {
  sheets: { days: 'Days', employees: 'Employees', departments: 'Departments' },
  columns: {
    phone: 'Phone',
    name: 'Name',
    department: 'Department',
    date: 'Date',
    jalaliDate: 'Jalali date',
    dayType: 'Day type',
    shift: 'Shift',
    holiday: 'Holiday',
    status: 'Status',
    firstIn: 'First in',
    lastOut: 'Last out',
    scheduled: 'Scheduled (min)',
    worked: 'Worked (min)',
    late: 'Late (min)',
    earlyLeave: 'Early leave (min)',
    overtime: 'Overtime (min)',
    shortfall: 'Shortfall (min)',
    flags: 'Flags',
    leave: 'Leave',
    corrected: 'Corrected',
    employees: 'Employees',
    daysPresent: 'Days present',
    daysAbsent: 'Days absent',
    daysIncomplete: 'Days incomplete',
    daysLeave: 'Days on leave',
    daysNoData: 'Days without data',
    lateCount: 'Times late',
    lateMinutes: 'Late (min)',
    earlyLeaveMinutes: 'Early leave (min)',
    shortfallHours: 'Shortfall (h)',
    workedHours: 'Worked (h)',
    overtimeWorkdayHours: 'Overtime on workdays (h)',
    overtimeOffDayHours: 'Overtime on weekends and holidays (h)',
  },
  dayType: { workday: 'Workday', weekend: 'Weekend', holiday: 'Holiday' },
  status: {
    holiday: 'Holiday',
    weekend: 'Weekend',
    leave: 'Leave',
    present: 'Present',
    incomplete: 'Incomplete',
    absent: 'Absent',
    no_data: 'No data',
  },
  flag: {
    missing_exit: 'Missing exit',
    missing_arrival: 'Missing arrival',
    future_time: 'Time in the future',
    late_report: 'Reported late',
    held: 'Held by the network',
    date_mismatch: 'Other date',
    unparsed_time: 'Time not understood',
    unknown_sender: 'Unknown number',
    too_many: 'Too many today',
  },
  leave: { paid: 'Paid leave', unpaid: 'Unpaid leave', sick: 'Sick leave', mission: 'Mission' },
  yes: 'yes',
  no: 'no',
  listSeparator: ', ',
  builtInHoliday: {
    'farvardin-1': 'Nowruz',
    'farvardin-2': 'Nowruz',
    'farvardin-3': 'Nowruz',
    'farvardin-4': 'Nowruz',
    'farvardin-12': 'Islamic Republic Day',
    'farvardin-13': 'Nature Day',
    'khordad-14': 'Death of Imam Khomeini',
    'khordad-15': 'Uprising of 15 Khordad',
    'bahman-22': 'Victory of the Islamic Revolution',
    'esfand-29': 'Oil Nationalization Day',
  },
};

const fa: TimesheetLabels = {
  sheets: { days: 'روزها', employees: 'کارکنان', departments: 'واحدها' },
  columns: {
    phone: 'تلفن',
    name: 'نام',
    department: 'واحد',
    date: 'تاریخ میلادی',
    jalaliDate: 'تاریخ',
    dayType: 'نوع روز',
    shift: 'شیفت',
    holiday: 'تعطیلی',
    status: 'وضعیت',
    firstIn: 'اولین ورود',
    lastOut: 'آخرین خروج',
    scheduled: 'موظفی (دقیقه)',
    worked: 'کارکرد (دقیقه)',
    late: 'تأخیر (دقیقه)',
    earlyLeave: 'تعجیل (دقیقه)',
    overtime: 'اضافه‌کار (دقیقه)',
    shortfall: 'کسرکار (دقیقه)',
    flags: 'نشانه‌ها',
    leave: 'مرخصی',
    corrected: 'اصلاح‌شده',
    employees: 'تعداد کارکنان',
    daysPresent: 'روزهای حضور',
    daysAbsent: 'روزهای غیبت',
    daysIncomplete: 'روزهای ناقص',
    daysLeave: 'روزهای مرخصی',
    daysNoData: 'روزهای بی‌داده',
    lateCount: 'دفعات تأخیر',
    lateMinutes: 'تأخیر (دقیقه)',
    earlyLeaveMinutes: 'تعجیل (دقیقه)',
    shortfallHours: 'کسرکار (ساعت)',
    workedHours: 'کارکرد (ساعت)',
    overtimeWorkdayHours: 'اضافه‌کار روز کاری (ساعت)',
    overtimeOffDayHours: 'اضافه‌کار تعطیل و آخر هفته (ساعت)',
  },
  dayType: { workday: 'روز کاری', weekend: 'آخر هفته', holiday: 'تعطیل' },
  status: {
    holiday: 'تعطیل',
    weekend: 'آخر هفته',
    leave: 'مرخصی',
    present: 'حاضر',
    incomplete: 'ناقص',
    absent: 'غایب',
    no_data: 'بی‌داده',
  },
  flag: {
    missing_exit: 'خروج ثبت نشده',
    missing_arrival: 'ورود ثبت نشده',
    future_time: 'زمان آینده',
    late_report: 'اعلام دیرهنگام',
    held: 'مانده در شبکه',
    date_mismatch: 'تاریخ دیگر',
    unparsed_time: 'زمان نامفهوم',
    unknown_sender: 'شمارهٔ ناشناس',
    too_many: 'تردد بیش از حد',
  },
  leave: { paid: 'مرخصی استحقاقی', unpaid: 'مرخصی بدون حقوق', sick: 'مرخصی استعلاجی', mission: 'مأموریت' },
  yes: 'بله',
  no: 'خیر',
  listSeparator: '، ',
  builtInHoliday: {
    'farvardin-1': 'نوروز',
    'farvardin-2': 'نوروز',
    'farvardin-3': 'نوروز',
    'farvardin-4': 'نوروز',
    'farvardin-12': 'روز جمهوری اسلامی',
    'farvardin-13': 'روز طبیعت',
    'khordad-14': 'رحلت امام خمینی',
    'khordad-15': 'قیام ۱۵ خرداد',
    'bahman-22': 'پیروزی انقلاب اسلامی',
    'esfand-29': 'روز ملی شدن صنعت نفت',
  },
};

export const TIMESHEET_LABELS: Record<TimesheetLanguage, TimesheetLabels> = { en, fa };
