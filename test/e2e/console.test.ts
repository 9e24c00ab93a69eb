// The mock's console in a real browser: served by persona-mock at /__mock/,
// signed in with a key, following the API's changes live through the event
// stream, and accessible (axe-core: no serious or critical violations).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedIds } from '@persona-kit/mock';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  chromiumPath,
  chromiumSkipReason,
  launchChromium,
  type Page,
} from '../../examples/frontend/test/harness.js';
import { buildConsole, seriousViolations } from './console-harness.js';

const executablePath = chromiumPath();
const skipReason = chromiumSkipReason('console');

const results = fileURLToPath(new URL('../../test-results/', import.meta.url));
const KEY = 'key-console-e2e';
const TOKEN = 'console-admin-token';

describe.skipIf(skipReason !== null)('the mock console in Chromium', () => {
  let outDir: string;
  let server: MockServer | undefined;
  let guarded: MockServer | undefined;
  let receiver: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'persona-kit-console-'));
    await buildConsole(outDir);
    server = await startMockServer({ port: 0, consoleDir: outDir });
    guarded = await startMockServer({
      port: 0,
      consoleDir: outDir,
      adminToken: TOKEN,
      requireAdminToken: true,
    });
    // A webhook receiver that accepts everything, so deliveries have somewhere to go.
    receiver = createServer((_req, res) => res.writeHead(200).end('ok'));
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    await mkdir(results, { recursive: true });
    browser = await launchChromium(executablePath!);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // A mock without the object-state route answers 404 there; the console says so in the page.
      if (message.type() === 'error' && !message.location().url.includes('/__mock/objects/')) {
        pageErrors.push(message.text());
      }
    });
    page.setDefaultTimeout(10_000);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await guarded?.close();
    await new Promise((resolve) => receiver?.close(resolve));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
  const byTestId = (id: string) => page.getByTestId(id);
  const api = (path: string, body?: unknown) =>
    fetch(`${server!.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (response) => ({ status: response.status, body: await response.json() }));
  const createAccount = async (referenceId: string) => {
    const created = await api('/accounts', {
      data: { attributes: { 'reference-id': referenceId } },
    });
    expect(created.status).toBe(201);
    return created.body.data.id as string;
  };
  /** A screenshot into test-results/, and axe-core's verdict on the view. */
  const check = async (name: string) => {
    await page.screenshot({ path: join(results, `console-${name}.png`), fullPage: true });
    expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  };
  const go = async (hash: string, heading: string | RegExp) => {
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
    await eventually(() => page.locator('h1').textContent()).toMatch(heading);
  };

  it('signs in by keyboard, shows the organization, and follows new accounts live', async () => {
    await page.goto(`${server!.url}/__mock/`);
    await page.locator('body[data-ready="true"]').waitFor();
    await check('sign-in');

    // Keyboard only: Tab to the key field, type, Enter.
    for (
      let i = 0;
      i < 10 && !(await byTestId('api-key').evaluate((e) => e === document.activeElement));
      i++
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(KEY);
    expect(await byTestId('api-key').getAttribute('type')).toBe('password');
    await page.keyboard.press('Enter');
    await eventually(() => byTestId('org-id').textContent()).toMatch(/^org_/);
    expect(await byTestId('masked-key').textContent()).toBe(`••••${KEY.slice(-4)}`);
    expect(await page.content()).not.toContain(KEY);
    const state = await fetch(`${server!.url}/__mock/state`, {
      headers: { Authorization: `Bearer ${KEY}` },
    }).then((r) => r.json());
    expect(await byTestId('org-plan').textContent()).toBe(state.plan);
    await eventually(() => byTestId('stream-state').textContent()).toBe('live');
    await check('organization');

    // The list follows the API without a reload: the marker would vanish with one.
    await go('#/resources/accounts', 'Accounts');
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    const referenceId = `live-${Date.now().toString(36)}`;
    const accountId = await createAccount(referenceId);
    const row = page.locator('tr', { hasText: referenceId });
    await eventually(() => row.count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await check('accounts');

    // A keyboard user on a row keeps the focus there while the list updates.
    await page.getByRole('link', { name: accountId }).focus();
    await createAccount(`${referenceId}-next`);
    await eventually(() => byTestId('resource-link').count()).toBe(2);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(accountId);

    // Filter by the API's reference id, then follow the row to its page.
    await byTestId('filter-reference-id').fill(referenceId);
    await byTestId('filter-apply').click();
    await eventually(() => byTestId('resource-link').count()).toBe(1);
    await page.getByRole('link', { name: accountId }).click();
    await eventually(() => byTestId('detail-id').textContent()).toBe(accountId);
    await eventually(() => page.getByRole('heading', { name: 'Events' }).count()).toBe(1);
    await eventually(() => page.getByRole('heading', { name: 'Mock-only state' }).count()).toBe(1);
    await check('account');

    // An inquiry for the account: the account's page links to it, and it links back.
    const inquiry = await api('/inquiries', {
      data: { attributes: { 'inquiry-template-id': 'itmpl_GovernmentId000000000000' } },
      meta: { 'auto-create-account-reference-id': referenceId },
    });
    expect(inquiry.status).toBe(201);
    const inquiryId = inquiry.body.data.id as string;
    await eventually(() => page.getByRole('link', { name: inquiryId }).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: inquiryId }).first().click();
    await eventually(() => byTestId('detail-id').textContent()).toBe(inquiryId);
    await page.getByRole('link', { name: accountId }).first().click();
    await eventually(() => byTestId('detail-id').textContent()).toBe(accountId);
  }, 90_000);

  it('streams events, lists webhook deliveries and redelivers one', async () => {
    const url = `http://127.0.0.1:${(receiver!.address() as AddressInfo).port}/hook`;
    const webhook = await api('/webhooks', {
      data: { attributes: { url, 'enabled-events': ['account.created'] } },
    });
    expect(webhook.status).toBe(201);
    expect((await api(`/webhooks/${webhook.body.data.id}/enable`, {})).status).toBe(200);

    await go('#/events', 'Events');
    const accountId = await createAccount(`evented-${Date.now().toString(36)}`);
    const item = page.locator(`[data-testid="event"][data-object-id="${accountId}"]`);
    await eventually(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-name')).toBe('account.created');
    await check('events');

    await go('#/deliveries', 'Webhook deliveries');
    const redeliver = page.getByRole('button', { name: /^Redeliver account\.created/ }).first();
    await eventually(() => redeliver.count()).toBe(1);
    // Behind a disclosure: the body as posted and the signature each attempt carried.
    await eventually(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page
        .getByLabel(/^Show body and attempts of account\.created/)
        .first()
        .click();
      return page.locator('td pre.signature').first().textContent();
    }).toMatch(/^Persona-Signature: t=\d+,v1=[0-9a-f]{64}/);
    expect(await page.locator('td pre.json').first().textContent()).toContain(accountId);
    await check('deliveries');
    await redeliver.click();
    await eventually(() => page.locator('#notice').textContent()).toMatch(
      /^Redelivering account\.created/,
    );
  }, 60_000);

  it('changes the plan and moves the clock', async () => {
    await go('#/controls', 'Controls');
    await byTestId('plan').selectOption('growth');
    await byTestId('plan-apply').click();
    await eventually(() => page.getByText('The organization is on the growth plan.').count()).toBe(
      1,
    );
    const state = await fetch(`${server!.url}/__mock/state`, {
      headers: { Authorization: `Bearer ${KEY}` },
    }).then((r) => r.json());
    expect(state.plan).toBe('growth');

    const before = await fetch(`${server!.url}/__mock/clock`, {
      headers: { Authorization: `Bearer ${KEY}` },
    }).then((r) => r.json());
    await page.getByLabel('Move forward by').fill('2d');
    await byTestId('clock-advance').click();
    await eventually(() => page.getByText(/^The clock reads/).count()).toBe(1);
    const after = await fetch(`${server!.url}/__mock/clock`, {
      headers: { Authorization: `Bearer ${KEY}` },
    }).then((r) => r.json());
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(2 * 86_400_000);
    await check('controls');
  }, 60_000);

  it('completes an inquiry with the buttons: its webhook goes out and the workflow opens a case', async () => {
    // A receiver of our own that records what it is sent, stopped below.
    const received: { name: string; body: string }[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const name = JSON.parse(body).data?.attributes?.name as string;
        received.push({ name, body });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/persona`;
      const webhook = await api('/webhooks', {
        data: { attributes: { url, 'enabled-events': ['inquiry.completed', 'case.created'] } },
      });
      expect(webhook.status).toBe(201);
      expect((await api(`/webhooks/${webhook.body.data.id}/enable`, {})).status).toBe(200);

      const referenceId = `simulated-${Date.now().toString(36)}`;
      const inquiry = await api('/inquiries', {
        data: { attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId } },
        meta: { 'auto-create-account-reference-id': referenceId },
      });
      expect(inquiry.status).toBe(201);
      const inquiryId = inquiry.body.data.id as string;
      await go(`#/resources/inquiries/${inquiryId}`, `Inquiry ${inquiryId}`);
      const template = byTestId('verification-template');
      await eventually(() => template.locator('option').count()).toBeGreaterThan(0);
      await template.selectOption(seedIds.verificationTemplates.governmentId);

      // Keyboard only: focus each button and press Enter, as a keyboard user would.
      const press = async (action: string, status: RegExp) => {
        await byTestId(`simulate-${action}`).focus();
        await page.keyboard.press('Enter');
        await eventually(() => byTestId('simulate-outcome').textContent()).toMatch(status);
      };
      await press('start_inquiry', /the inquiry is pending/);
      await press('create_failed_verification', /the inquiry is pending/);
      await eventually(() => byTestId('verification-status').allTextContents()).toEqual(['failed']);
      await press('complete_inquiry', /the inquiry is completed/);
      // The page follows the stream: the attributes say completed without a reload.
      await eventually(() => page.locator('.facts dd').allTextContents()).toContain('completed');
      await check('inquiry');

      // The webhook delivery, at the receiver and in the console.
      await eventually(async () => received.map((r) => r.name)).toContain('inquiry.completed');
      expect(received.find((r) => r.name === 'inquiry.completed')!.body).toContain(inquiryId);
      await eventually(async () => received.map((r) => r.name)).toContain('case.created');
      await go('#/deliveries', 'Webhook deliveries');
      await eventually(() =>
        page
          .locator('tr', { hasText: 'inquiry.completed' })
          .locator('.state')
          .first()
          .textContent(),
      ).toBe('delivered');

      // The workflow run that opened the case: its steps with their inputs, then the case.
      const runs = await api(
        `/workflow-runs?filter[workflow-id]=${seedIds.workflows.inquiryCompleted}`,
      );
      const runId = runs.body.data[0].id as string;
      await go(`#/resources/workflow-runs/${runId}`, `Workflow run ${runId}`);
      await eventually(() => byTestId('step-review').textContent()).toBe('completed');
      // The branch's other list was not taken: its step is not in the trace.
      expect(await byTestId('step-approve').count()).toBe(0);
      expect(await byTestId('step-verifications_passed').textContent()).toBe('completed');
      expect(await page.getByRole('region', { name: `Steps of ${runId}` }).textContent()).toContain(
        inquiryId,
      );
      await check('workflow-run');
      const caseLink = page.locator('a[href^="#/resources/cases/"]').first();
      const caseId = await caseLink.textContent();
      await caseLink.click();
      await eventually(() => byTestId('detail-id').textContent()).toBe(caseId);
      await eventually(() => page.getByRole('link', { name: inquiryId }).count()).toBeGreaterThan(
        0,
      );
      await check('case');
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  }, 90_000);

  it('lists every organization by masked key', async () => {
    await createAccount(`org-list-${Date.now().toString(36)}`);
    await fetch(`${server!.baseUrl}/accounts`, {
      headers: { Authorization: 'Bearer key-other-9876' },
    });
    await go('#/organizations', 'Organizations');
    const keys = byTestId('organization-key');
    await eventually(() => keys.allTextContents()).toEqual(
      expect.arrayContaining([`••••${KEY.slice(-4)} (this console)`, '••••9876']),
    );
    expect(await page.content()).not.toContain('key-other-9876');
    await check('organizations');
  }, 60_000);

  it('imports accounts from a CSV with a progress bar', async () => {
    await go('#/controls', 'Controls');
    const stamp = Date.now().toString(36);
    await byTestId('import-file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `reference_id,name_first\nimported-${stamp}-1,Ada\nimported-${stamp}-2,Alan\n`,
      ),
    });
    await byTestId('import-start').click();
    await eventually(() => byTestId('import-summary').textContent()).toMatch(
      /: 2 applied, 0 refused/,
    );
    expect(
      await byTestId('import-progress').evaluate((e) => (e as HTMLProgressElement).value),
    ).toBe(100);
    const listed = await api(`/accounts?filter[reference-id]=imported-${stamp}-2`);
    expect(listed.body.data).toHaveLength(1);
    await check('import');
  }, 60_000);

  it('fits a narrow window', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    await go('#/resources/accounts', 'Accounts');
    await eventually(() => byTestId('resource-link').count()).toBeGreaterThan(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await check('narrow');
    // An inquiry's page, buttons and all, fits too.
    await page.getByRole('link', { name: 'Inquiries' }).click();
    await eventually(() => byTestId('resource-link').count()).toBeGreaterThan(0);
    await byTestId('resource-link').first().click();
    await eventually(() => byTestId('simulate-start_inquiry').count()).toBe(1);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await check('narrow-inquiry');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('asks for the admin token where the mock requires it, and keeps it for the tab', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const tab = await context.newPage();
    try {
      await tab.goto(`${guarded!.url}/__mock/`);
      await tab.getByTestId('api-key').fill(KEY);
      await tab.getByTestId('sign-in').click();
      await expect
        .poll(() => tab.getByRole('alert').textContent())
        .toContain('Persona-Mock-Admin-Token');
      await tab.getByTestId('admin-token').fill(TOKEN);
      await tab.getByTestId('sign-in').click();
      await expect.poll(() => tab.getByTestId('org-id').textContent()).toMatch(/^org_/);
      await expect.poll(() => tab.getByTestId('stream-state').textContent()).toBe('live');
      // A reload keeps the key and the token (sessionStorage), and asks for neither again.
      await tab.reload();
      await expect.poll(() => tab.getByTestId('org-id').textContent()).toMatch(/^org_/);
    } finally {
      await context.close();
    }
  }, 60_000);
});

if (skipReason) {
  describe('the mock console in Chromium', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}
