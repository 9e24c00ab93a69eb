import { isLoopbackHost } from './loopback.js';

/** The environment variable that carries the admin token, so it stays out of `ps` listings. */
export const ADMIN_TOKEN_ENV = 'PERSONA_MOCK_ADMIN_TOKEN';

/**
 * The CLI's admin token: `--admin-token`, else the environment variable.
 * Throws when the host is reachable beyond this machine and no token is given,
 * since anyone on the network could then read or wipe every organization.
 */
export function adminTokenFor(
  host: string,
  flag: string | undefined,
  env: Record<string, string | undefined>,
): string | undefined {
  const token = flag ?? (env[ADMIN_TOKEN_ENV] || undefined);
  if (token !== undefined && token.trim() === '') {
    throw new Error('--admin-token must not be empty');
  }
  if (token === undefined && !isLoopbackHost(host)) {
    throw new Error(
      `--host ${host} makes the control plane under /__mock/ reachable from other machines, ` +
        `where anyone could read or wipe every organization. Give a token with --admin-token <token> ` +
        `or the ${ADMIN_TOKEN_ENV} environment variable (which keeps it out of ps), and send it as ` +
        `Persona-Mock-Admin-Token; or listen on 127.0.0.1.`,
    );
  }
  return token;
}
