// autocannon ships no types; this declares the part of its API the bench uses (autocannon 8).
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      method?: string;
      body?: string;
      headers?: Record<string, string>;
      /** An answer with another body counts as a mismatch. */
      expectBody?: string;
    }
    interface Histogram {
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p99: number;
    }
    interface Result {
      requests: Histogram;
      /** Milliseconds. */
      latency: Histogram;
      throughput: Histogram;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      duration: number;
    }
    /** Without a callback, autocannon returns its tracker, which is also a promise of the result. */
    interface Instance extends PromiseLike<Result> {
      /** Each answer, with its time in milliseconds (fractional, unlike the result's histogram). */
      on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): this;
    }
  }
  function autocannon(opts: autocannon.Options): autocannon.Instance;
  export default autocannon;
}
