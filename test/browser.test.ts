// Swagger UI and the web pages in a real browser (Debian's chromium driven by playwright-core): "Try it out" on the
// communes list gets a 200 with the 14 towns; a crawl from the home page follows every same-origin link of every
// page, with no console error (a CSP violation would be one), axe-core and html-validate clean; screenshots.
import t from 'tap';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../src/config.js';
import { startServer } from './serve.js';
import { htmlProblems } from './pages/validate.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = join(projectRoot, 'test/screenshots');
// CI installs chromium (.ci/run); elsewhere the test is skipped, saying why, rather than failing on a missing browser.
const skip = !existsSync(executablePath) && !process.env.CI ? `no browser at ${executablePath} (CI installs Debian's chromium)` : false;

/**
 * The server (rate limit off: the crawl makes hundreds of requests) and the browser, started once for the whole file:
 * each test opens its own browser contexts, which share nothing.
 */
async function open(): Promise<{ origin: string; browser: Browser }> {
  const { port } = await startServer(t, { RATE_LIMIT_MAX: '0' });
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  t.teardown(() => browser.close());
  return { origin: `http://127.0.0.1:${port}`, browser };
}
let opened: ReturnType<typeof open> | undefined;
const shared = () => (opened ??= open());

/**
 * Collects console errors, page errors and failed requests of `page`. When crawling (`crawl`), every response of
 * 400 or more is one too, and a request cancelled by leaving the page (`net::ERR_ABORTED`, the icon still loading
 * when the crawl moves on) is not: a missing or broken resource still shows as its HTTP status.
 */
function watch(page: Page, crawl = false): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (!(crawl && reason === 'net::ERR_ABORTED')) errors.push(`request failed: ${request.url()} ${reason}`);
  });
  if (crawl) {
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  }
  return errors;
}

t.test('Swagger UI: "Try it out" on the communes list answers 200 with the 14 towns', { skip }, async (t) => {
  const { origin, browser } = await shared();
  const page = await browser.newPage();
  t.teardown(() => page.context().close());
  const errors = watch(page);
  const sent: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/v1/communes') sent.push(request.url());
  });
  await page.goto(`${origin}/docs`);
  t.equal(await page.locator('.topbar').count(), 0, "no top bar: neither Fastify's logo nor the /docs/json address");
  t.equal(await page.title(), 'Petites villes de demain — Hautes-Pyrénées — API documentation', "the page's title is the API's");
  t.match(await page.locator('.info .title').innerText(), /Petites villes de demain — Hautes-Pyrénées/);
  const operation = page.locator('#operations-Communes-listCommunes');
  await operation.locator('.opblock-summary').click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  await operation.getByRole('button', { name: 'Execute' }).click();
  const status = operation.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 60_000 }); // a deadline, not a wait: generous for a busy machine
  t.equal((await status.innerText()).trim(), '200');
  const body = await operation.locator('.live-responses-table .response-col_description .microlight').first().innerText();
  const parsed = JSON.parse(body) as { meta: { total: number }; data: { code: string }[] };
  t.equal(parsed.meta.total, 14);
  t.equal(parsed.data.length, 14);
  t.strictSame(
    sent.map((url) => new URL(url).search),
    [''],
    'Try it out sends only what the user filled in (nothing here): no sep, bom or limit added',
  );
  t.ok(parsed.data.some((commune) => commune.code === '65059'));
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, 'swagger-ui.png'), fullPage: false });
  t.strictSame(errors, [], 'no console error, no CSP violation, no failed request');
});

