// The frontend example in a real browser: its build served by `vite preview`,
// the Persona mock running in the page's service worker, data in localStorage.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
});

if (skipReason) {
  describe('frontend example in Chromium', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}
