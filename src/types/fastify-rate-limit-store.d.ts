// The in-memory store of @fastify/rate-limit (its store/LocalStore.js), which ships no types for it.
declare module '@fastify/rate-limit/store/LocalStore.js' {
  /** Fixed windows by key in an LRU of `cache` keys. */
  export default class LocalStore {
    constructor(continueExceeding: boolean, exponentialBackoff: boolean, cache?: number);
    /** Counts one request of `key`; `callback` is called before `incr` returns. `ttl`: milliseconds left in the window. */
    incr(key: string, callback: (error: Error | null, window: { current: number; ttl: number }) => void, timeWindow: number, max: number): void;
  }
}
