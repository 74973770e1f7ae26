/**
 * A thrown value in words: an Error's message, a thrown string, or `fallback` when neither says
 * anything. Pure, no Node APIs: the core's logs and the renderer's error lines both use it.
 */
export function errorText(error: unknown, fallback: string = String(error)): string {
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  return fallback;
}
