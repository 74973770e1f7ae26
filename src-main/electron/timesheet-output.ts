/**
 * The timesheet leaves the desktop app through the native save dialog: its CSV or XLSX export
 * (written by the core's file-timesheet-exporter.ts) and its printed page, a PDF that Electron's
 * printToPDF makes of the window (the renderer has put its print sheet in the page first).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
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

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

async function chooseFile(deps: TimesheetOutputDeps, title: string, suggestedName: string): Promise<string | null> {
  const extension = suggestedName.slice(suggestedName.lastIndexOf('.') + 1);
  const filter = FILTERS[extension];
  const options = {
    title,
    defaultPath: join(deps.defaultDir(), suggestedName),
    filters: filter ? [filter] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
  };
  const parent = deps.window();
  const choice =
    parent && !parent.isDestroyed()
      ? await dialog.showSaveDialog(parent, options)
      : await dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}

export function createSaveDialogTimesheetExporter(deps: TimesheetOutputDeps): TimesheetExporter {
  return createFileTimesheetExporter({
    store: deps.store,
    onProgress: deps.onProgress,
    chooseFile: (suggestedName) => chooseFile(deps, 'Export the timesheet', suggestedName),
    describe: ({ path, rows }) => ({ kind: 'saved', path, rows }),
  });
}

/** Prints the window (its print styles) to a PDF where the user picks. */
export async function printWindowToPdf(deps: TimesheetOutputDeps, suggestedName: string): Promise<PrintResult> {
  const window = deps.window();
  if (!window || window.isDestroyed()) return { kind: 'cancelled' };
  const pdf = await window.webContents.printToPDF({ landscape: true, printBackground: true, pageSize: 'A4' });
  const path = await chooseFile(deps, 'Save the timesheet as PDF', suggestedName);
  if (path === null) return { kind: 'cancelled' };
  await writeFile(path, pdf);
  return { kind: 'saved', path };
}
