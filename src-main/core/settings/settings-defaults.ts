/**
 * The one home of every settings default and limit. The settings file, the contract's schema
 * (settings-schema.ts), the CLI's flags and the renderer's settings form all read them from here,
 * so a limit cannot differ between the window and `smpp-attendance serve`.
 *
 * Plain values only (no Node APIs): the renderer imports this module too.
 */

/**
 * Defaults of a first run. Port 9500 and the ignored sender 11111 are those of the gateway app the
 * offices use (docs/protocol.md). There is deliberately no default key: the user enters theirs.
 */
export const SETTINGS_DEFAULTS = {
  port: 9500,
  ignoreNumbers: ['11111'] as readonly string[],
  repeatWindowMinutes: 10,
  /**
   * Acknowledgements per minute; 0 means no limit. One a minute never exceeds Android's default
   * limit on the gateway phone (README, "Acknowledgement pace").
   */
  ackRatePerMinute: 1,
  /** Senders not in the employee directory are recorded either way; this says whether they get an ack. */
  ackUnknownSenders: true,
  language: 'auto',
  defaultCountry: 'IR',
  /** Outstanding submit_sm allowed at once (CLI flag only). */
  ackWindow: 10,
  /** Keepalive period in seconds (CLI flag only). */
  enquireLinkSeconds: 30,
  /** A reported time this many minutes before its receipt is still counted (docs/attendance-rules.md section 1). */
  lateToleranceMinutes: 10,
  /** A reported time this many minutes after its receipt is still counted (phone clocks run fast). */
  futureToleranceMinutes: 2,
} as const;

/** Inclusive ranges and lengths the settings must respect. */
export const SETTINGS_LIMITS = {
  port: { min: 1, max: 65535 },
  hostMaxLength: 253,
  /** SMPP 3.4 allows at most 15 characters of system_id and 8 of password. */
  systemIdMaxLength: 15,
  passwordMaxLength: 8,
  /** AES-256: the key is exactly this many bytes of UTF-8. */
  keyBytes: 32,
  ignoreNumbersMax: 100,
  repeatWindowMinutes: { min: 0, max: 24 * 60 },
  ackRatePerMinute: { min: 0, max: 100_000 },
  ackWindow: { min: 1, max: 1000 },
  enquireLinkSeconds: { min: 1, max: 3600 },
  lateToleranceMinutes: { min: 0, max: 24 * 60 },
  futureToleranceMinutes: { min: 0, max: 24 * 60 },
} as const;

/**
 * Limits of one employee CSV import (the window's and `employees import`): bytes of UTF-8 and data
 * rows. A larger file is refused whole, with csv-too-large / csv-too-many-rows.
 */
export const EMPLOYEE_IMPORT_LIMITS = {
  maxBytes: 2_000_000,
  maxRows: 20_000,
} as const;

/** A number the gateway's own messages may come from: digits, an optional + in front. */
export const IGNORE_NUMBER_PATTERN = /^\+?\d{1,20}$/;
/** ISO 3166 two-letter country code, upper case. */
export const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;
/** A local time of day as HH:MM, 24 hours (the daily backup, working hours). */
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export const SETTINGS_LANGUAGES = ['auto', 'en', 'fa'] as const;
export type SettingsLanguage = (typeof SETTINGS_LANGUAGES)[number];

/** Minutes in, milliseconds out: the core counts the repeat window in ms. */
export const MINUTE_MS = 60_000;
