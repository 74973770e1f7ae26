/**
 * CSV files the preview prepared for download. Each is fetched once from /download?id=… with
 * Content-Disposition: attachment (a browser download, which Playwright sees, unlike a blob URL
 * clicked by script), then deleted; unfetched ones go when the server closes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PreparedDownload {
  path: string;
  fileName: string;
}

export class PreviewDownloads {
  readonly dir = mkdtempSync(join(tmpdir(), 'attendance-preview-downloads-'));
  readonly #files = new Map<string, PreparedDownload>();

  /** A fresh path inside the download folder for the exporter to write to. */
  newFilePath(): string {
    return join(this.dir, `${randomBytes(12).toString('hex')}.csv`);
  }

  /** Registers a complete file. @returns the id for /download?id=… */
  add(file: PreparedDownload): string {
    const id = randomBytes(16).toString('hex');
    this.#files.set(id, file);
    return id;
  }

  /** Hands a file out once: the entry is forgotten, the caller deletes the file after sending it. */
  take(id: string): PreparedDownload | undefined {
    const file = this.#files.get(id);
    this.#files.delete(id);
    return file;
  }

  dispose(): void {
    this.#files.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `attachment; filename="..."` with an RFC 5987 form for names that are not plain ASCII. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
