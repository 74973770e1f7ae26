/**
 * A request that failed, as view state: a code to decide on, and the main process's message to
 * show. The preview transport keeps the server's code (`failed`, `invalid-argument`, ...) and adds
 * its own (`transport`, `timeout`); Electron's contextBridge passes the message only, so there the
 * code is `failed`. An empty message is shown as the dictionary's generic error.
 */
export interface Failure {
  code: string;
  message: string;
}

export function failureOf(error: unknown): Failure {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'failed';
  if (error instanceof Error) return { code, message: error.message.trim() };
  return { code, message: typeof error === 'string' ? error.trim() : '' };
}

/** The failure's message, or `generic` (the dictionary's) when the failure came without one. */
export function failureMessage(failure: Failure, generic: string): string {
  return failure.message === '' ? generic : failure.message;
}
