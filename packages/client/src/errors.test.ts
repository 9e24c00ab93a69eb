import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPersonaClient } from './client.js';
import { isPersonaApiError, PersonaApiError } from './errors.js';
import { account, accountId, errorDocument } from './test-support/fixtures.js';
import { API_KEY, BASE_URL, useMswServer } from './test-support/msw.js';
import { expectData, unwrap } from './unwrap.js';

const server = useMswServer();
const id = accountId(3);
const client = () => createPersonaClient({ apiKey: API_KEY, baseUrl: BASE_URL, retry: false });
const getAccount = () =>
  client().GET('/accounts/{account-id}', { params: { path: { 'account-id': id } } });

function answer(status: number, body: string | object, headers: Record<string, string> = {}) {
  server.use(
    http.get(`${BASE_URL}/accounts/:id`, () =>
      typeof body === 'string'
        ? new HttpResponse(body, { status, headers: { 'Content-Type': 'text/html', ...headers } })
        : HttpResponse.json(body as Record<string, unknown>, { status, headers }),
    ),
  );
}

describe('unwrap and expectData', () => {
  it('return the data of a success', async () => {
    answer(200, { data: account(id) });
    expect(unwrap(await getAccount()).data.id).toBe(id);
    expect((await expectData(getAccount())).data.id).toBe(id);
  });

  it("throw a PersonaApiError that carries Persona's errors and the Request-Id", async () => {
    answer(404, errorDocument('Record not found', `Could not find account with id ${id}`), {
      'Request-Id': 'req_3hFvWFiRBKmCSvJRtAbqXn5E',
    });

    const error = await expectData(getAccount()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PersonaApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'PersonaApiError',
      status: 404,
      errors: [{ title: 'Record not found', details: `Could not find account with id ${id}` }],
      requestId: 'req_3hFvWFiRBKmCSvJRtAbqXn5E',
      method: 'GET',
      url: `${BASE_URL}/accounts/${id}`,
    });
    expect(String(error)).toBe(
      `PersonaApiError: Persona API 404 on GET ${BASE_URL}/accounts/${id} — Record not found: Could not find account with id ${id} [Request-Id req_3hFvWFiRBKmCSvJRtAbqXn5E]`,
    );
    expect((error as Error).stack).toMatch(/^PersonaApiError: Persona API 404/);
  });

  it('keep every error of the document', async () => {
    answer(422, { errors: [{ title: 'a' }, { title: 'b', details: 'c' }] });
    await expect(expectData(getAccount())).rejects.toMatchObject({
      status: 422,
      errors: [{ title: 'a' }, { title: 'b', details: 'c' }],
    });
  });

  it('still throw, with no errors, when the body is not an error document', async () => {
    answer(502, '<html>Bad Gateway</html>');
    const error = await expectData(getAccount()).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, errors: [], requestId: undefined });
  });

  it('serialize to JSON with every field', async () => {
    answer(409, errorDocument('Conflict'), { 'Request-Id': 'req_1' });
    const error = await expectData(getAccount()).catch((e: unknown) => e);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'PersonaApiError',
      message: expect.stringContaining('409'),
      status: 409,
      errors: [{ title: 'Conflict' }],
      requestId: 'req_1',
      method: 'GET',
      url: `${BASE_URL}/accounts/${id}`,
    });
  });
});

describe('isPersonaApiError', () => {
  it('tells API errors from other errors', () => {
    const error = new PersonaApiError({
      status: 400,
      errors: [],
      requestId: undefined,
      method: 'GET',
      url: BASE_URL,
    });
    expect(isPersonaApiError(error)).toBe(true);
    expect(isPersonaApiError(new Error('x'))).toBe(false);
    expect(isPersonaApiError({ name: 'PersonaApiError', status: 400, errors: [] })).toBe(false);
  });

  it('recognizes an error from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), { status: 500, errors: [] });
    Object.defineProperty(foreign, 'name', { value: 'PersonaApiError' });
    expect(isPersonaApiError(foreign)).toBe(true);
  });
});
