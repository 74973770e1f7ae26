/**
 * What the manager may enter for an employee: one zod schema, used by the employee repository (and
 * the CSV import) and by the contract for what a renderer sends, so the rule exists once.
 */
import { z } from 'zod';

export const employeeInputSchema = z.object({
  phone: z.string().trim().min(3, 'enter a phone number').max(32),
  name: z.string().trim().min(1, 'enter a name').max(200),
  department: z.string().trim().max(200),
  /** YYYY-MM-DD or null; omitted: unchanged (none for a new employee). */
  employmentStart: z.string().trim().nullable().optional(),
  employmentEnd: z.string().trim().nullable().optional(),
});
export type EmployeeInput = z.infer<typeof employeeInputSchema>;
