/** Errors of employee edits, each with a message the manager can act on. */
import type { EmployeeReason } from '../model.js';
import { describeReason } from '../describe.js';

export class EmployeeExistsError extends Error {
  override readonly name = 'EmployeeExistsError';
  readonly reason: EmployeeReason;
  constructor(
    readonly phone: string,
    readonly existingName: string,
  ) {
    const reason: EmployeeReason = { code: 'employee-exists', params: { phone, name: existingName } };
    super(describeReason(reason));
    this.reason = reason;
  }
}

export class EmployeeNotFoundError extends Error {
  override readonly name = 'EmployeeNotFoundError';
  readonly reason: EmployeeReason;
  constructor(readonly id: number) {
    const reason: EmployeeReason = { code: 'employee-not-found', params: { id } };
    super(describeReason(reason));
    this.reason = reason;
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
