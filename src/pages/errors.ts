// Errors on page URLs: a French HTML page for browsers (Accept prefers text/html), the usual problem document
// for programs. Same status either way, never cached.
import { STATUS_CODES } from 'node:http';
import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { HttpProblem, problemMediaType } from '../formats/problem.js';
import type { ProblemErrorType } from '../schemas/problem.js';
import { h, type Html } from './html.js';
import { layout, type PageContext } from './layout.js';

/** A problem with its French page: `detail` for programs (in English, as every problem of the API), `message` for people. */
export class PageError extends HttpProblem {
  constructor(
    status: number,
    detail: string,
    readonly heading: string,
    readonly page: Html,
    errors?: ProblemErrorType[],
  ) {
    super(status, detail, errors);
  }
}

/** Whether the client prefers HTML to JSON: browsers do; curl, fetch() and libraries do not. */
export function wantsHtml(request: FastifyRequest): boolean {
  if (!request.headers.accept) return false;
  return new Negotiator(request.raw).mediaType([problemMediaType, 'application/json', 'text/html']) === 'text/html';
}

const headings: Record<number, string> = {
  400: 'Adresse incorrecte',
  404: 'Page introuvable',
  405: 'Méthode non permise',
  406: 'Format non disponible',
  408: 'Requête trop lente',
  414: 'Adresse trop longue',
  429: 'Trop de requêtes',
};

/** The French page of an error; `error` is a PageError (own words), another HttpProblem or anything else (a 500). */
export function errorPage(context: PageContext, status: number, error: unknown, path: string): string {
  const heading = error instanceof PageError ? error.heading : (headings[status] ?? (status >= 500 ? 'Erreur du serveur' : (STATUS_CODES[status] ?? 'Erreur')));
  const message =
    error instanceof PageError
      ? error.page
      : status === 429
        ? h`<p>Trop de requêtes depuis votre adresse en peu de temps. Réessayez dans une minute.</p>`
        : status >= 500
          ? h`<p>Le serveur n’a pas pu répondre. L’erreur est enregistrée ; réessayez plus tard.</p>`
          : h`<p>La demande n’a pas pu aboutir.</p>`;
  const body = h`<h1>${heading}</h1>
${message}
<p class="muted">Erreur ${status}.</p>
<p><a href="/">Retour à l’accueil</a> : la carte des petites villes de demain et leurs intercommunalités.</p>`;
  return layout(context, { path, title: heading, description: `${heading} (erreur ${status}).`, robots: 'noindex' }, body);
}
