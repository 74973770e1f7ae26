/**
 * The Employees view's state: the list (filtered, with or without inactive people), the numbers
 * that wrote in but are no one's, and who the form is editing or adding.
 */
import type { AppApi } from '../../../src-main/contract/app-api.js';
import type { Employee, UnknownSender } from '../../../src-main/core/model.js';
import { Action } from '../../lib/state/action.svelte.js';
import { Loader } from '../../lib/state/loader.svelte.js';

export class EmployeesPage {
  /** The filter as last applied (debounced). */
  filter = $state('');
  includeInactive = $state(false);
  /** The employee the form edits; null: the form adds someone. */
  editing = $state.raw<Employee | null>(null);
  /** A number to add (picked from the unknown senders). */
  prefillPhone = $state('');
  readonly employees = new Loader<Employee[]>();
  readonly unknown = new Loader<UnknownSender[]>();
  /** Deactivating or reactivating someone from the list. */
  readonly rowAction = new Action();

  constructor(private readonly api: AppApi) {}

  refresh(): void {
    const search = this.filter;
    const includeInactive = this.includeInactive;
    void this.employees.load(() => this.api.listEmployees({ ...(search ? { search } : {}), includeInactive }));
    void this.unknown.load(() => this.api.unknownSenders());
  }

  async setActive(employee: Employee, active: boolean): Promise<void> {
    if (await this.rowAction.run(() => this.api.setEmployeeActive({ id: employee.id, active }))) this.refresh();
  }

  addUnknown(phone: string): void {
    this.editing = null;
    this.prefillPhone = phone;
  }

  saved(): void {
    this.editing = null;
    this.prefillPhone = '';
    this.refresh();
  }
}
