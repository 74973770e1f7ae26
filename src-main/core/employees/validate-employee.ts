/**
 * What a valid employee is: the input schema (employee-input.ts), then the phone number's one
 * spelling (phone-number.ts). The store keeps only what passed here.
 */
import { employeeInputSchema, type EmployeeInput } from './employee-input.js';
import { EmployeeInputError } from './employee-errors.js';
import { normalisePhone } from './phone-number.js';

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
    throw new EmployeeInputError(issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'invalid employee');
  }
  const phone = normalisePhone(parsed.data.phone, defaultCountry);
  if (!phone.ok) throw new EmployeeInputError(phone.reason);
  return { phone: phone.phone, name: parsed.data.name, department: parsed.data.department };
}
