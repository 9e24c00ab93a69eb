/** Request header that turns the client's retries off for one call; never sent on. */
export const NO_RETRY_HEADER = 'X-Persona-Kit-Retry';

/** Headers for a call that gets one attempt: `client.GET('/accounts', { headers: noRetry })`. */
export const noRetry: Readonly<Record<typeof NO_RETRY_HEADER, 'off'>> = Object.freeze({
  [NO_RETRY_HEADER]: 'off',
});

/** Whether the caller turned retries off for this request; removes the marker header. */
export function takeNoRetry(request: Request): boolean {
  const off = request.headers.get(NO_RETRY_HEADER)?.toLowerCase() === 'off';
  request.headers.delete(NO_RETRY_HEADER);
  return off;
}
