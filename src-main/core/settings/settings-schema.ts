/**
 * What a valid set of settings is: one zod schema, with the limits of settings-defaults.ts. The
 * settings file, the contract (which validates what a renderer sends), the CLI's `serve` flags and
 * the renderer's settings form all validate with it, so the rule exists once.
 */
import { z } from 'zod';
import { isPublicFieldKey } from '../protocol/public-field-key.js';
import type { WorkingHours } from '../model.js';
import {
  CLOCK_TIME_PATTERN,
  COUNTRY_CODE_PATTERN,
  IGNORE_NUMBER_PATTERN,
  SETTINGS_LANGUAGES,
  SETTINGS_LIMITS as L,
} from './settings-defaults.js';

export const settingsInputSchema = z
  .object({
    host: z.string().trim().min(1, 'enter the gateway address').max(L.hostMaxLength),
    port: z.number().int().min(L.port.min).max(L.port.max),
    systemId: z
      .string()
      .min(1, 'enter the system id')
      .max(L.systemIdMaxLength, `SMPP allows at most ${L.systemIdMaxLength} characters`),
    /** Omitted: keep the stored password. */
    password: z.string().max(L.passwordMaxLength, `SMPP allows at most ${L.passwordMaxLength} characters`).optional(),
    /** Omitted: keep the stored key. Must be exactly 32 bytes as UTF-8. */
    key: z
      .string()
      .refine(
        (k) => new TextEncoder().encode(k).length === L.keyBytes,
        `the key must be exactly ${L.keyBytes} characters (bytes)`,
      )
      .optional(),
    ignoreNumbers: z.array(z.string().regex(IGNORE_NUMBER_PATTERN, 'numbers only')).max(L.ignoreNumbersMax),
    repeatWindowMinutes: z.number().int().min(L.repeatWindowMinutes.min).max(L.repeatWindowMinutes.max),
    /** Acknowledgements per minute; 0 means no limit. */
    ackRatePerMinute: z.number().int().min(L.ackRatePerMinute.min).max(L.ackRatePerMinute.max),
    language: z.enum(SETTINGS_LANGUAGES),
    /** Counted-time tolerances (docs/attendance-rules.md section 1). Omitted: keep the stored value. */
    lateToleranceMinutes: z.number().int().min(L.lateToleranceMinutes.min).max(L.lateToleranceMinutes.max).optional(),
    futureToleranceMinutes: z
      .number()
      .int()
      .min(L.futureToleranceMinutes.min)
      .max(L.futureToleranceMinutes.max)
      .optional(),
    defaultCountry: z.string().regex(COUNTRY_CODE_PATTERN, 'a two-letter country code such as IR'),
    /** Whether senders not in the employee directory get acknowledgements. Omitted: keep the stored choice. */
    ackUnknownSenders: z.boolean().optional(),
    /**
     * The user has read that anyone with the phone app can forge arrivals under its public key.
     * Required (true) whenever `key` is that public key. Omitted: keep the stored answer.
     */
    publicKeyAcknowledged: z.boolean().optional(),
  })
  .refine((s) => s.key === undefined || s.publicKeyAcknowledged === true || !isPublicFieldKey(s.key), {
    path: ['publicKeyAcknowledged'],
    message:
      'this is the public key of the phone app: anyone who has the app can forge arrivals with it; confirm that you understand',
  });
export type SettingsInput = z.infer<typeof settingsInputSchema>;

const hhmm = z.string().regex(CLOCK_TIME_PATTERN, 'a time as HH:MM (24 h)');

/** Settings kept apart from the connection form: backups, working hours, start at login. Each one optional: omitted ones are kept. */
export const appSettingsSchema = z
  .object({
    /** The folder of the automatic backups; '' is the default (the owner's data folder). */
    backupDir: z.string().max(4096),
    /** The daily backup's local time. */
    backupTime: hhmm,
    /** When the gateway is expected to be up (alerts are raised only then). */
    workingHours: z.object({ days: z.array(z.number().int().min(0).max(6)).max(7), from: hhmm, to: hhmm }),
    /** The desktop app starts when the user logs in. */
    startAtLogin: z.boolean(),
  })
  .partial();
export type AppSettingsInput = z.infer<typeof appSettingsSchema>;

/**
 * The settings every holder sees alike: the form's fields (optional ones filled with their
 * defaults) and the office's own settings, without the secrets.
 */
export interface SettingsFields extends Omit<
  SettingsInput,
  'password' | 'key' | 'lateToleranceMinutes' | 'futureToleranceMinutes' | 'ackUnknownSenders' | 'publicKeyAcknowledged'
> {
  lateToleranceMinutes: number;
  futureToleranceMinutes: number;
  ackUnknownSenders: boolean;
  /** The user confirmed the warning about the phone app's public key (it stays with that key only). */
  publicKeyAcknowledged: boolean;
  /** '' : the default folder of the owner (its data folder's backups/). */
  backupDir: string;
  backupTime: string;
  workingHours: WorkingHours;
  /** null: not decided yet (the desktop app turns it on at the first successful connection). */
  startAtLogin: boolean | null;
}

/** Settings as a renderer sees them: secrets never leave the main process. */
export interface SettingsView extends SettingsFields {
  hasPassword: boolean;
  hasKey: boolean;
  /** The key in use is the well-known one built into the phones in the field. */
  keyIsPublicDefault: boolean;
  /** Where secrets are kept: the OS keychain, or (no keychain available) obfuscated on disk / only in memory. */
  secretStorage: 'keychain' | 'weak' | 'memory';
}
