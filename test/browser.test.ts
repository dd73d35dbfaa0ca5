// Swagger UI and the home page in a real browser (Debian's chromium driven by playwright-core): "Try it out"
// on the communes list gets a 200 with the 14 towns, with no console error (a CSP violation would be one).
import t from 'tap';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../src/config.js';
import { startServer } from './serve.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = join(projectRoot, 'test/screenshots');
// CI installs chromium (.ci/run); elsewhere the test is skipped, saying why, rather than failing on a missing browser.
const skip = !existsSync(executablePath) && !process.env.CI ? `no browser at ${executablePath} (CI installs Debian's chromium)` : false;

async function open(t: { teardown: (fn: () => Promise<void>) => void }): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  t.teardown(() => browser.close());
  return browser;
}

/** Collects console errors, page errors and failed requests of `page`. */
function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return errors;
}

t.test('Swagger UI: "Try it out" on the communes list answers 200 with the 14 towns', { skip }, async (t) => {
  const { port } = await startServer(t);
  const browser = await open(t);
  const page = await browser.newPage();
  const errors = watch(page);
  await page.goto(`http://127.0.0.1:${port}/docs`);
  const operation = page.locator('#operations-Communes-listCommunes');
  await operation.locator('.opblock-summary').click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  await operation.getByRole('button', { name: 'Execute' }).click();
  const status = operation.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 15_000 });
  t.equal((await status.innerText()).trim(), '200');
  const body = await operation.locator('.live-responses-table .response-col_description .microlight').first().innerText();
  const parsed = JSON.parse(body) as { meta: { total: number }; data: { code: string }[] };
  t.equal(parsed.meta.total, 14);
  t.equal(parsed.data.length, 14);
  t.ok(parsed.data.some((commune) => commune.code === '65059'));
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, 'swagger-ui.png'), fullPage: false });
  t.strictSame(errors, [], 'no console error, no CSP violation, no failed request');
});

t.test('home page: the dataset, the 14 towns, links to the docs, downloads and licence', { skip }, async (t) => {
  const { port } = await startServer(t);
  const browser = await open(t);
  const page = await browser.newPage();
  const errors = watch(page);
  const response = await page.goto(`http://127.0.0.1:${port}/`);
  t.match(response?.headers()['content-type'], /^text\/html/);
  t.match(await page.locator('h1').innerText(), 'Petites villes de demain');
  t.equal(await page.locator('tbody tr').count(), 14);
  t.match(await page.locator('tbody').innerText(), 'CC Adour Madiran');
  for (const href of ['/docs', '/downloads/communes.csv', '/downloads/pvd65.sqlite', 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/']) {
    t.equal((await page.locator(`a[href="${href}"]`).count()) > 0, true, `links to ${href}`);
  }
  await page.locator('a[href="/docs"]').click();
  await page.locator('.swagger-ui .info').waitFor();
  mkdirSync(screenshots, { recursive: true });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.screenshot({ path: join(screenshots, 'home.png'), fullPage: true });
  t.strictSame(errors, []);
});
