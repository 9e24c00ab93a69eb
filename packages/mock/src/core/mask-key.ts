/** An API key as the mock shows it anywhere but in a request: its last four characters. */
export function maskKey(apiKey: string): string {
  return apiKey.length <= 4 ? '••••' : `••••${apiKey.slice(-4)}`;
}
