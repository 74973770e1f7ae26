// @vitest-environment jsdom
/**
 * The renderer's client over Electron's preload: the preload's verbs resolve with the request's
 * outcome (structured-cloned, as IPC and contextBridge copy it), and the client turns a failure into
 * a RequestError that keeps its code and reason, so the window says the reason in its language.
 */
import { describe, expect, it, vi } from 'vitest';
import type { PreloadApi, RequestOutcome } from '../../../../src-main/contract/app-api.js';
import { pushSubscribers, requestNames } from '../../../../src-main/contract/channels.js';
import { failureMessage, failureOf } from '../../../../src-renderer/lib/api/failure.js';
import { createIpcClient } from '../../../../src-renderer/lib/api/ipc-client.js';
import { RequestError } from '../../../../src-renderer/lib/api/request-error.js';
import { i18n } from '../../../../src-renderer/lib/i18n/i18n.svelte.js';

function fakePreload(
  answer: (name: string, arg: unknown) => RequestOutcome,
): PreloadApi & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const api: Record<string, unknown> = { calls };
  for (const name of requestNames) {
    api[name] = async (arg?: unknown) => {
      calls.push([name, arg]);
      return structuredClone(answer(name, arg));
    };
  }
  for (const verb of Object.keys(pushSubscribers)) api[verb] = vi.fn(() => () => {});
  return api as PreloadApi & { calls: [string, unknown][] };
}

describe('IPC client', () => {
  it('has every request and push verb of the contract', () => {
    const client = createIpcClient(fakePreload(() => ({ ok: true, value: null })));
    for (const name of [...requestNames, ...Object.keys(pushSubscribers)]) {
      expect(typeof (client as unknown as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('resolves with the value and passes the argument on', async () => {
    const preload = fakePreload((name) => ({ ok: true, value: { name } }));
    const client = createIpcClient(preload);
    await expect(client.listMessages({ limit: 5 })).resolves.toEqual({ name: 'listMessages' });
    expect(preload.calls).toEqual([['listMessages', { limit: 5 }]]);
  });

  it('rejects with the failure code and reason, which the window says in Persian', async () => {
    const message = 'Fill in these settings and save them before connecting: key.';
    const client = createIpcClient(
      fakePreload(() => ({
        ok: false,
        error: { message, code: 'failed', reason: { code: 'settings-incomplete', params: { fields: 'key' } } },
      })),
    );
    const error: unknown = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ message, code: 'failed', reason: { code: 'settings-incomplete' } });

    const failure = failureOf(error);
    i18n.language = 'fa';
    try {
      const words = failureMessage(failure, i18n.t.errors.generic);
      expect(words).toBe(i18n.t.reasons['settings-incomplete']({ fields: i18n.t.settings.fields.key }));
      expect(words).toMatch(/[\u0600-\u06FF]/);
    } finally {
      i18n.language = 'en';
    }
  });

  it('keeps a failure without a reason in the main process words', async () => {
    const client = createIpcClient(
      fakePreload(() => ({ ok: false, error: { message: 'The request is not allowed.', code: 'refused' } })),
    );
    const error = await client.getSettings().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'refused', message: 'The request is not allowed.' });
    expect(failureMessage(failureOf(error), 'generic')).toBe('The request is not allowed.');
  });

  it('passes push subscriptions through to the preload', () => {
    const preload = fakePreload(() => ({ ok: true, value: null }));
    const client = createIpcClient(preload);
    const callback = vi.fn();
    client.onMessages(callback);
    expect(preload.onMessages).toHaveBeenCalledWith(callback);
  });
});
