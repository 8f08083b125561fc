/**
 * A bounded queue for heavy requests (sheet imports, personal-data exports, report downloads,
 * evidence files):
 * a few run at once, a few more wait their turn, and past that the API answers 503 with
 * `Retry-After` at once instead of taking on work it has no memory for. The queue protects one
 * process, so it lives in that process's memory.
 * @module
 */
import type { MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import { isExportRequest } from "./Export.js"
import { httpProblem, sendProblem } from "./Problem.js"

/** How many heavy requests run at once, and how many may wait. */
export interface HeavyLimits {
  readonly concurrency: number
  readonly queue: number
}

/** A slot to run in, and the function that gives it back. */
export type Release = () => void

/** Admits work up to the limits: a slot now, a place in the line, or `undefined` when both are full. */
export const makeHeavyQueue = (limits: HeavyLimits) => {
  let running = 0
  const waiting: Array<() => void> = []
  const releaser = (): Release => {
    let released = false
    return () => {
      if (released) return
      released = true
      running--
      waiting.shift()?.()
    }
  }
  const admit = (): Promise<Release> | undefined => {
    if (running < limits.concurrency) {
      running++
      return Promise.resolve(releaser())
    }
    if (waiting.length >= limits.queue) return undefined
    return new Promise((resolve) =>
      waiting.push(() => {
        running++
        resolve(releaser())
      }),
    )
  }
  return { admit, state: () => ({ running, waiting: waiting.length }) }
}

/** A heavy queue. */
export type HeavyQueue = ReturnType<typeof makeHeavyQueue>

const heavyPaths: ReadonlyArray<readonly [string, RegExp]> = [
  ["POST", /^\/v1\/events\/[^/]+\/sign-in-sheet\/?$/],
  ["GET", /^\/v1\/(people|beneficiaries)\/[^/]+\/export\/?$/],
  ["GET", /^\/v1\/reports(\/.*)?$/],
  ["POST", /^\/v1\/(events|activities)\/[^/]+\/evidence\/?$/],
  ["GET", /^\/v1\/evidence\/[^/]+\/?$/],
]

/** Whether a request is heavy: a sheet import, a personal-data export, a report download, or an evidence upload or download. */
export const isHeavy = (method: string, path: string): boolean =>
  heavyPaths.some(([m, pattern]) => m === method && pattern.test(path))

/** Seconds a refused client is asked to wait before trying again. */
export const retryAfterSeconds = 5

/**
 * A streamed body that calls `finish` once it has been read to the end or cancelled: a
 * download holds its place in the queue until its last byte, not just until it starts.
 */
const releasedAtEnd = (body: ReadableStream<Uint8Array>, finish: () => void): ReadableStream<Uint8Array> => {
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) {
          finish()
          controller.close()
        } else controller.enqueue(value)
      } catch (error) {
        finish()
        controller.error(error)
      }
    },
    cancel(reason) {
      finish()
      return reader.cancel(reason)
    },
  })
}

/** Runs heavy requests (and exports of lists) through `queue`; the rest pass straight on. */
export const heavyRequests =
  (queue: HeavyQueue): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!isHeavy(c.req.method, c.req.path) && !isExportRequest(c)) return next()
    const admitted = queue.admit()
    if (!admitted)
      return sendProblem(
        c,
        httpProblem(503, "The server is busy with other imports, exports and reports; try again shortly."),
        { "Retry-After": String(retryAfterSeconds) },
      )
    const release = await admitted
    let released = false
    const finish = () => {
      if (!released) {
        released = true
        release()
      }
    }
    let streaming = false
    try {
      await next()
      const body = c.res.body
      if (body && c.res.headers.get("Content-Disposition")?.startsWith("attachment")) {
        streaming = true
        c.res = new Response(releasedAtEnd(body, finish), c.res)
      }
    } finally {
      if (!streaming) finish()
    }
  }
