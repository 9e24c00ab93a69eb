/** What one log line describes. The API key and request headers are never part of it. */
export interface PersonaLogFields {
  method: string;
  url: string;
  attempt: number;
  status?: number;
  requestId?: string;
  idempotencyKey?: string;
  delayMs?: number;
  reason?: string;
}

/**
 * A debug hook: `console` fits, and so do pino or winston loggers.
 * Called once per attempt, once per response, and once per scheduled retry.
 */
export interface PersonaLogger {
  debug(message: string, fields: PersonaLogFields): void;
}
