import type { ExportQuery, ExportResult } from '../../contract/app-api.js';

/**
 * Where an export goes is the host's business: Electron asks with the native save dialog and writes
 * the file; the preview writes a temporary file the browser then downloads. Both report progress
 * through the push batcher and honour `cancel()`.
 */
export interface CsvExporter {
  exportCsv(query: ExportQuery): Promise<ExportResult>;
  /** Stops the running export (if any); its `exportCsv` then resolves `{ kind: 'cancelled' }`. */
  cancel(): void;
}
