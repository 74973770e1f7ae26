/**
 * The AppApi over Electron's preload. The preload's verbs resolve with the request's outcome (an
 * Error crossing contextBridge would keep only its message); here a failure becomes a RequestError
 * with its code and reason, exactly as the preview's WebSocket client rejects, so the views see
 * one behaviour whichever transport carries them.
 */
import type { AppApi, PreloadApi } from '../../../src-main/contract/app-api.js';
import { pushSubscribers, requestNames } from '../../../src-main/contract/channels.js';
import { RequestError } from './request-error.js';

export function createIpcClient(preload: PreloadApi): AppApi {
  const api: Record<string, unknown> = {};
  for (const name of requestNames) {
    api[name] = async (arg?: unknown) => {
      const outcome = await preload[name](arg);
      if (outcome.ok) return outcome.value;
      throw new RequestError(outcome.error.message, outcome.error.code, outcome.error.reason);
    };
  }
  for (const verb of Object.keys(pushSubscribers) as (keyof typeof pushSubscribers)[]) {
    api[verb] = preload[verb].bind(preload);
  }
  // Built from the contract's own lists, so every verb of AppApi is present; TypeScript cannot see
  // that through the loops, hence the one cast.
  return api as AppApi;
}
