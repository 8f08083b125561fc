/**
 * Turns for ordinary requests: a bounded number run their handlers at once and the rest wait
 * in arrival order. The database clients hand their connection (SQLite's one, the pool's) to
 * whichever fiber asks first when it is freed, so under load a request that has waited can be
 * overtaken again and again by newer ones, for seconds (the 50-client mix saw p99 at 17× p50
 * on SQLite). With a few requests inside at a time, overtaking is bounded by them and the
 * answer's wait is the queue's, first come first served. Heavy requests have their own queue
 * (HeavyQueue.ts) and pass here straight on; past `queue` waiting requests the API answers 503.
 * @module
 */
import type { MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import { type HeavyQueue, isHeavy, retryAfterSeconds } from "./HeavyQueue.js"
import { httpProblem, sendProblem } from "./Problem.js"

/** How many ordinary requests run at once, and how many may wait. */
export const turnLimits = { concurrency: 8, queue: 10_000 } as const

/** Runs ordinary requests through `queue`, one turn each, in arrival order. */
export const takeTurns =
  (queue: HeavyQueue): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (isHeavy(c.req.method, c.req.path)) return next()
    const admitted = queue.admit()
    if (!admitted)
      return sendProblem(
        c,
        httpProblem(503, "The server has too many requests waiting; try again shortly."),
        {
          "Retry-After": String(retryAfterSeconds),
        },
      )
    const release = await admitted
    try {
      await next()
    } finally {
      release()
    }
  }
