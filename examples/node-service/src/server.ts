import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isPersonaApiError, type PersonaClient } from '@persona-kit/client';
import { parseSignup, type SignupRules, signUp } from './signup.js';

export interface ServiceOptions {
  persona: PersonaClient;
  rules: SignupRules;
  /** Where failures are reported; default `console.error`. */
  logError?: (message: string) => void;
}

const MAX_BODY = 64 * 1024;

/** The service's HTTP interface: `POST /signup` with a JSON body. */
export function createSignupServer(options: ServiceOptions): Server {
  const logError = options.logError ?? ((message: string) => console.error(message));
  return createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
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

async function handle(req: IncomingMessage, res: ServerResponse, options: ServiceOptions) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
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
  send(res, result.accountCreated ? 201 : 200, result);
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
