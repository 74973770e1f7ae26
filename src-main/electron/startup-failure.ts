/**
 * What the user is told when the app cannot start. A packaged app has no console, so a failure
 * that only reached `console.error` looked like "the app does not open". This maps the error to
 * a code and to words that say what happened and what to do, naming the database file, so that the
 * dialog (main.ts) is only a window around them. Pure: tested under plain Node.
 */

export type StartupFailureCode =
  | 'database-too-new'
  | 'database-locked'
  | 'database-unreadable'
  | 'database-damaged'
  | 'disk-full'
  | 'native-module'
  | 'unexpected';

export type StartupLanguage = 'en' | 'fa';

export interface StartupFailureContext {
  /** The database file the app tried to open. */
  dbPath: string;
  /** False when run from source (`npm start`): then the fix for a native module is a rebuild, not a reinstall. */
  isPackaged: boolean;
  language: StartupLanguage;
  /** For a damaged database: the newest good backup recorded for it (core/backup/damaged-database.ts). */
  newestGoodBackup?: { file: string; at: number } | null;
}

export interface StartupFailure {
  code: StartupFailureCode;
  /** One line: what happened. */
  title: string;
  /** What it means and what to do. */
  message: string;
  /** The technical error in one line, for a support request (the stack goes to the log). */
  detail: string;
  /** Whether offering to show the database file in its folder helps. */
  showDatabase: boolean;
  /** A damaged database with a good backup: the dialog offers to put this backup back. */
  restoreFrom: string | null;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
}

/** SQLite's result codes (StorageError keeps the extended one, e.g. SQLITE_IOERR_WRITE) by what the user can do. */
const SQLITE_CODES: [prefix: string, code: StartupFailureCode][] = [
  ['SQLITE_BUSY', 'database-locked'],
  ['SQLITE_LOCKED', 'database-locked'],
  ['SQLITE_FULL', 'disk-full'],
  ['SQLITE_CORRUPT', 'database-damaged'],
  ['SQLITE_NOTADB', 'database-damaged'],
  ['SQLITE_CANTOPEN', 'database-unreadable'],
  ['SQLITE_PERM', 'database-unreadable'],
  ['SQLITE_READONLY', 'database-unreadable'],
  ['SQLITE_IOERR', 'database-unreadable'],
  ['SQLITE_AUTH', 'database-unreadable'],
];

/** Node's errors while creating the data folder or opening the file. */
const SYSTEM_CODES: Record<string, StartupFailureCode> = {
  EACCES: 'database-unreadable',
  EPERM: 'database-unreadable',
  EROFS: 'database-unreadable',
  EBUSY: 'database-locked',
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
};

/** A native addon that cannot be loaded: built for another Node/Electron ABI, another OS or CPU, or missing. */
const NATIVE_MODULE =
  /NODE_MODULE_VERSION|compiled against a different Node\.js version|Could not locate the bindings file|better_sqlite3\.node|invalid ELF header|not a valid Win32 application|wrong ELF class|mach-o, but wrong architecture|incompatible architecture/i;

export function classifyStartupError(error: unknown): StartupFailureCode {
  const e: ErrorLike = typeof error === 'object' && error !== null ? (error as ErrorLike) : {};
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = typeof e.code === 'string' ? e.code : '';
  if (e.name === 'DatabaseTooNewError') return 'database-too-new';
  if (code === 'ERR_DLOPEN_FAILED' || NATIVE_MODULE.test(message)) return 'native-module';
  const sqlite = SQLITE_CODES.find(([prefix]) => code.startsWith(prefix));
  if (sqlite) return sqlite[1];
  // better-sqlite3's own check, before SQLite is asked (a TypeError without a code)
  if (/directory does not exist/i.test(message)) return 'database-unreadable';
  return SYSTEM_CODES[code] ?? 'unexpected';
}

type Words = Record<StartupFailureCode, { title: string; message: (c: StartupFailureContext) => string }>;

