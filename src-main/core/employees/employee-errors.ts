/** Errors of employee edits, each with a message the manager can act on. */
import type { EmployeeReason } from '../model.js';

export class EmployeeExistsError extends Error {
  override readonly name = 'EmployeeExistsError';
  constructor(
    readonly phone: string,
    readonly existingName: string,
  ) {
    super(`An employee with the number ${phone} already exists (${existingName})`);
  }
}

export class EmployeeNotFoundError extends Error {
  override readonly name = 'EmployeeNotFoundError';
  constructor(readonly id: number) {
    super(`No employee with id ${id}`);
  }
}

/**
 * The input cannot be stored (a phone that is not a number, an empty name, a key of the wrong
 * size). `reason` says why as a code, when there is one for it; the message is in English.
 */
export class EmployeeInputError extends Error {
  override readonly name = 'EmployeeInputError';
  constructor(
    message: string,
    readonly reason: EmployeeReason | null = null,
  ) {
    super(message);
  }
}
