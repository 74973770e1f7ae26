/**
 * What the renderer takes from the core, in one place: the domain's types and codes
 * (`core/model.ts`), the settings' limits and patterns its forms check with the very values the core
 * applies, the timesheet's file words it shows beside the exports, and two pure text rules the
 * forms share with the core (ASCII digits, what a public field key looks like).
 *
 * The renderer imports these from here, never from `src-main/core/` directly (lint refuses it), so
 * `src-renderer/ → contract/ → core/` stays the only way down (docs/architecture.md, "Layers").
 * Nothing here may pull Node built-ins into the renderer's bundle: each module re-exported is pure.
 */
export * from '../core/model.js';
export { CLOCK_TIME_PATTERN, SETTINGS_LIMITS } from '../core/settings/settings-defaults.js';
export { TIMESHEET_LABELS } from '../core/export/timesheet-labels.js';
export { isPublicFieldKey } from '../core/protocol/public-field-key.js';
export { asciiDigits } from '../core/text/ascii-digits.js';
