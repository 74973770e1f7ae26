/**
 * The timesheet leaves the desktop app through the native save dialog: its CSV or XLSX export
 * (written by the core's file-timesheet-exporter.ts) and its printed page, a PDF that Electron's
 * printToPDF makes of the window (the renderer has put its print sheet in the page first).
 */
import { writeFile } from 'node:fs/promises';
import type { BrowserWindow } from 'electron';
import { chooseSavePath } from './save-dialog-exporter.js';
import type { ExportProgress, PrintResult } from '../contract/app-api.js';
import { createFileTimesheetExporter } from '../core/api/file-timesheet-exporter.js';
import type { TimesheetExporter } from '../core/api/timesheet-handlers.js';
import type { AttendanceStore } from '../core/store/attendance-store.js';

export interface TimesheetOutputDeps {
  store: AttendanceStore;
  window: () => BrowserWindow | null;
  onProgress: (progress: ExportProgress) => void;
  /** The folder the dialog opens in (the user's documents). */
  defaultDir: () => string;
}

export function createSaveDialogTimesheetExporter(deps: TimesheetOutputDeps): TimesheetExporter {
  return createFileTimesheetExporter({
    store: deps.store,
    onProgress: deps.onProgress,
    chooseFile: (suggestedName) => chooseSavePath(deps, suggestedName, 'Export the timesheet'),
    describe: ({ path, rows }) => ({ kind: 'saved', path, rows }),
  });
}

/** Prints the window (its print styles) to a PDF where the user picks. */
export async function printWindowToPdf(deps: TimesheetOutputDeps, suggestedName: string): Promise<PrintResult> {
  const window = deps.window();
  if (!window || window.isDestroyed()) return { kind: 'cancelled' };
  const pdf = await window.webContents.printToPDF({ landscape: true, printBackground: true, pageSize: 'A4' });
  const path = await chooseSavePath(deps, suggestedName, 'Save the timesheet as PDF');
  if (path === null) return { kind: 'cancelled' };
  await writeFile(path, pdf);
  return { kind: 'saved', path };
}
