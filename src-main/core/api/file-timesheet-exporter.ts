/**
 * Writes the timesheet of a range to a file (CSV or XLSX), one export at a time, with progress.
 * Like the attendance export (file-csv-exporter.ts), the host decides where the file goes
 * (`chooseFile`: Electron's save dialog, the preview's download folder) and what the renderer is
 * told (`describe`); the file is written to `<file>.partial` and renamed only when complete.
 */
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { ExportProgress, ExportResult, TimesheetExportQuery } from '../../contract/app-api.js';
import { writeTimesheetCsv } from '../export/timesheet-csv.js';
import { writeTimesheetXlsx } from '../export/timesheet-xlsx.js';
import { createPrivateWriteStream } from '../private-files.js';
import { ReasonError } from '../reason-error.js';
import type { AttendanceStore } from '../store/attendance-store.js';
import { errorText } from '../text/error-text.js';
import type { TimesheetExporter } from './timesheet-handlers.js';

export interface FileTimesheetExporterDeps {
  store: AttendanceStore;
  now?: () => number;
  /** The file to write; null when the user cancelled the choice. */
  chooseFile(suggestedName: string): Promise<string | null>;
  describe(file: { path: string; suggestedName: string; rows: number }): ExportResult;
  onProgress(progress: ExportProgress): void;
}

/** `timesheet-2026-11-22-to-2026-12-21.xlsx` */
export function timesheetFileName(query: TimesheetExportQuery): string {
  return `timesheet-${query.from}-to-${query.to}.${query.format}`;
}

export function createFileTimesheetExporter(deps: FileTimesheetExporterDeps): TimesheetExporter {
  let running = false;
  const now = deps.now ?? Date.now;
  return {
    async exportTimesheet(query) {
      if (running) throw new ReasonError({ code: 'export-running' });
      running = true;
      let partial = '';
      try {
        const fileName = timesheetFileName(query);
        const path = await deps.chooseFile(fileName);
        if (path === null) return { kind: 'cancelled' };
        partial = `${path}.partial`;
        const rows = deps.store.iterateTimesheet({ from: query.from, to: query.to, now: now() });
        const file = createPrivateWriteStream(partial);
        const onProgress = (n: number): void => deps.onProgress({ rows: n, total: 0, done: false });
        let written: number;
        try {
          // The XLSX writer ends the file itself; the CSV writer leaves that to its caller.
          written =
            query.format === 'xlsx'
              ? (await writeTimesheetXlsx(rows, file, { language: query.language, onProgress })).rows
              : (await writeTimesheetCsv(rows, file, { onProgress })).rows;
        } finally {
          if (!file.writableEnded) file.end();
          await finished(file).catch(() => undefined);
        }
        await rename(partial, path);
        partial = '';
        deps.onProgress({ rows: written, total: written, done: true });
        return deps.describe({ path, suggestedName: fileName, rows: written });
      } catch (error) {
        if (error instanceof ReasonError) throw error;
        throw new ReasonError({ code: 'export-failed', params: { detail: errorText(error) } });
      } finally {
        if (partial !== '') await rm(partial, { force: true });
        running = false;
      }
    },
  };
}
