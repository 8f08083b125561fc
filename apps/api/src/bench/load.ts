/**
 * Load over loopback with autocannon: a bounded mix of reads and writes from a fixed number
 * of connections for a fixed time, and a single-route throughput run.
 * @module
 */
import autocannon from "autocannon"
import { benchToken } from "./server.js"

/** What a load run measured. */
export interface LoadResult {
  readonly requests: number
  readonly perSecond: number
  /** Connection errors, timeouts and answers outside 2xx. */
  readonly errors: number
  readonly p50: number
  readonly p99: number
}

const headers = { authorization: `Bearer ${benchToken}`, "content-type": "application/json" }

const run = (options: autocannon.Options): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    autocannon(options, (error, result) => {
      if (error) return reject(error)
      resolve({
        requests: result.requests.total,
        perSecond: result.requests.average,
        errors: result.errors + result.timeouts + result.non2xx,
        p50: result.latency.p50,
        p99: result.latency.p99,
      })
    })
  })

/** One route, as fast as `connections` keep-alive connections can send it, for `seconds`. */
export const throughput = (url: string, seconds: number, connections = 10, auth = true) =>
  run({ url, connections, duration: seconds, ...(auth ? { headers } : {}) })

/** A request of the mix; `body` is called for each request sent. */
export interface MixRequest {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly body?: () => string
}

/** The mix, cycled through by each of `connections` connections, for `seconds`. */
export const mix = (base: string, requests: ReadonlyArray<MixRequest>, seconds: number, connections = 50) =>
  run({
    url: base,
    connections,
    duration: seconds,
    timeout: 30,
    headers,
    requests: requests.map((r) => ({
      method: r.method,
      path: r.path,
      ...(r.body ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: r.body!() }) } : {}),
    })),
  })
