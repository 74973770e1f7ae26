/**
 * What a valid employee is: the input schema (employee-input.ts), then the phone number's one
 * spelling (phone-number.ts). The store keeps only what passed here.
 */
import { employeeInputSchema, type EmployeeInput } from './employee-input.js';
import { EmployeeInputError } from './employee-errors.js';
import { normalisePhone } from './phone-number.js';
import type { EmployeeReason } from '../model.js';
import { describeReason } from '../describe.js';
import type { z } from 'zod';

/** A checked input: phone normalised, text trimmed. */
export interface ValidEmployee {
  phone: string;
  name: string;
  department: string;
  /** YYYY-MM-DD or null; undefined: unchanged (none for a new employee). */
  employmentStart?: string | null;
  employmentEnd?: string | null;
}

/** Checks and normalises an input; throws EmployeeInputError with the first problem. */
export function validateEmployee(input: EmployeeInput, defaultCountry: string): ValidEmployee {
  const parsed = employeeInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'invalid employee';
    throw new EmployeeInputError(message, issue ? reasonOfIssue(issue) : null);
  }
  const phone = normalisePhone(parsed.data.phone, defaultCountry);
  if (!phone.ok) throw new EmployeeInputError(describeReason(phone.reason), phone.reason);
  const valid: ValidEmployee = { phone: phone.phone, name: parsed.data.name, department: parsed.data.department };
  const start = employmentDate(parsed.data.employmentStart, 'employment start');
  const end = employmentDate(parsed.data.employmentEnd, 'employment end');
  if (start !== undefined) valid.employmentStart = start;
  if (end !== undefined) valid.employmentEnd = end;
  if (start && end && end < start) {
    const reason: EmployeeReason = {
      code: 'employee-invalid',
      params: { detail: `employment end ${end} is before employment start ${start}` },
    };
    throw new EmployeeInputError(describeReason(reason), reason);
  }
  return valid;
}

/** An employment date as YYYY-MM-DD of a real day; '' is none. */
function employmentDate(text: string | null | undefined, what: string): string | null | undefined {
  if (text === undefined || text === null) return text;
  if (text === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== text) {
    const reason: EmployeeReason = {
      code: 'employee-invalid',
      params: { detail: `${what} '${text}' is not a date as YYYY-MM-DD` },
    };
    throw new EmployeeInputError(describeReason(reason), reason);
  }
  return text;
}

/** The schema's complaint as a code: a field left empty, or one too long. */
function reasonOfIssue(issue: z.core.$ZodIssue): EmployeeReason | null {
  const field = issue.path[0];
  if (field !== 'phone' && field !== 'name' && field !== 'department') return null;
  if (issue.code === 'too_small' && field !== 'department')
    return { code: 'employee-field-missing', params: { field } };
  if (issue.code === 'too_big')
    return { code: 'employee-field-too-long', params: { field, max: Number(issue.maximum) } };
  return null;
}
