/**
 * `Idempotency-Key` on POST: the first request with a key runs and its answer is stored in the
 * database; a repeat with the same key and the same request gets that answer again
 * (`Idempotent-Replayed: true`) and changes nothing; the same key with another body or path is
 * 422, and a repeat while the first is still running is 409. Keys belong to the caller that
 * sent them. An unexpected failure (5xx) frees the key so a retry runs again.
 * @module
 */
import { createHash } from "node:crypto"
import { IdempotencyKeys } from "@coordina/store"
import { Effect } from "effect"
import type { MiddlewareHandler } from "hono"
import type { AppEnv } from "./AppEnv.js"
import { httpProblem, sendProblem } from "./Problem.js"

const validKey = /^[\x21-\x7e]{1,255}$/

/** The idempotency middleware for POST requests of authenticated callers. */
export const idempotency = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const key = c.req.header("Idempotency-Key")
  const principal = c.get("principal")
  if (c.req.method !== "POST" || key === undefined || principal === undefined) return next()
  if (!validKey.test(key))
    return sendProblem(c, httpProblem(400, "Idempotency-Key must be 1 to 255 visible ASCII characters."))
  const body = Buffer.from(await c.req.arrayBuffer())
  const request = {
    method: c.req.method,
    path: c.req.path,
    bodyHash: createHash("sha256").update(body).digest("hex"),
  }
  const run = <A>(effect: Effect.Effect<A, never, IdempotencyKeys>) => c.var.runtime.runPromise(effect)
  const claim = await run(IdempotencyKeys.pipe(Effect.flatMap((k) => k.claim(principal.id, key, request))))
  if (claim._tag === "Seen") {
    const first = claim.first
    if (first.method !== request.method || first.path !== request.path || first.bodyHash !== request.bodyHash)
      return sendProblem(
        c,
        httpProblem(422, "This Idempotency-Key was used for a different request.", {
          type: "urn:coordina:problem:idempotency-key-reused",
        }),
      )
    if (!first.response)
      return sendProblem(c, httpProblem(409, "The first request with this Idempotency-Key is still running."))
    return new Response(first.response.body || null, {
      status: first.response.status,
      headers: { "Content-Type": first.response.contentType, "Idempotent-Replayed": "true" },
    })
  }
  try {
    await next()
  } catch (error) {
    await run(IdempotencyKeys.pipe(Effect.flatMap((k) => k.release(principal.id, key))))
    throw error
  }
  const res = c.res
  if (res.status >= 500) {
    await run(IdempotencyKeys.pipe(Effect.flatMap((k) => k.release(principal.id, key))))
    return
  }
  const text = await res.clone().text()
  await run(
    IdempotencyKeys.pipe(
      Effect.flatMap((k) =>
        k.complete(principal.id, key, {
          status: res.status,
          body: text,
          contentType: res.headers.get("Content-Type") ?? "application/json",
        }),
      ),
    ),
  )
}
