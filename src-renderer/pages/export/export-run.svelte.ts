/**
 * The Export view's state: the range asked for, the export running (with its progress as the main
 * process reports it), how it ended, and a failure of the export or of cancelling it.
 */
import type { AppApi, ExportProgress, ExportResult } from '../../../src-main/contract/app-api.js';
import { Action } from '../../lib/state/action.svelte.js';

export class ExportRun {
  /** First and last day, YYYY-MM-DD; empty: open-ended. */
  from = $state('');
  to = $state('');
  progress = $state.raw<ExportProgress | null>(null);
  result = $state.raw<ExportResult | null>(null);
  readonly exporting = new Action();
  readonly cancelling = new Action();
  readonly badRange: boolean = $derived(this.from !== '' && this.to !== '' && this.from > this.to);

  constructor(private readonly api: AppApi) {}

  get running(): boolean {
    return this.exporting.busy;
  }

  get error() {
    return this.exporting.error ?? this.cancelling.error;
  }

  /** Follows the progress pushes while an export runs. */
  start(): () => void {
    return this.api.onExportProgress((p) => {
      if (this.running) this.progress = p;
    });
  }

  async export(): Promise<void> {
    if (this.badRange) return;
    this.progress = null;
    this.result = null;
    this.cancelling.clear();
    const query = { ...(this.from ? { from: this.from } : {}), ...(this.to ? { to: this.to } : {}) };
    await this.exporting.run(async () => {
      this.result = await this.api.exportCsv(query);
    });
  }

  async cancel(): Promise<void> {
    await this.cancelling.run(() => this.api.cancelExport());
  }
}
