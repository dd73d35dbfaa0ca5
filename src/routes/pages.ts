// The web pages, in French: a page per laureate town (/communes/{code}) and per intercommunality
// (/intercommunalites/{siren}), the stylesheet, the sitemap and robots.txt. Rendered from the database like the API,
// so the representation plugin gives them ETags, compression and the response cache. Hidden from the OpenAPI
// document: they are for people, the API is for programs.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import escapeHtml from 'escape-html';
import { InseeCode, Siren } from '../schemas/common.js';
import { HttpProblem } from '../formats/problem.js';
import { pages } from '../resources/links.js';
import { favicon, stylesheet, stylesheetPath } from '../pages/assets.js';
import { communePage } from '../pages/commune.js';
import { read } from '../pages/data.js';
import { errorPage, PageError, wantsHtml } from '../pages/errors.js';
import { h } from '../pages/html.js';
import { defaultSort, intercommunalityPage, parseSort, sortValues } from '../pages/intercommunality.js';
import type { PageContext } from '../pages/layout.js';

const htmlType = 'text/html; charset=utf-8';
const inseeCode = new RegExp(InseeCode.pattern as string);
const siren = new RegExp(Siren.pattern as string);

/** The origin of the request, for absolute URLs: Fastify's protocol and host (X-Forwarded-* only when TRUST_PROXY trusts the proxy). */
export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host || 'localhost'}`;
}

export function pageContext(app: FastifyInstance, request: FastifyRequest): PageContext {
  return { origin: origin(request), dataset: read.dataset(app) };
}

/** Every page of the site, for the sitemap (and the tests). */
export function sitePaths(app: FastifyInstance): string[] {
  return ['/', ...read.towns(app).map((town) => pages.commune(town.code)), ...read.epcis(app).map((epci) => pages.intercommunality(epci.siren))];
}

function townNotFound(app: FastifyInstance, code: string): PageError {
  const detail = `No laureate town with INSEE code "${code}". The 14 towns are listed at /v1/communes.`;
  const epci = read.epcis(app).find((item) => item.members.some((member) => member.code === code));
  const member = epci?.members.find((item) => item.code === code);
  const message =
    epci && member
      ? h`<p>${member.name} (<code>${code}</code>) n’est pas une petite ville de demain, mais elle est membre de <a href="${pages.intercommunality(epci.siren)}">${epci.name}</a>.</p>`
      : h`<p>Aucune petite ville de demain des Hautes-Pyrénées n’a le code INSEE <code>${code}</code>. Les 14 villes sont sur la <a href="/#carte">carte de l’accueil</a>.</p>`;
  return new PageError(404, detail, 'Ville introuvable', message);
}

/** Errors of the page routes: the French page for browsers, the problem document (the app's handler) for programs. */
function handleError(app: FastifyInstance) {
  return (error: FastifyError | HttpProblem, request: FastifyRequest, reply: FastifyReply) => {
    if (!wantsHtml(request)) throw error; // the app's handler makes the problem document
    const status = error instanceof HttpProblem ? error.status : error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (error instanceof HttpProblem) reply.headers(error.headers);
    return reply
      .code(status)
      .type(htmlType)
      .header('cache-control', 'no-store')
      .sendError(errorPage(pageContext(app, request), status, error, request.url.split('?')[0] ?? '/'));
  };
}

export function registerPages(app: FastifyInstance) {
  app.register(async (scope) => {
    scope.setErrorHandler(handleError(app));

    scope.get('/communes/:code', { schema: { hide: true }, config: { perOrigin: true } }, (request, reply) => {
      const { code } = request.params as { code: string };
      if (!inseeCode.test(code)) {
        throw new PageError(
          400,
          'Path parameter "code" must be an INSEE code of 5 characters, such as 65059.',
          'Code INSEE mal formé',
          h`<p>« <code>${code.slice(0, 100)}</code> » n’est pas un code INSEE : il en faut un de 5 caractères, comme <a href="/communes/65059"><code>65059</code></a> pour Bagnères-de-Bigorre.</p>`,
          [{ in: 'path', name: 'code', detail: 'must be an INSEE code of 5 characters, such as 65059' }],
        );
      }
      const town = read.town(app, code);
      if (!town) throw townNotFound(app, code);
      return reply.represent({ type: htmlType, body: communePage(app, pageContext(app, request), town) });
    });

    scope.get('/intercommunalites/:siren', { schema: { hide: true }, config: { perOrigin: true } }, (request, reply) => {
      const { siren: id } = request.params as { siren: string };
      if (!siren.test(id)) {
        throw new PageError(
          400,
          'Path parameter "siren" must be a SIREN of 9 digits, such as 246500482.',
          'SIREN mal formé',
          h`<p>« <code>${id.slice(0, 100)}</code> » n’est pas un numéro SIREN : il en faut un de 9 chiffres, comme <a href="/intercommunalites/246500482"><code>246500482</code></a> pour la CC de la Haute-Bigorre.</p>`,
          [{ in: 'path', name: 'siren', detail: 'must be a SIREN of 9 digits, such as 246500482' }],
        );
      }
      // Other parameters (a tracker's, a typo) are ignored: the page is the same, and its canonical link says so.
      const tri = (request.query as Record<string, string | string[] | undefined>).tri ?? defaultSort;
      const sort = typeof tri === 'string' ? parseSort(tri) : undefined;
      if (!sort) {
        const allowed = sortValues.map(
          (value, index) => h`${index > 0 ? ', ' : ''}<a href="${pages.intercommunality(id)}?tri=${value}#membres"><code>${value}</code></a>`,
        );
        throw new PageError(
          400,
          `Query parameter "tri" must be one of ${sortValues.join(', ')}.`,
          'Tri inconnu',
          h`<p>Le tableau des communes membres se trie par ${allowed} (un signe moins : ordre décroissant).</p>`,
          [{ in: 'query', name: 'tri', detail: 'is not a sort key of the members table', allowed: sortValues }],
        );
      }
      const epci = read.epci(app, id);
      if (!epci) {
        throw new PageError(
          404,
          `No intercommunality with SIREN "${id}". The 8 are listed at /v1/intercommunalities.`,
          'Intercommunalité introuvable',
          h`<p>Aucune intercommunalité des petites villes de demain des Hautes-Pyrénées n’a le SIREN <code>${id}</code>. Les 8 sont listées sur <a href="/#intercommunalites">l’accueil</a>.</p>`,
        );
      }
      return reply.represent({ type: htmlType, body: intercommunalityPage(app, pageContext(app, request), epci, sort) });
    });
  });

  app.get(stylesheetPath, { schema: { hide: true } }, (_request, reply) => reply.represent({ type: 'text/css; charset=utf-8', body: stylesheet }));
  app.get('/assets/favicon.svg', { schema: { hide: true } }, (_request, reply) => reply.represent({ type: 'image/svg+xml', body: favicon }));

  app.get('/sitemap.xml', { schema: { hide: true }, config: { perOrigin: true } }, (request, reply) => {
    const base = origin(request);
    const lastmod = read.dataset(app).modified;
    const urls = sitePaths(app).map((path) => `<url><loc>${escapeHtml(`${base}${path}`)}</loc><lastmod>${lastmod}</lastmod></url>`);
    return reply.represent({
      type: 'application/xml; charset=utf-8',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
    });
  });

  app.get('/robots.txt', { schema: { hide: true }, config: { perOrigin: true } }, (request, reply) =>
    reply.represent({
      type: 'text/plain; charset=utf-8',
      body: `# Every page and the API may be crawled.\nUser-agent: *\nAllow: /\n\nSitemap: ${origin(request)}/sitemap.xml\n`,
    }),
  );
}
