/**
 * The Employees view's state: the list (filtered, with or without inactive people), the numbers
 * that wrote in but are no one's, and who the form is editing or adding.
 */
import type { AppApi } from '../../../src-main/contract/app-api.js';
import type { Employee, UnknownSender } from '../../../src-main/contract/domain.js';
import { Action } from '../../lib/state/action.svelte.js';
import { Loader } from '../../lib/state/loader.svelte.js';
import { qrCodeDataUrl } from '../../lib/qr-code.js';

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
  /** The employee whose own key the key panel shows; null: no panel. */
  keyFor = $state.raw<Employee | null>(null);
  /** Generating, setting or removing the key of `keyFor`. */
  readonly keyAction = new Action();
  /** A key just generated, with its QR code: held only until the panel closes (it is never sent again). */
  newKey = $state.raw<{ key: string; qr: string } | null>(null);
  /** The last key change that succeeded, for the panel's note. */
  keyOutcome = $state<'saved' | 'removed' | null>(null);

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

  openKey(employee: Employee): void {
    this.keyFor = employee;
    this.newKey = null;
    this.keyOutcome = null;
    this.keyAction.clear();
  }

  closeKey(): void {
    this.keyFor = null;
    this.newKey = null;
    this.keyOutcome = null;
  }

  async generateKey(): Promise<void> {
    const employee = this.keyFor;
    if (!employee) return;
    let answer: { employee: Employee; key: string } | null = null;
    if (await this.keyAction.run(async () => (answer = await this.api.generateEmployeeKey({ id: employee.id })))) {
      const { employee: updated, key } = answer!;
      this.keyFor = updated;
      this.newKey = { key, qr: await qrCodeDataUrl(key) };
      this.keyOutcome = 'saved';
      this.refresh();
    }
  }

  async setKey(key: string): Promise<boolean> {
    const employee = this.keyFor;
    if (!employee) return false;
    let updated: Employee | null = null;
    const ok = await this.keyAction.run(
      async () => (updated = await this.api.setEmployeeKey({ id: employee.id, key })),
    );
    if (ok) {
      this.keyFor = updated;
      this.newKey = null;
      this.keyOutcome = 'saved';
      this.refresh();
    }
    return ok;
  }

  async removeKey(): Promise<void> {
    const employee = this.keyFor;
    if (!employee) return;
    let updated: Employee | null = null;
    if (await this.keyAction.run(async () => (updated = await this.api.removeEmployeeKey({ id: employee.id })))) {
      this.keyFor = updated;
      this.newKey = null;
      this.keyOutcome = 'removed';
      this.refresh();
    }
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
