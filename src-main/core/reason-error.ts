/** An error that says why as a reason code (core/model.ts); its message is the reason in English. */
import type { Reason } from './model.js';
import { describeReason } from './describe.js';

export class ReasonError extends Error {
  override readonly name = 'ReasonError';
  constructor(readonly reason: Reason) {
    super(describeReason(reason));
  }
}
