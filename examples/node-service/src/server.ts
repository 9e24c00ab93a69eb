import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isPersonaApiError, type PersonaClient } from '@persona-kit/client';
import { parseSignup, type SignupRules, signUp } from './signup.js';
import { createUserStore, type UserStore } from './users.js';
import { receiveWebhook } from './webhooks.js';

export interface ServiceOptions {
  persona: PersonaClient;
  rules: SignupRules;
  /** Where signups and what webhooks say about them are kept; default: a new one in memory. */
  users?: UserStore;
  /**
   * The live secrets of the webhook Persona posts to `/webhooks/persona`. A
   * function, since a service that registers its own webhook learns the secret
   * once it listens.
   */
  webhookSecrets?: () => readonly string[];
  /** Told what each webhook event changed; default: nothing. */
  log?: (message: string) => void;
  /** Where failures are reported; default `console.error`. */
  logError?: (message: string) => void;
}

const MAX_BODY = 64 * 1024;

type Service = ServiceOptions & Required<Pick<ServiceOptions, 'users' | 'logError'>>;

/**
 * The service's HTTP interface: `POST /signup` with a JSON body,
 * `GET /users/{userId}`, and `POST /webhooks/persona` for Persona's events.
 */
export function createSignupServer(options: ServiceOptions): Server {
  const logError = options.logError ?? ((message: string) => console.error(message));
  const service: Service = { ...options, users: options.users ?? createUserStore(), logError };
  return createServer((req, res) => {
    handle(req, res, service).catch((error: unknown) => {
      if (isPersonaApiError(error)) {
        // Persona's answer, with the Request-Id to quote to Persona's support.
        logError(error.message);
        send(res, 502, { error: 'Persona rejected the request', requestId: error.requestId });
      } else {
        logError(`signup failed: ${(error as Error).stack ?? error}`);
        send(res, 500, { error: 'signup failed' });
      }
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: Service) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/webhooks/persona') return webhook(req, res, options);
  const user = /^\/users\/([^/]+)$/.exec(path);
  if (user) return showUser(req, res, options, decodeURIComponent(user[1]!));
  if (path !== '/signup') return send(res, 404, { error: 'not found' });
  if (req.method !== 'POST') return send(res, 405, { error: 'use POST' }, { Allow: 'POST' });
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return send(res, 400, { error: 'the body must be JSON' });
  }
  const signup = parseSignup(body);
  if (typeof signup === 'string') return send(res, 400, { error: signup });
  const result = await signUp(options.persona, signup, options.rules);
  options.users.signedUp(signup.userId, result.accountId, result.inquiryId);
  send(res, result.accountCreated ? 201 : 200, result);
}

async function webhook(req: IncomingMessage, res: ServerResponse, options: Service) {
  if (req.method !== 'POST') return send(res, 405, { error: 'use POST' }, { Allow: 'POST' });
  const secrets = options.webhookSecrets?.() ?? [];
  // Persona retries what is not answered 2xx: nothing is lost while the secret is unknown.
  if (secrets.length === 0) return send(res, 503, { error: 'no webhook secret configured yet' });
  await receiveWebhook(req, res, { ...options, secrets });
}

async function showUser(
  req: IncomingMessage,
  res: ServerResponse,
  options: Service,
  userId: string,
) {
  if (req.method !== 'GET') return send(res, 405, { error: 'use GET' }, { Allow: 'GET' });
  const user = options.users.get(userId);
  if (!user) return send(res, 404, { error: `no user ${userId}` });
  send(res, 200, user);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_BODY) throw new Error('body too large');
  }
  return text;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
