// The frontend example in a real browser: its build served by `vite preview`,
// the Persona mock running in the page's service worker, data in localStorage.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  buildExample,
  chromiumPath,
  chromiumSkipReason,
  launchChromium,
  type Page,
  previewExample,
  type Served,
} from '../../examples/frontend/test/harness.js';

const executablePath = chromiumPath();
const skipReason = chromiumSkipReason('frontend');

const screenshot = fileURLToPath(new URL('../../test-results/frontend.png', import.meta.url));

describe.skipIf(skipReason !== null)('frontend example in Chromium', () => {
  let outDir: string;
  let served: Served | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'persona-kit-frontend-'));
    await buildExample(outDir);
    served = await previewExample(outDir);
    browser = await launchChromium(executablePath!);
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.setDefaultTimeout(10_000);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  // The mock answers in the page's own thread; give it time on a busy machine.
  const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
  const ready = () => page.locator('#app[data-ready="true"]').waitFor({ timeout: 20_000 });
  const byTestId = (id: string) => page.getByTestId(id);
  const rowOf = (referenceId: string) =>
    page.locator(`[data-testid="account-row"][data-reference-id="${referenceId}"]`);

  it('creates an account that survives a reload, runs an account action and opens a case', async () => {
    const referenceId = `e2e-${Date.now().toString(36)}`;
    await page.goto(served!.url);
    await ready();

    // Create an account.
    await byTestId('create-reference-id').fill(referenceId);
    await byTestId('create-name-first').fill('Ada');
    await byTestId('create-name-last').fill('Lovelace');
    await byTestId('create-country').fill('GB');
    await byTestId('create-submit').click();
    await eventually(() => byTestId('notice').textContent()).toContain('Created act_');
    await eventually(() => rowOf(referenceId).count()).toBe(1);
    expect(await rowOf(referenceId).getByTestId('account-name').textContent()).toBe('Ada Lovelace');
    const accountId = await rowOf(referenceId).getAttribute('data-account-id');
    expect(accountId).toMatch(/^act_/);

    // A second account, so that the search below has something to leave out.
    await byTestId('create-reference-id').fill(`${referenceId}-other`);
    await byTestId('create-submit').click();
    await eventually(() => byTestId('account-row').count()).toBe(2);

    // Creating the same reference id again answers the same account.
    await byTestId('create-reference-id').fill(referenceId);
    await byTestId('create-submit').click();
    await eventually(() => byTestId('notice').textContent()).toContain('already had');
    expect(await byTestId('account-row').count()).toBe(2);

    // The mock keeps its data in localStorage: after a reload the account is still there.
    await page.reload();
    await ready();
    await eventually(() => byTestId('account-row').count()).toBe(2);
    expect(await byTestId('detail-account-id').textContent()).toBe(accountId);

    // Search by reference id.
    await byTestId('search-reference-id').fill(referenceId);
    await byTestId('search-submit').click();
    await eventually(() => byTestId('account-row').count()).toBe(1);

    // Run the Set status account action.
    await rowOf(referenceId).click();
    await byTestId('action-status').selectOption('suspended');
    await byTestId('action-run').click();
    await eventually(() => byTestId('notice').textContent()).toContain('Set status to suspended');
    expect(await byTestId('action-run-id').textContent()).toMatch(/wfr_/);
    expect(await byTestId('detail-name').textContent()).toBe('Ada Lovelace');

    // Open a review case for the account.
    await byTestId('case-reason').fill('Document looks edited');
    await byTestId('case-open').click();
    await eventually(() => byTestId('case-item').count()).toBe(1);
    expect(await byTestId('case-status').textContent()).toBe('open');
    expect(await byTestId('case-item').textContent()).toContain('Document looks edited');

    await mkdir(join(screenshot, '..'), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('verifies identity with the sandbox’s simulate actions when the mock runs in the tab', async () => {
    const referenceId = `e2e-verify-${Date.now().toString(36)}`;
    await byTestId('create-reference-id').fill(referenceId);
    await byTestId('create-submit').click();
    await eventually(() => byTestId('notice').textContent()).toContain('Created act_');
    expect(await byTestId('identity-state').textContent()).toBe('Not verified');

    await byTestId('verify-outcome').selectOption('passed');
    await byTestId('verify-identity').click();
    // The seed's workflow approves the completed inquiry; the page reads it again.
    await eventually(() => byTestId('identity-state').textContent()).toBe('Verified');
    expect(await byTestId('identity-inquiry').textContent()).toMatch(/^inq_/);

    await byTestId('verify-outcome').selectOption('failed');
    await byTestId('verify-identity').click();
    await eventually(() => byTestId('identity-state').textContent()).toBe(
      'In review: a case was opened',
    );
    await eventually(() => byTestId('case-item').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  describe('against a persona-mock server', () => {
    let mock: MockServer | undefined;
    let proxied: Served | undefined;

    beforeAll(async () => {
      mock = await startMockServer({ port: 0 });
      proxied = await previewExample(outDir, { PERSONA_MOCK_URL: mock.url });
    }, 60_000);

    afterAll(async () => {
      await proxied?.stop();
      await mock?.close();
    });

    it('opens the hosted flow for the account; the page follows the workflow to Verified', async () => {
      const tab = await browser!.newPage({ viewport: { width: 1200, height: 800 } });
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      try {
        await tab.goto(proxied!.url);
        await tab.locator('#app[data-ready="true"]').waitFor({ timeout: 20_000 });
        expect(await tab.locator('header .muted').textContent()).toContain('persona-mock server');
        const referenceId = `e2e-flow-${Date.now().toString(36)}`;
        await tab.getByTestId('create-reference-id').fill(referenceId);
        await tab.getByTestId('create-submit').click();
        await expect
          .poll(() => tab.getByTestId('identity-state').textContent())
          .toBe('Not verified');
        // The account is the server's: the mock's API answers it.
        const listed = await fetch(
          `${mock!.baseUrl}/accounts?filter[reference-id]=${referenceId}`,
          { headers: { Authorization: 'Bearer persona_sandbox_example_frontend' } },
        ).then((r) => r.json());
        expect(listed.data).toHaveLength(1);

        // The flow opens in a tab of its own, from a one-time link.
        const [flow] = await Promise.all([
          tab.context().waitForEvent('page'),
          tab.getByTestId('verify-identity').click(),
        ]);
        await expect
          .poll(() => flow.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
          .toBe('Government ID');
        expect(new URL(flow.url()).pathname).toMatch(/^\/__mock\/flow\//);
        await flow.getByRole('radio', { name: 'Pass' }).check();
        await Promise.all([
          flow.waitForURL((url) => url.searchParams.get('status') === 'approved'),
          flow.getByRole('button', { name: 'Submit' }).click(),
        ]);
        // Back in the app, in the flow's tab; the first tab polls its way to the same answer.
        expect(new URL(flow.url()).origin).toBe(new URL(proxied!.url).origin);
        await expect
          .poll(() => tab.getByTestId('identity-state').textContent(), { timeout: 15_000 })
          .toBe('Verified');
        await tab.screenshot({
          path: join(screenshot, '../frontend-verified.png'),
          fullPage: true,
        });
        await flow.close();
        expect(errors).toEqual([]);
      } finally {
        await tab.close();
      }
    }, 90_000);
  });
});

if (skipReason) {
  describe('frontend example in Chromium', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}
