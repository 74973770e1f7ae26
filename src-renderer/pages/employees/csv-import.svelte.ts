/** An employee CSV import: running, and its report (rows added, updated, and the lines refused). */
import type { AppApi, ImportReport } from '../../../src-main/contract/app-api.js';
import { Action } from '../../lib/state/action.svelte.js';

export class CsvImport {
  report = $state.raw<ImportReport | null>(null);
  readonly importing = new Action();

  constructor(private readonly api: AppApi) {}

  /** Imports the file's text; resolves true when the main process took it (even with refused lines). */
  async run(file: File): Promise<boolean> {
    this.report = null;
    return this.importing.run(async () => {
      this.report = await this.api.importEmployeesCsv(await file.text());
    });
  }
}