const en: Words = {
  'database-too-new': {
    title: 'The attendance database was written by a newer version of SMPP Attendance.',
    message: (c) =>
      `This version cannot read it, and has not changed it. Install the newer version again (or the newest one) to keep using this database.\n\nDatabase file: ${c.dbPath}`,
  },
  'database-locked': {
    title: 'The attendance database is in use by another program.',
    message: (c) =>
      `Another copy of SMPP Attendance (perhaps under another Windows user, or started from a terminal), a backup tool or an antivirus scan is holding the file. Close it, or restart the computer, then open SMPP Attendance again.\n\nDatabase file: ${c.dbPath}`,
  },
  'database-unreadable': {
    title: 'The attendance database cannot be opened.',
    message: (c) =>
      `The file or its folder cannot be read or written: check that the disk is connected and that your user may change the folder (it may be read-only, or on a network drive that is away). Then open SMPP Attendance again.\n\nDatabase file: ${c.dbPath}`,
  },
  'database-damaged': {
    title: 'The attendance database is damaged.',
    message: (c) =>
      `The file is not a database SMPP Attendance can read. Do not delete it: close the app, move the file somewhere safe (or put a copy from your backups in its place), and open SMPP Attendance again; it then starts with an empty database.\n\nDatabase file: ${c.dbPath}`,
  },
  'disk-full': {
    title: 'The disk is full.',
    message: (c) =>
      `SMPP Attendance cannot write its database. Free some space on the disk, then open SMPP Attendance again.\n\nDatabase file: ${c.dbPath}`,
  },
  'native-module': {
    title: 'SMPP Attendance is not installed completely.',
    message: (c) =>
      c.isPackaged
        ? 'Its database component does not match this version of the app (or this computer). Reinstall SMPP Attendance from the installer for this computer; your data is kept.'
        : 'better-sqlite3 is not built for this Electron. Run `npm start` again (it rebuilds it into dist/electron/node_modules), or delete that folder and run it again.',
  },
  unexpected: {
    title: 'SMPP Attendance could not start.',
    message: (c) =>
      `Open it again; if this happens again, send the details below to whoever supports the app.\n\nDatabase file: ${c.dbPath}`,
  },
};

