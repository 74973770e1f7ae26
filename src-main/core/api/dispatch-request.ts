/**
 * The one gate every request from a renderer passes, whatever the transport: the name must be a
 * request of the contract and the argument must satisfy its schema before the core is called.
 * Failures come back as data ({@link RequestOutcome}), never as an exception.
 */
import { z } from 'zod';
import { requestSchemas, type RequestName } from '../../contract/app-api.js';
import type { RequestHandlers } from './request-handlers.js';
import type { RequestOutcome } from './request-outcome.js';
import type { Reason } from '../model.js';
import { errorText } from '../text/error-text.js';

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requestSchemas, name);
}

export async function dispatchRequest(handlers: RequestHandlers, name: unknown, arg: unknown): Promise<RequestOutcome> {
  if (!isRequestName(name)) {
    return {
      ok: false,
      error: {
        code: 'unknown-request',
        message: `there is no request named ${JSON.stringify(String(name)).slice(0, 80)}`,
      },
    };
  }
  const parsed = requestSchemas[name].safeParse(arg);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-argument', message: `${name}: ${z.prettifyError(parsed.error)}` } };
  }
  try {
    // The schema and the handler are looked up by the same name; TypeScript cannot correlate the
    // two indexed accesses, so the handler is called through a widened signature.
    const handler = handlers[name] as (arg: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    const reason = (error as { reason?: Reason | null } | null)?.reason;
    return { ok: false, error: { code: 'failed', message: errorText(error), ...(reason ? { reason } : {}) } };
  }
}
