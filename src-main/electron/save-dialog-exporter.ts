/** Exports through the native save dialog (Electron), with progress pushed and cancel honoured. */
import { join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import type { ExportProgress } from '../contract/app-api.js';
import type { CsvExporter } from '../core/api/csv-exporter.js';
import { createFileCsvExporter } from '../core/api/file-csv-exporter.js';
import type { AttendanceStore } from '../core/store/attendance-store.js';

export interface SaveDialogExporterDeps {
  store: AttendanceStore;
  window: () => BrowserWindow | null;
  onProgress: (progress: ExportProgress) => void;
  /** The folder the dialog opens in (the user's documents). */
  defaultDir: () => string;
}

/** The dialog's file type, by the suggested name's extension. */
const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** Asks where to save a file with the native save dialog; null when the user cancelled. */
export async function chooseSavePath(
  deps: Pick<SaveDialogExporterDeps, 'window' | 'defaultDir'>,
  suggestedName: string,
  title = 'Export attendance',
): Promise<string | null> {
  const filter = FILTERS[suggestedName.slice(suggestedName.lastIndexOf('.') + 1)];
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

export function createSaveDialogExporter(deps: SaveDialogExporterDeps): CsvExporter {
  return createFileCsvExporter({
    store: deps.store,
    onProgress: deps.onProgress,
    chooseFile: (suggestedName) => chooseSavePath(deps, suggestedName),
    describe: ({ path, rows }) => ({ kind: 'saved', path, rows }),
  });
}