const fa: Words = {
  'database-too-new': {
    title: 'پایگاه داده‌ی حضور و غیاب با نسخه‌ی جدیدتری از SMPP Attendance نوشته شده است.',
    message: (c) =>
      `این نسخه نمی‌تواند آن را بخواند و چیزی در آن تغییر نداده است. برای ادامه‌ی کار با این پایگاه داده، نسخه‌ی جدیدتر را دوباره نصب کنید.\n\nپرونده‌ی پایگاه داده: ${c.dbPath}`,
  },
  'database-locked': {
    title: 'پایگاه داده‌ی حضور و غیاب در دست برنامه‌ی دیگری است.',
    message: (c) =>
      `نسخه‌ی دیگری از SMPP Attendance (شاید با کاربر دیگری از ویندوز)، برنامه‌ی پشتیبان‌گیری یا ضدویروس پرونده را در اختیار دارد. آن را ببندید یا رایانه را دوباره راه‌اندازی کنید و سپس SMPP Attendance را دوباره باز کنید.\n\nپرونده‌ی پایگاه داده: ${c.dbPath}`,
  },
  'database-unreadable': {
    title: 'پایگاه داده‌ی حضور و غیاب باز نمی‌شود.',
    message: (c) =>
      `پرونده یا پوشه‌ی آن خواندنی یا نوشتنی نیست: بررسی کنید که دیسک وصل باشد و کاربر شما اجازه‌ی تغییر آن پوشه را داشته باشد (شاید فقط‌خواندنی باشد یا روی درایو شبکه‌ای که در دسترس نیست). سپس SMPP Attendance را دوباره باز کنید.\n\nپرونده‌ی پایگاه داده: ${c.dbPath}`,
  },
  'database-damaged': {
    title: 'پایگاه داده‌ی حضور و غیاب آسیب دیده است.',
    message: (c) =>
      `این پرونده پایگاه داده‌ای نیست که SMPP Attendance بتواند بخواند. آن را پاک نکنید: برنامه را ببندید، پرونده را به جای امنی منتقل کنید (یا نسخه‌ای از پشتیبان‌های خود را جای آن بگذارید) و SMPP Attendance را دوباره باز کنید؛ برنامه با پایگاه داده‌ی خالی شروع می‌شود.\n\nپرونده‌ی پایگاه داده: ${c.dbPath}`,
  },
  'disk-full': {
    title: 'دیسک پر است.',
    message: (c) =>
      `SMPP Attendance نمی‌تواند پایگاه داده‌اش را بنویسد. کمی فضای دیسک را آزاد کنید و سپس SMPP Attendance را دوباره باز کنید.\n\nپرونده‌ی پایگاه داده: ${c.dbPath}`,
  },
  'native-module': {
    title: 'SMPP Attendance کامل نصب نشده است.',
    message: (c) =>
      c.isPackaged
        ? 'بخش پایگاه داده‌ی آن با این نسخه از برنامه (یا این رایانه) جور نیست. SMPP Attendance را با نصب‌کننده‌ی مخصوص این رایانه دوباره نصب کنید؛ داده‌های شما می‌مانند.'
        : 'better-sqlite3 برای این Electron ساخته نشده است. دوباره `npm start` را اجرا کنید (آن را در dist/electron/node_modules می‌سازد).',
  },
  unexpected: {
    title: 'SMPP Attendance نتوانست شروع به کار کند.',
    message: (c) =>
      `دوباره بازش کنید؛ اگر باز هم چنین شد، جزئیات زیر را برای پشتیبان برنامه بفرستید.\n\nپرونده‌ی پایگاه داده: ${c.dbPath}`,
  },
};

export function describeStartupFailure(error: unknown, context: StartupFailureContext): StartupFailure {
  const code = classifyStartupError(error);
  const words = (context.language === 'fa' ? fa : en)[code];
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const backup = code === 'database-damaged' ? (context.newestGoodBackup ?? null) : null;
  const message = backup ? `${words.message(context)}\n\n${backupAdvice(backup, context)}` : words.message(context);
  return {
    code,
    title: words.title,
    message,
    detail,
    showDatabase: code !== 'native-module',
    restoreFrom: backup?.file ?? null,
  };
}

/** The newest good backup of a damaged database, and how to put it back (the button, or the command line). */
function backupAdvice(backup: { file: string; at: number }, c: StartupFailureContext): string {
  const d = new Date(backup.at);
  const p = (v: number): string => String(v).padStart(2, '0');
  const when = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  const command = `smpp-attendance restore --db "${c.dbPath}" --from "${backup.file}"`;
  return c.language === 'fa'
    ? `تازه‌ترین پشتیبان سالم: ${backup.file} (گرفته‌شده در ${when}). دکمه‌ی «بازگرداندن این پشتیبان» آن را به جای پایگاه داده می‌گذارد (پرونده‌ی آسیب‌دیده کنار آن نگه داشته می‌شود). همین کار از خط فرمان:\n${command}`
    : `The newest good backup is ${backup.file} (taken ${when}). "Restore this backup" puts it in place (the damaged file is kept beside it). The same from the command line:\n${command}`;
}

/** The dialog's buttons, in the user's language: restore the newest backup (when there is one), show the database file (when it helps), and quit. */
export function startupFailureButtons(language: StartupLanguage, showDatabase: boolean, canRestore = false): string[] {
  const quit = language === 'fa' ? 'خروج' : 'Quit';
  const buttons: string[] = [];
  if (canRestore) buttons.push(language === 'fa' ? 'بازگرداندن این پشتیبان' : 'Restore this backup');
  if (showDatabase) buttons.push(language === 'fa' ? 'نمایش پرونده‌ی پایگاه داده' : 'Show the database file');
  buttons.push(quit);
  return buttons;
}
