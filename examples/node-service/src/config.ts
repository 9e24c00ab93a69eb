import type { SignupRules } from './signup.js';

/** The local mock's address (`pnpm mock`); a real sandbox is `https://api.withpersona.com/api/v1`. */
export const LOCAL_MOCK_URL = 'http://127.0.0.1:4010/api/v1';

/** Ids from the mock's default seed; a real organization has its own (set them in the environment). */
export const MOCK_SEED_IDS = {
  inquiryTemplateId: 'itmpl_GovernmentId000000000000',
  caseTemplateId: 'ctmpl_Review000000000000000000',
  caseQueueId: 'cqueue_General00000000000000000',
} as const;

export interface ServiceConfig {
  apiKey: string;
  baseUrl: string;
  host: string;
  port: number;
  rules: SignupRules;
  /** The webhook's live secrets (`PERSONA_WEBHOOK_SECRET`, comma-separated while one is rotated). */
  webhookSecrets: string[];
  /**
   * Register a webhook to this service at start and archive it at exit: when no
   * secret is given and Persona is the local mock, which can reach the service.
   */
  registerWebhook: boolean;
}

/** Reads the configuration from the environment; throws with what is missing or wrong. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const baseUrl = env.PERSONA_BASE_URL || LOCAL_MOCK_URL;
  const againstMock = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(baseUrl).hostname);
  // The mock takes any key; a real sandbox needs yours.
  const apiKey = env.PERSONA_API_KEY || (againstMock ? 'local-mock-key' : '');
  if (!apiKey) throw new Error(`PERSONA_API_KEY is required for ${baseUrl}`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be 0..65535');
  const webhookSecrets = (env.PERSONA_WEBHOOK_SECRET ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  const caseQueueId = env.PERSONA_CASE_QUEUE_ID ?? (againstMock ? MOCK_SEED_IDS.caseQueueId : '');
  return {
    apiKey,
    baseUrl,
    host: env.HOST || '127.0.0.1',
    port,
    webhookSecrets,
    registerWebhook: webhookSecrets.length === 0 && againstMock,
    rules: {
      inquiryTemplateId: env.PERSONA_INQUIRY_TEMPLATE_ID || MOCK_SEED_IDS.inquiryTemplateId,
      caseTemplateId: env.PERSONA_CASE_TEMPLATE_ID || MOCK_SEED_IDS.caseTemplateId,
      ...(caseQueueId ? { caseQueueId } : {}),
      reviewCountries: (env.REVIEW_COUNTRIES ?? 'KP,IR,SY,CU')
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    },
  };
}
