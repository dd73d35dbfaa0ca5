// Content negotiation, one function for every caller: a route choosing its format and the response cache choosing
// the entry of a request ask the same question of the same code, so they cannot disagree.
import Negotiator from 'negotiator';

/** The media types a route offers for Accept to choose from (route `config.offer`). */
export interface MediaOffer {
  /** The media types served; the first is the default (no Accept header). */
  types: readonly string[];
  /** Media types also accepted, and answered with the default (e.g. problem+json or HTML readers get JSON); often none. */
  fallbacks: readonly string[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route's representation varies on in Accept; without it, the route ignores Accept. */
    offer?: MediaOffer;
    /** Whether the representation depends on the request's origin (scheme and Host): web pages with absolute URLs. */
    perOrigin?: boolean;
  }
}

/** Header values remembered per question (clients repeat a few values); a longer value is never remembered. */
const rememberedValues = 64;
const rememberedLength = 256;

/**
 * `choose`, remembering its answers for the header values clients repeat: parsing Accept headers costs a cached
 * answer more than looking it up. Bounded: at most 64 values of at most 256 characters, forgotten all at once when full.
 */
function remembering<T>(choose: (header: string) => T): (header: string) => T {
  const answers = new Map<string, T>();
  return (header) => {
    if (answers.has(header)) return answers.get(header) as T;
    const answer = choose(header);
    if (header.length <= rememberedLength) {
      if (answers.size >= rememberedValues) answers.clear();
      answers.set(header, answer);
    }
    return answer;
  };
}

/** Each offer's negotiation of Accept headers, remembered with the offer (a route's, for as long as the route lives). */
const mediaTypeChoices = new WeakMap<MediaOffer, (accept: string) => string | undefined>();

/**
 * The media type of `offer.types` that `accept` prefers: the default when there is no Accept header, undefined
 * when Accept allows none of them (a 406).
 */
export function chooseMediaType(accept: string | undefined, offer: MediaOffer): string | undefined {
  const [fallback] = offer.types;
  if (!accept) return fallback;
  let choose = mediaTypeChoices.get(offer);
  if (!choose) {
    choose = remembering((accept) => {
      const best = new Negotiator({ headers: { accept } }).mediaType([...offer.types, ...offer.fallbacks]);
      if (best === undefined) return undefined;
      return offer.types.includes(best) ? best : fallback;
    });
    mediaTypeChoices.set(offer, choose);
  }
  return choose(accept);
}

export type Encoding = 'br' | 'gzip' | 'identity';

const encodings: Encoding[] = ['br', 'gzip', 'identity'];
// `preferred` (negotiator ≥ 1.0, missing from its types) picks br when the client ranks br and gzip equal.
type EncodingNegotiator = { encoding(available: Encoding[], options: { preferred: Encoding[] }): Encoding | undefined };

function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as EncodingNegotiator;
  return negotiator.encoding(encodings, { preferred: encodings }) ?? 'identity';
}
const encodingChoice = remembering(negotiateEncoding);
const withoutAcceptEncoding = negotiateEncoding(undefined);

/** The content coding `acceptEncoding` prefers among br, gzip and identity; identity when it allows none (or is absent). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  return acceptEncoding === undefined ? withoutAcceptEncoding : encodingChoice(acceptEncoding);
}
