/**
 * The employee form's fields as typed, checked with the contract's employeeInputSchema (the main
 * process checks it again), and the saving of them: a new employee, or changes to one.
 */
import { phones } from '../../lib/phone.svelte.js';
import { employeeInputSchema, type AppApi, type EmployeeInput } from '../../../src-main/contract/app-api.js';
import type { Employee } from '../../../src-main/contract/domain.js';
import { asciiDigits, checkWithSchema } from '../../lib/forms/schema-check.js';
import { Action } from '../../lib/state/action.svelte.js';

/** The form's text fields, in the order they are shown (the employment dates follow, with date pickers). */
export const EMPLOYEE_TEXT_FIELDS = ['phone', 'name', 'department'] as const satisfies readonly (keyof EmployeeInput)[];
/** Every field the schema checks. */
const FIELDS = [
  ...EMPLOYEE_TEXT_FIELDS,
  'employmentStart',
  'employmentEnd',
] as const satisfies readonly (keyof EmployeeInput)[];

export class EmployeeDraft {
  phone = $state('');
  name = $state('');
  department = $state('');
  /** YYYY-MM-DD or '' (none). */
  employmentStart = $state('');
  employmentEnd = $state('');
  /** Fields the schema refused at the last save. */
  invalid = $state.raw<(keyof EmployeeInput)[]>([]);
  /** The employee as last saved from this form. */
  saved = $state.raw<{ employee: Employee; wasNew: boolean } | null>(null);
  readonly save = new Action();

  /** The employment ends before it starts. */
  get badEmployment(): boolean {
    return this.employmentStart !== '' && this.employmentEnd !== '' && this.employmentEnd < this.employmentStart;
  }

  constructor(private readonly api: AppApi) {}

  /** Fills the form with someone to edit, or empties it for a new employee (with a number to start from). */
  fill(editing: Employee | null, prefillPhone: string): void {
    // As the office reads numbers (0912 123 4567); the store normalises what is saved.
    this.phone = phones.show(editing ? editing.phone : prefillPhone);
    this.name = editing?.name ?? '';
    this.department = editing?.department ?? '';
    this.employmentStart = editing?.employmentStart ?? '';
    this.employmentEnd = editing?.employmentEnd ?? '';
    this.invalid = [];
    this.save.clear();
  }

  /** Saves the form as `editing`'s new details, or as a new employee; resolves true when saved. */
  async submit(editing: Employee | null): Promise<boolean> {
    this.saved = null;
    this.save.clear();
    const input = this.#check(editing !== null);
    if (!input) return false;
    return this.save.run(async () => {
      const employee = editing
        ? await this.api.updateEmployee({ id: editing.id, input })
        : await this.api.addEmployee(input);
      this.saved = { employee, wasNew: editing === null };
      this.phone = '';
      this.name = '';
      this.department = '';
      this.employmentStart = '';
      this.employmentEnd = '';
    });
  }

  /** `editing`: an empty date clears the stored one (null); for a new employee it is left out. */
  #check(editing: boolean): EmployeeInput | null {
    const date = (value: string): { value?: string | null } =>
      value !== '' ? { value } : editing ? { value: null } : {};
    const start = date(this.employmentStart);
    const end = date(this.employmentEnd);
    const result = checkWithSchema(
      employeeInputSchema,
      {
        phone: asciiDigits(this.phone),
        name: this.name,
        department: this.department,
        ...('value' in start ? { employmentStart: start.value } : {}),
        ...('value' in end ? { employmentEnd: end.value } : {}),
      },
      FIELDS,
    );
    this.invalid = result.ok ? [] : result.invalid;
    if (this.badEmployment) {
      this.invalid = [...this.invalid, 'employmentEnd'];
      return null;
    }
    return result.ok ? result.input : null;
  }
}
