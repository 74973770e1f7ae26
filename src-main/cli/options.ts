/**
 * Argument parsing on Node's own `util.parseArgs` (no dependency needed for a handful of flags),
 * turning its errors and our checks into `UsageError`s with words a user understands.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Flags that each take one text value (`--name VALUE`), in the shape `parseArgs` wants. */
export function stringOptions<K extends string>(...names: K[]): Record<K, { type: 'string' }> {
  return Object.fromEntries(names.map((name) => [name, { type: 'string' }])) as Record<K, { type: 'string' }>;
}

export function parseCommandArgs<O extends OptionSpec>(
  argv: string[],
  options: O,
  opts: { positionals?: number } = {},
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  const max = opts.positionals ?? 0;
  if (parsed.positionals.length > max) {
    throw new UsageError(`unexpected argument '${parsed.positionals[max]}'`);
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

export function requireString(values: Record<string, unknown>, name: string, envName?: string): string {
  const value = values[name] ?? (envName ? process.env[envName] : undefined);
  if (typeof value !== 'string' || value === '') {
    throw new UsageError(`missing --${name}${envName ? ` (or the environment variable ${envName})` : ''}`);
  }
  return value;
}

export function optionalString(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A whole number; `range` checks flags that no schema covers (settings go through settingsInputSchema). */
export function integerOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  range?: { min: number; max: number },
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const text = String(raw);
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got '${text}'`);
  const value = Number(text);
  if (range && (value < range.min || value > range.max))
    throw new UsageError(`--${name} must be between ${range.min} and ${range.max}, got ${value}`);
  return value;
}

export function dateOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = optionalString(values, name);
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new UsageError(`--${name} must be a date as YYYY-MM-DD, got '${value}'`);
  }
  return value;
}
