/**
 * The window's and the preview's CSV export (core/api/file-csv-exporter.ts) on a real database
 * and real files, under a umask of 022: the exported file is 0600, also when the user chose to
 * overwrite a file that others could read, or a crash left a readable `.partial` behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../src-main/core/store/attendance-store.js';
import { createFileCsvExporter } from '../../../src-main/core/api/file-csv-exporter.js';
import { tempDir } from '../../support/core-harness.js';

describe.skipIf(process.platform === 'win32')('CSV export files', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('are 0600 whatever was at the path before', async () => {
    const old = process.umask(0o022);
    cleanups.push(() => process.umask(old));
    const tmp = tempDir('export-modes-');
    cleanups.push(tmp.cleanup);
    const store = openStore(join(tmp.dir, 'attendance.db'), { defaultCountry: 'IR' });
    cleanups.push(() => store.close());
    expect(statSync(join(tmp.dir, 'attendance.db')).mode & 0o777).toBe(0o600);

    const target = join(tmp.dir, 'november.csv');
    writeFileSync(target, 'old, readable by all', { mode: 0o644 });
    writeFileSync(`${target}.partial`, 'left over', { mode: 0o644 });
    const exporter = createFileCsvExporter({
      store,
      chooseFile: async () => target,
      describe: ({ path, rows }) => ({ kind: 'saved', path, rows }),
      onProgress: () => undefined,
    });
    await exporter.exportCsv({ from: '2026-11-01', to: '2026-11-30' });
    expect(readFileSync(target, 'utf8')).toMatch(/^\ufeffphone,name,status/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });
});
