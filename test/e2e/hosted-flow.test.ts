// The hosted-flow stand-in in a real browser: a one-time link from the HTTP
// mock is opened in headless Chromium, the person passes the government ID
// step with the keyboard and submits, and lands on the inquiry's redirect URI.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedIds } from '@persona-kit/mock';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  chromiumPath,
  chromiumSkipReason,
  launchChromium,
} from '../../examples/frontend/test/harness.js';

const executablePath = chromiumPath();
const skipReason = chromiumSkipReason('hosted-flow');

const KEY = 'hosted-flow-e2e';

describe.skipIf(skipReason !== null)('hosted-flow stand-in in Chromium', () => {
  let mock: MockServer;
  let app: Server;
  let appUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    mock = await startMockServer({ port: 0 });
    // The customer's app the flow redirects to.
    app = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>App</title><h1>Back in the app</h1>');
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/verified`;
    browser = await launchChromium(executablePath!);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
    await mock?.close();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${mock.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: await response.json() };
  };

  it('passes government ID, submits, is redirected; the default workflow approves the inquiry', async () => {
    const created = await api('POST', '/inquiries', {
      data: {
        attributes: {
          'inquiry-template-id': seedIds.inquiryTemplates.governmentId,
          'redirect-uri': appUrl,
        },
      },
      meta: { 'auto-create-account-reference-id': 'e2e-person-1' },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.data.id;
    const linked = await api('POST', `/inquiries/${id}/generate-one-time-link`);
    expect(linked.status).toBe(200);
    const link: string = linked.body.meta['one-time-link'];
    expect(link.startsWith(`${mock.url}/__mock/flow/`)).toBe(true);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(link);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Government ID');
    // Keyboard only: focus the first radio, pick Pass, tab to Submit, press Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: 'Pass' }).isChecked()).toBe(true);
    // A radio group is one tab stop: the next Tab reaches Submit.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Submit');
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(appUrl)),
      page.keyboard.press('Enter'),
    ]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('inquiry-id')).toBe(id);
    expect(await page.getByRole('heading').textContent()).toBe('Back in the app');
    expect(problems).toEqual([]);

    const inquiry = (await api('GET', `/inquiries/${id}`)).body.data;
    expect(inquiry.attributes.status).toBe('approved');
    expect(landed.searchParams.get('status')).toBe('approved');

    // The link is single-use.
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    await page.close();
  }, 60_000);
});
