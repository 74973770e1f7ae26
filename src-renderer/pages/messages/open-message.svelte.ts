/** The details of the message picked in the log (read again when its acknowledgement changes). */
import type { AppApi } from '../../../src-main/contract/app-api.js';
import type { MessageDetail } from '../../../src-main/contract/domain.js';
import { Loader } from '../../lib/state/loader.svelte.js';

export class OpenMessage {
  /** null: the message is no longer in the database. */
  readonly detail = new Loader<MessageDetail | null>();

  constructor(private readonly api: AppApi) {}

  /** Reads message `id`'s details; undefined: none picked. */
  show(id: number | undefined): void {
    if (id === undefined) this.detail.clear();
    else void this.detail.load(() => this.api.getMessage(id));
  }

  /** The answer held is message `id`'s (not the one picked before), or that it is gone. */
  answers(id: number | undefined): boolean {
    const value = this.detail.value;
    return value === null ? !this.detail.loading : value !== undefined && value.id === id;
  }
}
