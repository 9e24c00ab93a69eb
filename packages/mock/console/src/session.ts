// The API key and the admin token live in sessionStorage: they last as long
// as the tab, and never reach localStorage or a URL.

const KEY = 'persona-mock-console:api-key';
const TOKEN = 'persona-mock-console:admin-token';

export interface Session {
  apiKey: string;
  adminToken?: string;
}

export function loadSession(): Session | undefined {
  const apiKey = sessionStorage.getItem(KEY);
  if (!apiKey) return undefined;
  const adminToken = sessionStorage.getItem(TOKEN) ?? undefined;
  return adminToken ? { apiKey, adminToken } : { apiKey };
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, session.apiKey);
  if (session.adminToken) sessionStorage.setItem(TOKEN, session.adminToken);
  else sessionStorage.removeItem(TOKEN);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(TOKEN);
}

// The mock masks keys the same way in its list of organizations.
export { maskKey } from '../../src/core/mask-key.js';
