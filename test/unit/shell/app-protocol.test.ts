/**
 * The app:// scheme that serves the window's page (src-main/electron/app-protocol.ts), on a real
 * folder: the files of dist/renderer with their types and the CSP header, nothing else, however
 * the path is spelt.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/core-harness.js';

vi.mock('electron', () => ({ protocol: {} }));
const { APP_INDEX_URL, appResponse, isAppUrl, resolveAppFile } =
  await import('../../../src-main/electron/app-protocol.js');

describe('the app:// scheme', () => {
  const tmp = tempDir('app-scheme-');
  const renderer = join(tmp.dir, 'dist', 'renderer');
  const CSP = "default-src 'none'";

  beforeAll(() => {
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(tmp.dir, 'dist', 'secret.txt'), 'outside');
    writeFileSync(join(tmp.dir, 'settings.json'), '{"password":"x"}');
    mkdirSync(join(renderer, 'folder'));
  });
  afterAll(() => tmp.cleanup());

  it('resolves the page and its assets inside dist/renderer', async () => {
    expect(APP_INDEX_URL).toBe('app://renderer/index.html');
    expect(await resolveAppFile(renderer, 'app://renderer/index.html')).toBe(join(renderer, 'index.html'));
    expect(await resolveAppFile(renderer, 'app://renderer/')).toBe(join(renderer, 'index.html'));
    expect(await resolveAppFile(renderer, 'app://renderer/assets/index-abc.js?v=1#x')).toBe(
      join(renderer, 'assets', 'index-abc.js'),
    );
    expect(await resolveAppFile(renderer, 'app://renderer/assets/../index.html')).toBe(join(renderer, 'index.html'));
  });

  it.each([
    'app://renderer/../secret.txt',
    'app://renderer/../../settings.json',
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/%2E%2E/%2E%2E/settings.json',
    'app://renderer/..%2fsecret.txt',
    'app://renderer/assets/..%2f..%2fsecret.txt',
    'app://renderer/..%5csecret.txt',
    'app://renderer/index.html%00.js',
    'app://renderer/%E0%A4%A',
    'app://renderer/folder',
    'app://renderer/missing.js',
    'app://elsewhere/index.html',
    'app://renderer.evil/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', async (url) => {
    expect(await resolveAppFile(renderer, url)).toBeNull();
    const res = await appResponse(renderer, url, CSP);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside');
  });

  it('serves a file with its type, the CSP header and nosniff', async () => {
    const res = await appResponse(renderer, 'app://renderer/assets/index-abc.js', CSP);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
    const page = await appResponse(renderer, 'app://renderer/index.html', CSP);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
  });

  it('knows its own URLs', () => {
    expect(isAppUrl('app://renderer/index.html#/export')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///x/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl('https://renderer/index.html')).toBe(false);
  });
});