/** Where a link goes: pages are crawled, the rest of this origin is checked to answer 200 and not crawled. */
function kind(path: string): 'page' | 'download' | 'other' {
  if (path === '/' || /^\/(communes|intercommunalites)\//.test(path)) return 'page';
  if (path.startsWith('/downloads/')) return 'download';
  return 'other';
}

/** The violations axe-core (injected, so the page's context must bypass the CSP) finds in `page`: "rule: targets". */
async function axeViolations(page: Page, axeSource: string): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<Result> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`);
  });
}

t.test('the site: every page and same-origin link, no console error, axe-core and html-validate clean', { skip }, async (t) => {
  const { origin, browser } = await shared();
  const context = await browser.newContext(); // the site's CSP applies
  // axe is injected as a script, which the CSP (no inline script) forbids: its pages bypass the CSP, and only its.
  const axeContext = await browser.newContext({ bypassCSP: true });
  t.teardown(() => Promise.all([context.close(), axeContext.close()]).then(() => undefined));
  const axeSource = readFileSync(join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

  const queue = ['/'];
  const seen = new Set(queue);
  const checked = new Map<string, number>();
  const violations: string[] = [];
  const invalid: string[] = [];
  const errors: string[] = [];
  let axeRuns = 0;
  // The runner finds what it should: a page without language and an image without text has violations.
  const controlPage = await axeContext.newPage();
  await controlPage.setContent('<!DOCTYPE html><html><body><img src="data:,"></body></html>');
  const control = await axeViolations(controlPage, axeSource);
  t.ok(
    ['html-has-lang', 'image-alt'].every((rule) => control.some((violation) => violation.startsWith(`${rule}:`))),
    'axe-core runs and reports',
  );

  /** One page of the crawl in a tab: its status, markup, links (queued or checked) and, but for most sort orders, axe. */
  async function visit(tab: { page: Page; axePage: Page }, path: string) {
    const response = await tab.page.goto(`${origin}${path}`);
    t.equal(response?.status(), 200, `${path}: 200`);
    t.match(response?.headers()['content-type'], /^text\/html/, `${path}: HTML`);
    const markup = (await response?.text()) ?? '';
    for (const problem of await htmlProblems(markup, path)) invalid.push(`${path} ${problem}`);

    // HTML and SVG links alike (an SVG <a> has no string `href` property, so read the attribute).
    const hrefs = await tab.page.$$eval('a[href]', (anchors) => anchors.map((anchor) => new URL(anchor.getAttribute('href') as string, document.baseURI).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin) continue;
      const target = `${url.pathname}${url.search}`;
      if (kind(url.pathname) === 'page') {
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      } else if (!checked.has(target)) {
        // Swagger UI's internals and the downloads' bodies are not crawled: they must answer 200, that is all.
        checked.set(target, 0);
        const answer = kind(url.pathname) === 'download' ? await tab.page.request.head(href) : await tab.page.request.get(href);
        checked.set(target, answer.status());
      }
    }

    // The sort orders of a members table (?tri=…) differ from their page only in the order of the rows and in
    // aria-sort: axe runs on every page and on every order of one table (Adour Madiran), which keeps the crawl short.
    if (path.includes('?tri=') && !path.startsWith('/intercommunalites/200072106?')) return;
    await tab.axePage.goto(`${origin}${path}`);
    violations.push(...(await axeViolations(tab.axePage, axeSource)).map((violation) => `${path} ${violation}`));
    axeRuns += 1;
  }

  // Three tabs crawl at once (the order of the visits changes nothing checked): the browser renders one page while
  // this process validates another's markup.
  const tabs = await Promise.all(
    [1, 2, 3].map(async () => {
      const page = await context.newPage();
      return { page, axePage: await axeContext.newPage(), errors: watch(page, true) };
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const idle: typeof tabs = [];
    let busy = 0;
    const next = (tab: (typeof tabs)[number]) => {
      const path = queue.shift();
      if (path === undefined) {
        idle.push(tab);
        if (busy === 0) resolve();
        return;
      }
      busy += 1;
      visit(tab, path).then(() => {
        busy -= 1;
        // The pages this one linked to may keep the idle tabs busy too.
        while (idle.length > 0 && queue.length > 0) next(idle.pop() as (typeof tabs)[number]);
        next(tab);
      }, reject);
    };
    for (const tab of tabs) next(tab);
  });
  for (const tab of tabs) errors.push(...tab.errors);
  const pages = [...seen];
  t.ok(pages.includes('/communes/65059') && pages.includes('/intercommunalites/200072106'), 'towns and intercommunalities reached from the home page');
  t.equal(pages.filter((path) => /^\/communes\/\d{5}$/.test(path)).length, 14, 'the 14 town pages reached by links');
  t.equal(pages.filter((path) => /^\/intercommunalites\/\d{9}$/.test(path)).length, 8, 'the 8 intercommunality pages reached by links');
  t.comment(`${pages.length} pages crawled (with the sort orders of the members tables), ${checked.size} other links checked`);
  t.same(
    [...checked].filter(([, status]) => status !== 200).map(([target, status]) => `${target}: ${status}`),
    [],
    'every other same-origin link answers 200 (API, docs, downloads, sitemap)',
  );
  t.ok(checked.has('/docs') && checked.has('/downloads/pvd65.sqlite') && checked.has('/v1/communes/65059'), 'docs, downloads and API links checked');
  t.same(violations, [], `axe-core: no violation on any of the ${axeRuns} pages it ran on`);
  t.same(invalid, [], 'html-validate (recommended): no problem on any page');
  t.same(errors, [], 'no console error, no CSP violation, no failed request');
});

t.test('screenshots at 1280 and 390 px; readable at 360 px; pages work without JavaScript; a print stylesheet', { skip }, async (t) => {
  const { origin, browser } = await shared();
  mkdirSync(screenshots, { recursive: true });
  const shots = { home: '/', town: '/communes/65059', intercommunality: '/intercommunalites/200072106' };
  for (const [device, width] of [
    ['desktop', 1280],
    ['mobile', 390],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = watch(page);
    for (const [name, path] of Object.entries(shots)) {
      await page.goto(`${origin}${path}`);
      await page.screenshot({ path: join(screenshots, `${name}-${device}.png`), fullPage: true });
    }
    t.same(errors, [], `${device}: no console error`);
    await context.close();
  }

  // At 360 px, nothing is wider than the screen, and the map labels are at least 10 px high.
  const narrow = await browser.newContext({ viewport: { width: 360, height: 740 } });
  t.teardown(() => narrow.close());
  const small = await narrow.newPage();
  for (const path of Object.values(shots)) {
    await small.goto(`${origin}${path}`);
    t.ok((await small.evaluate(() => document.documentElement.scrollWidth)) <= 360, `${path}: no horizontal scroll at 360 px`);
    const label = await small.locator('.map text').first().boundingBox();
    t.ok(label && label.height >= 10, `${path}: map labels ${label?.height.toFixed(1)} px high`);
  }

  // Without JavaScript, the map's links work: the town on the home map leads to its page.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  t.teardown(() => plain.close());
  const page = await plain.newPage();
  await page.goto(`${origin}/`);
  await page.locator('.map a[href="/communes/65059"]').last().click();
  await page.waitForURL(`${origin}/communes/65059`);
  t.equal(await page.locator('h1').innerText(), 'Bagnères-de-Bigorre', 'a map link followed without JavaScript');

  // On paper: the navigation goes, the map stays.
  await page.emulateMedia({ media: 'print' });
  t.equal(await page.locator('header.site nav').evaluate((element) => getComputedStyle(element).display), 'none', 'print: no navigation');
  t.ok(((await page.locator('.map svg').boundingBox())?.width ?? 0) > 300, 'print: the map is there');
  const pdf = await page.pdf({ format: 'A4' });
  t.ok(pdf.length > 10_000, `print: a PDF of ${pdf.length} bytes`);
});
