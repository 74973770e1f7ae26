/**
 * A form checked with the contract's own zod schema (the main process checks the same one, so
 * the rules cannot drift): either the input the schema made of it, or the fields it refused. The
 * form shows a message per field from the dictionary, because zod's messages are English only.
 */
import { z } from 'zod';

/** The one digit rule (core/text/ascii-digits.ts), for the forms that read numbers typed on a Persian keyboard. */
export { asciiDigits } from '../../../src-main/contract/domain.js';

// Zod would probe `new Function` for its fast path; the strict CSP forbids eval and reports the probe.
z.config({ jitless: true });

export type FormCheck<Input, Field extends string> = { ok: true; input: Input } | { ok: false; invalid: Field[] };

export function checkWithSchema<S extends z.ZodType, Field extends string>(
  schema: S,
  candidate: unknown,
  fields: readonly Field[],
): FormCheck<z.output<S>, Field> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  const invalid = new Set<Field>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (fields as readonly string[]).includes(field)) invalid.add(field as Field);
  }
  return { ok: false, invalid: [...invalid] };
}
