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
  return { phone: phone.phone, name: parsed.data.name, department: parsed.data.department };
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
