/**
 * The shape every language's strings must have: the English dictionary's (en.ts), written once.
 * Persian is typed as `Dictionary`, so a key missing in it, or one English does not have, is a
 * compile error, not a blank on screen.
 */
import type { en } from './en.js';

export type Language = 'en' | 'fa';

/** Fields of the settings form, in the order they are shown. */
export type SettingsField =
  | 'host'
  | 'port'
  | 'systemId'
  | 'password'
  | 'key'
  | 'ignoreNumbers'
  | 'repeatWindowMinutes'
  | 'ackRatePerMinute'
  | 'lateToleranceMinutes'
  | 'futureToleranceMinutes'
  | 'defaultCountry'
  | 'language'
  | 'ackUnknownSenders'
  | 'publicKeyAcknowledged';

export type ViewName =
  | 'connection'
  | 'messages'
  | 'attendance'
  | 'review'
  | 'employees'
  | 'export'
  | 'backups'
  | 'timesheet'
  | 'dashboard'
  | 'calendar'
  | 'audit';

export type Dictionary = typeof en;
