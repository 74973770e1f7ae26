/**
 * Writes an attendance export to a file, one export at a time, with progress and cancel. The host
 * decides where the file goes (`chooseFile`) and what the renderer is told once it is complete
 * (`describe`): Electron asks with the save dialog, the preview offers a download. The CSV is
 * written to `<file>.partial` and renamed only when complete, so a cancelled or failed export
 * never leaves a truncated file under the name the user chose.
 */
import { createPrivateWriteStream } from '../private-files.js';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { ExportProgress, ExportQuery, ExportResult } from '../../contract/app-api.js';
import { exportAttendanceCsv } from '../export/attendance-csv.js';
import { dayRange } from '../export/day-range.js';
import type { AttendanceStore } from '../store/attendance-store.js';
import type { CsvExporter } from './csv-exporter.js';
import { ReasonError } from '../reason-error.js';
import { errorText } from '../text/error-text.js';

export interface FileCsvExporterDeps {
  store: AttendanceStore;
  /** The file to write; null when the user cancelled the choice. */
  chooseFile(suggestedName: string): Promise<string | null>;
  /** `suggestedName` is what `chooseFile` was offered; `path` is where the complete file now is. */
  describe(file: { path: string; suggestedName: string; rows: number }): ExportResult;
  onProgress(progress: ExportProgress): void;
}

/** `attendance-2026-11-01-to-2026-11-30.csv`, `attendance-from-2026-11-01.csv`, `attendance-all.csv`. */
export function exportFileName(query: ExportQuery): string {
  if (query.from && query.to)
    return query.from === query.to ? `attendance-${query.from}.csv` : `attendance-${query.from}-to-${query.to}.csv`;
  if (query.from) return `attendance-from-${query.from}.csv`;
  if (query.to) return `attendance-until-${query.to}.csv`;
  return 'attendance-all.csv';
}

export function createFileCsvExporter(deps: FileCsvExporterDeps): CsvExporter {
  let running: AbortController | null = null;

  return {
    async exportCsv(query) {
      if (running) throw new ReasonError({ code: 'export-running' });
      const range = dayRange(query.from, query.to);
      const controller = new AbortController();
      running = controller;
      const partial = { path: '' };
      try {
        const fileName = exportFileName(query);
        const path = await deps.chooseFile(fileName);
        if (path === null || controller.signal.aborted) return { kind: 'cancelled' };
        partial.path = `${path}.partial`;
        const file = createPrivateWriteStream(partial.path);
        let result: { rows: number };
        try {
          result = await exportAttendanceCsv(deps.store, range, file, {
            signal: controller.signal,
            onProgress: (rows: number, total: number) => deps.onProgress({ rows, total, done: false }),
          });
        } finally {
          file.end();
          await finished(file).catch(() => undefined);
        }
        if (controller.signal.aborted) return { kind: 'cancelled' };
        await rename(partial.path, path);
        partial.path = '';
        deps.onProgress({ rows: result.rows, total: result.rows, done: true });
        return deps.describe({ path, suggestedName: fileName, rows: result.rows });
      } catch (error) {
        if (controller.signal.aborted) return { kind: 'cancelled' };
        throw new ReasonError({ code: 'export-failed', params: { detail: errorText(error) } });
      } finally {
        if (partial.path !== '') await rm(partial.path, { force: true });
        if (running === controller) running = null;
        if (controller.signal.aborted) deps.onProgress({ rows: 0, total: 0, done: true });
      }
    },
    cancel() {
      running?.abort();
    },
  };
}
